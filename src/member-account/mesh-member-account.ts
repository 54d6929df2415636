/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ManagedBlueprint } from './managed-blueprint';
import { ICatalogDomain } from '../catalog-domain/catalog-domain';
import { SUBNET_ZONES_METADATA } from '../contract';
import { acknowledge } from '../private/acknowledge';
import { managedPolicyFinding } from '../private/custom-resource';
import { allowCloudWatchLogs } from '../private/logs-key';
import { createProjectMemberRole, projectMemberRoleName } from '../private/project-member';
import { InputProblems } from '../private/validate';
import { TwoAzPrivateVpc } from '../two-az-private-vpc/two-az-private-vpc';

/* The contract with DataMeshChecks' rules (src/contract.ts), exported from here as before. */
export { SUBNET_ZONES_METADATA };

/** Properties of a `MeshMemberAccount`. */
export interface MeshMemberAccountProps {
  /** The shared domain (usually `CatalogDomain.fromSharedDomain`). */
  readonly domain: ICatalogDomain;

  /** The private two-zone network the blueprints' environments run in. */
  readonly network: TwoAzPrivateVpc;

  /**
   * The managed blueprints to enable in this account; Tooling must be one of them.
   *
   * @default [ManagedBlueprint.TOOLING]
   */
  readonly blueprints?: ManagedBlueprint[];

  /**
   * The role Lake Formation uses to register the DataLake blueprint's project locations.
   *
   * @default - none: DataZone's default
   */
  readonly dataLakeLocationRegistrationRole?: iam.IRole;

  /**
   * A customer managed key for the Tooling bucket (the projects' storage). The key is announced to the
   * Tooling blueprint (`KmsKeyArn`), whose project roles may use only the key they are tagged with, and,
   * for a key of this app, its key policy lets CloudWatch Logs use it for the projects' log groups.
   *
   * @default - S3 managed keys (SSE-S3): project roles need no key permission, whichever way Tooling
   *   hands a key to them
   */
  readonly toolingBucketKey?: kms.IKey;

  /**
   * What happens to the Tooling bucket and its access-log bucket when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Create the account's DataZone project-member role (`cdk-data-mesh-project-member-<region>`), which the
   * stacks of `ProducerDataProduct` and `ConsumerBinding` act as and the governance account registers as a
   * project member (`MeshProjectMember`). The role serves every domain the account is in: set this to false
   * in a second `MeshMemberAccount` of the same account and Region (another domain), whose first one creates it.
   *
   * @default true
   */
  readonly createProjectMemberRole?: boolean;
}

/**
 * A producer or consumer account's side of the mesh: what the shared domain needs in the account
 * before projects can deploy there.
 *
 * Defines, in the member account:
 * - the provisioning role (`AmazonSageMakerProvisioning-<governance account>`) and the manage-access
 *   role (`AmazonSageMakerManageAccess-<region>-<domain id>`), both trusted by DataZone only on behalf
 *   of the governance account (`aws:SourceAccount`), the latter only for this domain (`aws:SourceArn`);
 * - the Tooling bucket: encrypted (S3 managed keys, or `toolingBucketKey`, announced to Tooling as
 *   `KmsKeyArn`), TLS only, public access blocked, versioned, with access logs; retained by default;
 * - one `AWS::DataZone::EnvironmentBlueprintConfiguration` per blueprint (Tooling first, one after
 *   the other), with the network's VPC, subnets and the Tooling bucket as regional parameters;
 * - the `CREATE_ENVIRONMENT_FROM_BLUEPRINT` policy grant on `<account>:<blueprint id>` for project
 *   contributors of every domain unit;
 * - the account's DataZone project-member role (`projectMemberRole`), which the data-product and binding
 *   stacks act as, so that it exists before the governance account makes it a project member.
 *
 * The member stack must deploy after the governance stack has shared the domain
 * (`memberStack.addStackDependency(governanceStack)`).
 */
