/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { RuleDefinition } from '../rule';
import { BOUND_FUNCTION_READS_THROUGH_PROJECT } from './binding/bound-function-reads-through-project';
import { MANAGE_ACCESS_ROLE_IN_ACCOUNT } from './binding/manage-access-role-in-account';
import { TARGET_PRINCIPALS_ARE_ROLES } from './binding/target-principals-are-roles';
import { TARGET_PRINCIPALS_IN_ACCOUNT } from './binding/target-principals-in-account';
import { TARGET_ROLE_READS_THROUGH_GRANTS } from './binding/target-role-reads-through-grants';
import { TRUST_NAMES_A_ROLE } from './binding/trust-names-a-role';
import { REGIONAL_PARAMETERS_FORMAT } from './blueprint/regional-parameters-format';
import { TOOLING_BUCKET_KEY_ANNOUNCED } from './blueprint/tooling-bucket-key-announced';
import { TOOLING_PARAMETERS_COMPLETE } from './blueprint/tooling-parameters-complete';
import { TOOLING_SUBNETS_SPAN_TWO_AZS } from './blueprint/tooling-subnets-span-two-azs';
import { DATA_LAKE_SETTINGS_APPEND } from './data/data-lake-settings-append';
import { DATA_SOURCE_AFTER_GRANTS } from './data/data-source-after-grants';
import { DATA_SOURCE_RUNS } from './data/data-source-runs';
import { GLUE_DATA_SOURCE_BOUND } from './data/glue-data-source-bound';
import { IAM_ALLOWED_PRINCIPALS_REVOKED } from './data/iam-allowed-principals-revoked';
import { INCLUDED_TABLES_GRANTED } from './data/included-tables-granted';
import { LOCATION_IN_LAKE_FORMATION_MODE } from './data/location-in-lake-formation-mode';
import { PUBLISHED_TABLES_ARE_ICEBERG } from './data/published-tables-are-iceberg';
import { SUBSCRIBED_ASSET_PUBLISHED } from './data/subscribed-asset-published';
import { DOMAIN_ENCRYPTED_WITH_CMK } from './datazone/domain-encrypted-with-cmk';
import { DOMAIN_IS_V2 } from './datazone/domain-is-v2';
import { DOMAIN_KEY_ADMITS_SHARED_ACCOUNTS } from './datazone/domain-key-admits-shared-accounts';
import { GRANTS_PER_DOMAIN_UNIT } from './datazone/grants-per-domain-unit';
import { MEMBERSHIP_AFTER_USER_PROFILE } from './datazone/membership-after-user-profile';
import { SHARED_DOMAIN_USES_IDENTITY_CENTER } from './datazone/shared-domain-uses-identity-center';
import { USER_PROFILE_AFTER_ROLE } from './datazone/user-profile-after-role';
import { DATAZONE_TRUST_HAS_SOURCE_ACCOUNT } from './iam/datazone-trust-has-source-account';
import { NO_ADMIN_STATEMENT } from './iam/no-admin-statement';
import { STACK_NEAR_LIMITS } from './limits/stack-near-limits';
import { STACK_OVER_LIMITS } from './limits/stack-over-limits';
import { CONSUMER_PROFILE_HAS_DATA_LAKE } from './profile/consumer-profile-has-data-lake';
import { ENVIRONMENT_NAMES_UNIQUE } from './profile/environment-names-unique';
import { PROFILE_LISTS_TOOLING } from './profile/profile-lists-tooling';
import { PROJECT_OVERRIDES_EDITABLE_PARAMETERS } from './profile/project-overrides-editable-parameters';
import { TARGETED_ACCOUNTS_ENABLE_TOOLING } from './profile/targeted-accounts-enable-tooling';
import { DOMAIN_SHARE_PORTAL_ACCESS } from './ram/domain-share-portal-access';
import { DOMAIN_SHARE_USES_V2_PERMISSION } from './ram/domain-share-uses-v2-permission';
import { MEMBER_ACCOUNT_IS_ASSOCIATED } from './ram/member-account-is-associated';
import { SHARE_PRINCIPALS_ARE_OTHER_ACCOUNTS } from './ram/share-principals-are-other-accounts';
import { DISTINCT_ACCOUNTS } from './topology/distinct-accounts';
import { ENVIRONMENT_KNOWN } from './topology/environment-known';
import { GOVERNANCE_HOLDS_NO_DATA } from './topology/governance-holds-no-data';
import { ONE_REGION } from './topology/one-region';
import { ENDPOINT_SECURITY_GROUP_NOT_OPEN } from './vpc/endpoint-security-group-not-open';
import { ENDPOINTS_FOR_MESH_SERVICES } from './vpc/endpoints-for-mesh-services';
import { IMPORTED_VPC_NOT_VERIFIED } from './vpc/imported-vpc-not-verified';
import { NO_INTERNET_GATEWAY_ROUTE } from './vpc/no-internet-gateway-route';
import { NO_PUBLIC_IP_ON_LAUNCH } from './vpc/no-public-ip-on-launch';
import { SUBNETS_SPAN_TWO_AZS } from './vpc/subnets-span-two-azs';

