/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */

/*
 * The contract between the constructs and the DataMeshChecks rule pack: the names the constructs write
 * into the CloudFormation template (metadata keys, custom-resource types, environment variables, AWS RAM
 * permissions) and the rules read back. Plain constants, no construct imports: the rules under src/nag
 * import these, never a construct module (docs/decisions/0002-rules-read-cloudformation.md).
 */

// Metadata keys

/** The CloudFormation metadata key with which a data source asks for Apache Iceberg tables. */
export const REQUIRE_ICEBERG_METADATA = 'cdk-data-mesh:requireIceberg';
/** The CloudFormation metadata key under which the zones of the Tooling subnets are declared. */
export const SUBNET_ZONES_METADATA = 'cdk-data-mesh:subnetZones';

// Custom-resource types

/** The custom resource type that adds the binding's statement to the project role's trust policy. */
export const TRUST_BINDING_TYPE = 'Custom::ConsumerTrustBinding';
/** The custom resource type that merges the binding into an existing function's configuration. */
export const FUNCTION_BINDING_TYPE = 'Custom::ConsumerFunctionBinding';
/** The custom resource type that revokes IAMAllowedPrincipals. */
export const REVOKE_IAM_ALLOWED_PRINCIPALS_TYPE = 'Custom::RevokeIamAllowedPrincipals';
/** The custom resource type that checks (or adds) the Lake Formation data-lake administrators. */
export const LAKE_FORMATION_ADMINS_TYPE = 'Custom::LakeFormationAdmins';
/** The custom resource type that runs a data source at deploy and waits for the run to succeed. */
export const START_DATA_SOURCE_RUN_TYPE = 'Custom::StartDataSourceRun';
/** The custom resource type that subscribes a consumer project to a published asset. */
export const SUBSCRIPTION_TYPE = 'Custom::ConsumerSubscription';
/** The custom resource type that finds a managed blueprint's id. */
export const BLUEPRINT_LOOKUP_TYPE = 'Custom::ManagedBlueprintId';
/** The custom resource type that finds a project's role. */
export const PROJECT_ROLE_LOOKUP_TYPE = 'Custom::ProjectRoleLookup';
/** The custom resource type that waits for a project's Tooling environment and reads its connection and Athena workgroup. */
export const PROJECT_ENVIRONMENT_LOOKUP_TYPE = 'Custom::ProjectEnvironmentLookup';
/** The custom resource type with which a project member adds a role (the CloudFormation execution role) to the project. */
export const PROJECT_MEMBERSHIP_TYPE = 'Custom::ProjectMembership';
/** The custom resource type that finds (or creates) an IAM role's DataZone user profile and activates it; its attribute `Id` is the profile id. */
export const USER_PROFILE_TYPE = 'Custom::UserProfile';
/** The custom resource type that grants a new subscription target the subscriptions its project already has. */
export const SUBSCRIPTION_TARGET_GRANTS_TYPE = 'Custom::SubscriptionTargetGrants';
/** The custom resource type that waits for the domain share's associations. */
export const SHARE_ASSOCIATION_WAITER_TYPE = 'Custom::ShareAssociationWaiter';
/** The custom resource type that probes the mesh VPC's services at deploy. */
export const CONNECTIVITY_PROBE_TYPE = 'Custom::ConnectivityProbe';

// Environment variables

/** The environment variable that names the role the binding's exec wrapper assumes. */
export const ROLE_VARIABLE = 'MESH_ROLE_ARN';
/** The environment variable that names the consumer project's Athena workgroup for the bound function. */
export const ATHENA_WORKGROUP_VARIABLE = 'MESH_ATHENA_WORKGROUP';

// AWS RAM permissions

/** The AWS RAM managed permissions of a DataZone V2 (SageMaker Unified Studio) domain share. */
export const V2_DOMAIN_SHARE_PERMISSIONS = {
  API_AND_PORTAL: 'AWSRAMPermissionsAmazonDatazoneDomainExtendedServiceWithPortalAccess',
  API_ONLY: 'AWSRAMPermissionsAmazonDatazoneDomainExtendedServiceAccess',
} as const;

// DataZone subscription targets (docs/decisions/0018-workload-binding-through-subscription-targets.md)

/** The subscription-target type whose subscribed Glue tables DataZone grants through Lake Formation. */
export const GLUE_SUBSCRIPTION_TARGET_TYPE = 'GlueSubscriptionTargetType';
/** The provider a subscription target must name for DataZone to fulfil subscriptions to it. */
export const GLUE_SUBSCRIPTION_TARGET_PROVIDER = 'Amazon DataZone';
/** The asset type of a Glue table. */
export const GLUE_TABLE_ASSET_TYPE = 'GlueTableAssetType';
/** The form of a Glue subscription target's configuration (`{"databaseName": …}`). */
export const GLUE_SUBSCRIPTION_TARGET_FORM = 'GlueSubscriptionTargetConfigForm';