export class MeshMemberAccount extends Construct {
  /** The role DataZone provisions project environments with. */
  public readonly provisioningRole: iam.IRole;
  /** The role DataZone manages access to published data with. */
  public readonly manageAccessRole: iam.IRole;
  /** The Tooling blueprint's bucket. */
  public readonly toolingBucket: s3.IBucket;
  /** The blueprints enabled in this account. */
  public readonly blueprints: ManagedBlueprint[];
  /**
   * The account's DataZone project-member role (undefined when `createProjectMemberRole` is false). It has no
   * permission of its own: the stacks whose handlers act as it add theirs.
   */
  public readonly projectMemberRole?: iam.IRole;
  /**
   * The name of the account's project-member role, fixed at synth (`cdk-data-mesh-project-member-<region>`), for
   * the governance account's `MeshProjectMember` (ARN `arn:<partition>:iam::<account>:role/<name>`).
   */
  public readonly projectMemberRoleName: string;

  private readonly configurations = new Map<string, datazone.CfnEnvironmentBlueprintConfiguration>();

  constructor(scope: Construct, id: string, props: MeshMemberAccountProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const blueprints = props.blueprints ?? [ManagedBlueprint.TOOLING];
    validateProps(this, stack, props, blueprints);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const governanceAccount = props.domain.governanceAccount;
    this.blueprints = blueprints;

    this.provisioningRole = this.defineProvisioningRole(governanceAccount);
    this.manageAccessRole = this.defineManageAccessRole(props.domain);
    if (props.domain.encryptionKey) {
      // DataZone requires every caller to hold these on a customer managed domain key, in IAM too
      // (docs/deploy-hazards.md F1); the key policy admits this account (CatalogDomain).
      for (const role of [this.provisioningRole, this.manageAccessRole]) {
        role.addToPrincipalPolicy(new iam.PolicyStatement({
          sid: 'UseTheDomainKey',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          resources: [props.domain.encryptionKey.keyArn],
        }));
      }
    }
    this.toolingBucket = this.defineToolingBucket(removalPolicy, props.toolingBucketKey);
    // Created here, in the account's first stack, so that it exists before the governance account registers it
    // as a DataZone user and project member (docs/deploy-hazards.md F2; docs/decisions/0012-project-member-per-stack.md).
    this.projectMemberRoleName = projectMemberRoleName(this);
    if (props.createProjectMemberRole ?? true) {
      this.projectMemberRole = createProjectMemberRole(this, 'ProjectMemberRole');
    }

    let previous: datazone.CfnEnvironmentBlueprintConfiguration | undefined;
    const ordered = [ManagedBlueprint.TOOLING, ...blueprints.filter((b) => b.name !== ManagedBlueprint.TOOLING.name)];
    for (const blueprint of ordered) {
      const configuration = new datazone.CfnEnvironmentBlueprintConfiguration(this, `${blueprint.name}Blueprint`, {
        domainIdentifier: props.domain.domainId,
        environmentBlueprintIdentifier: blueprint.name,
        enabledRegions: [stack.region],
        provisioningRoleArn: this.provisioningRole.roleArn,
        manageAccessRoleArn: this.manageAccessRole.roleArn,
        regionalParameters: [{
          region: stack.region,
          parameters: {
            S3Location: this.toolingBucket.s3UrlForObject(),
            Subnets: props.network.toolingSubnets,
            VpcId: props.network.vpcId,
            ...(props.toolingBucketKey ? { KmsKeyArn: props.toolingBucketKey.keyArn } : {}),
          },
        }],
        // The Lake Formation configuration names the role that registers project locations; without one,
        // DataZone's default applies (AWS's samples pass none), so an empty configuration is left out.
        provisioningConfigurations: blueprint.name === ManagedBlueprint.DATA_LAKE.name && props.dataLakeLocationRegistrationRole
          ? [{ lakeFormationConfiguration: { locationRegistrationRole: props.dataLakeLocationRegistrationRole.roleArn } }]
          : undefined,
      });
      const zones = props.network.availabilityZones;
      if (!zones.some((z) => Token.isUnresolved(z))) {
        // The zones the network verified at synth, for DataMesh-BP2 when the subnets are not in this template.
        configuration.addMetadata(SUBNET_ZONES_METADATA, zones);
      }
      configuration.node.addDependency(this.provisioningRole, this.manageAccessRole);
      if (previous) {
        // AWS enables blueprints one after the other (a service limit on concurrent enablement).
        configuration.node.addDependency(previous);
      }
      previous = configuration;
      this.configurations.set(blueprint.name, configuration);

      new datazone.CfnPolicyGrant(this, `${blueprint.name}BlueprintGrant`, {
        domainIdentifier: props.domain.domainId,
        entityType: 'ENVIRONMENT_BLUEPRINT_CONFIGURATION',
        entityIdentifier: Fn.join(':', [stack.account, configuration.attrEnvironmentBlueprintId]),
        policyType: 'CREATE_ENVIRONMENT_FROM_BLUEPRINT',
        detail: { createEnvironmentFromBlueprint: {} },
        principal: {
          project: {
            projectDesignation: 'CONTRIBUTOR',
            projectGrantFilter: { domainUnitFilter: { domainUnit: props.domain.rootDomainUnitId, includeChildDomainUnits: true } },
          },
        },
      });
    }
  }