/** Every rule of the DataMeshChecks pack, in RULES.md order. */
export const ALL_RULES: readonly RuleDefinition[] = [
  SUBNETS_SPAN_TWO_AZS,
  NO_INTERNET_GATEWAY_ROUTE,
  NO_PUBLIC_IP_ON_LAUNCH,
  ENDPOINTS_FOR_MESH_SERVICES,
  ENDPOINT_SECURITY_GROUP_NOT_OPEN,
  DOMAIN_IS_V2,
  DOMAIN_ENCRYPTED_WITH_CMK,
  DOMAIN_KEY_ADMITS_SHARED_ACCOUNTS,
  DOMAIN_SHARE_USES_V2_PERMISSION,
  DOMAIN_SHARE_PORTAL_ACCESS,
  SHARE_PRINCIPALS_ARE_OTHER_ACCOUNTS,
  DATAZONE_TRUST_HAS_SOURCE_ACCOUNT,
  TOOLING_PARAMETERS_COMPLETE,
  TOOLING_SUBNETS_SPAN_TWO_AZS,
  TARGETED_ACCOUNTS_ENABLE_TOOLING,
  TOOLING_BUCKET_KEY_ANNOUNCED,
  PROFILE_LISTS_TOOLING,
  DATA_SOURCE_AFTER_GRANTS,
  LOCATION_IN_LAKE_FORMATION_MODE,
  IAM_ALLOWED_PRINCIPALS_REVOKED,
  PUBLISHED_TABLES_ARE_ICEBERG,
  DATA_LAKE_SETTINGS_APPEND,
  DATA_SOURCE_RUNS,
  GLUE_DATA_SOURCE_BOUND,
  CONSUMER_PROFILE_HAS_DATA_LAKE,
  PROJECT_OVERRIDES_EDITABLE_PARAMETERS,
  BOUND_FUNCTION_READS_THROUGH_PROJECT,
  TRUST_NAMES_A_ROLE,
  DISTINCT_ACCOUNTS,
  ONE_REGION,
  GOVERNANCE_HOLDS_NO_DATA,
  ENVIRONMENT_KNOWN,
  NO_ADMIN_STATEMENT,
  STACK_NEAR_LIMITS,
  STACK_OVER_LIMITS,
  MEMBER_ACCOUNT_IS_ASSOCIATED,
  SUBSCRIBED_ASSET_PUBLISHED,
  INCLUDED_TABLES_GRANTED,
  IMPORTED_VPC_NOT_VERIFIED,
  ENVIRONMENT_NAMES_UNIQUE,
  REGIONAL_PARAMETERS_FORMAT,
  SHARED_DOMAIN_USES_IDENTITY_CENTER,
  MEMBERSHIP_AFTER_USER_PROFILE,
  USER_PROFILE_AFTER_ROLE,
  GRANTS_PER_DOMAIN_UNIT,
  TARGET_ROLE_READS_THROUGH_GRANTS,
  TARGET_PRINCIPALS_IN_ACCOUNT,
  MANAGE_ACCESS_ROLE_IN_ACCOUNT,
  TARGET_PRINCIPALS_ARE_ROLES,
];