  /** The id of an enabled blueprint (the `EnvironmentBlueprintId` attribute of its configuration). */
  public blueprintId(blueprint: ManagedBlueprint): string {
    const configuration = this.configurations.get(blueprint.name);
    if (!configuration) {
      throw new Error(`MeshMemberAccount at '${this.node.path}': blueprint '${blueprint.name}' is not enabled here; enabled: ${[...this.configurations.keys()].join(', ')}. Add it to 'blueprints'.`);
    }
    return configuration.attrEnvironmentBlueprintId;
  }

  private defineProvisioningRole(governanceAccount: string): iam.IRole {
    const source = { StringEquals: { 'aws:SourceAccount': governanceAccount } };
    const role = new iam.Role(this, 'ProvisioningRole', {
      roleName: `AmazonSageMakerProvisioning-${governanceAccount}`,
      path: '/service-role/',
      description: 'Provisions SageMaker Unified Studio project environments in this account for the governance account\'s domain',
      assumedBy: new iam.ServicePrincipal('datazone.amazonaws.com').withConditions(source),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/SageMakerStudioProjectProvisioningRolePolicy')],
    });
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
      actions: ['sts:TagSession'],
      principals: [new iam.ServicePrincipal('datazone.amazonaws.com').withConditions(source)],
      conditions: { 'ForAllValues:StringLike': { 'aws:TagKeys': 'datazone*' } },
    }));
    acknowledge(role, managedPolicyFinding('service-role/SageMakerStudioProjectProvisioningRolePolicy'),
      'SageMaker Unified Studio requires the AWS managed SageMakerStudioProjectProvisioningRolePolicy on the provisioning role; AWS maintains it as the blueprints change.');
    return role;
  }

  private defineManageAccessRole(domain: ICatalogDomain): iam.IRole {
    const stack = Stack.of(this);
    // The three managed policies AWS's CloudFormation and Terraform samples attach (the SageMaker one is not under service-role/).
    const policies = [
      'service-role/AmazonDataZoneGlueManageAccessRolePolicy',
      'service-role/AmazonDataZoneRedshiftManageAccessRolePolicy',
      'AmazonDataZoneSageMakerManageAccessRolePolicy',
    ];
    const role = new iam.Role(this, 'ManageAccessRole', {
      roleName: Fn.join('-', ['AmazonSageMakerManageAccess', stack.region, domain.domainId]),
      path: '/service-role/',
      description: 'Grants and revokes access to this account\'s published data for the governance account\'s domain',
      assumedBy: new iam.ServicePrincipal('datazone.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': domain.governanceAccount },
        ArnEquals: { 'aws:SourceArn': domain.domainArn },
      }),
      managedPolicies: policies.map((p) => iam.ManagedPolicy.fromAwsManagedPolicyName(p)),
    });
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'ReadDomainSecrets',
      actions: ['secretsmanager:GetSecretValue'],
      resources: ['*'],
      conditions: { StringEquals: { 'secretsmanager:ResourceTag/AmazonDataZoneDomain': domain.domainId } },
    }));
    for (const policy of policies) {
      acknowledge(role, managedPolicyFinding(policy), `SageMaker Unified Studio requires the AWS managed ${policy.split('/').pop()} on the manage-access role; AWS maintains it.`);
    }
    acknowledge(role, 'AwsSolutions-IAM5[Resource::*]',
      'The manage-access role reads only secrets tagged with this domain (condition secretsmanager:ResourceTag/AmazonDataZoneDomain); their names are not known in advance.');
    return role;
  }

  private defineToolingBucket(removalPolicy: RemovalPolicy, key?: kms.IKey): s3.IBucket {
    if (key) {
      // Tooling's log groups (datazone-*, airflow-*) are encrypted with the key it is given (MDAA's pattern).
      allowCloudWatchLogs(key, 'AllowCloudWatchLogsForToolingLogGroups', ['datazone-*', 'airflow-*']);
    }
    const accessLogs = new s3.Bucket(this, 'ToolingAccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
    });
    acknowledge(accessLogs, 'AwsSolutions-S1', 'This bucket receives the Tooling bucket\'s server access logs; logging the log bucket would recurse.');
    const bucket = new s3.Bucket(this, 'ToolingBucket', {
      ...(key
        ? { encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true }
        : { encryption: s3.BucketEncryption.S3_MANAGED }),
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      removalPolicy,
    });
    // Server access logs through a bucket policy (not the legacy log-delivery ACL), for this bucket only.
    accessLogs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'ServerAccessLogsFromToolingBucket',
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [accessLogs.arnForObjects('tooling/*')],
      conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
    }));
    (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: accessLogs.bucketName, logFilePrefix: 'tooling/' };
    return bucket;
  }
}

function validateProps(scope: Construct, stack: Stack, props: MeshMemberAccountProps, blueprints: ManagedBlueprint[]): void {
  const problems = new InputProblems(scope, 'MeshMemberAccount');
  if (!blueprints.some((b) => b.name === ManagedBlueprint.TOOLING.name)) {
    problems.add('blueprints', blueprints.map((b) => b.name), 'Tooling must be enabled in every account a project profile targets (CloudFormation does not add it the way the console does)', 'Add ManagedBlueprint.TOOLING.');
  }
  const names = blueprints.map((b) => b.name);
  if (new Set(names).size !== names.length) {
    problems.add('blueprints', names, 'each blueprint may be enabled once', 'Remove the duplicate.');
  }
  const governance = props.domain.governanceAccount;
  if (!Token.isUnresolved(governance) && !Token.isUnresolved(stack.account) && governance === stack.account) {
    problems.add('domain', governance, 'the member account is the governance account itself; producer and consumer must be other accounts', 'Deploy this stack to the producer or consumer account.');
  }
  const networkStack = Stack.of(props.network);
  if (networkStack !== stack) {
    problems.add('network', props.network.node.path, `the network must be in this stack (${stack.node.path}), in the account and Region whose blueprints use it`, 'Define the TwoAzPrivateVpc in this stack.');
  }
  const zones = props.network.availabilityZones;
  if (!zones.some((z) => Token.isUnresolved(z))) {
    const region = stack.region;
    if (new Set(zones).size < 2) {
      problems.add('network', zones, 'the Tooling subnets must span at least two distinct Availability Zones', 'Use a TwoAzPrivateVpc with subnets in two zones.');
    } else if (!Token.isUnresolved(region) && zones.some((z) => !z.startsWith(region))) {
      problems.add('network', zones, `the Tooling subnets must be in the blueprint's Region ${region}`, 'Use zones of the stack\'s Region.');
    }
  } else {
    Validations.of(scope).addWarning('cdk-data-mesh:MeshMemberAccount.unverifiableAzs',
      'The Availability Zones of the Tooling subnets are not known at synth, so two distinct zones in the blueprint\'s Region cannot be verified.');
  }
  problems.throwIfAny();
}
