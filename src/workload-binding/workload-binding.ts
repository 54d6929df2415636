/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'crypto';
import { Aws, CustomResource, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import { Construct } from 'constructs';
import { BoundWorkload } from './bound-workload';
import { subscriptionTargetPrincipalProblem } from './workload-kinds';
import { ICatalogDomain } from '../catalog-domain/catalog-domain';
import {
  GLUE_SUBSCRIPTION_TARGET_FORM, GLUE_SUBSCRIPTION_TARGET_PROVIDER, GLUE_SUBSCRIPTION_TARGET_TYPE, GLUE_TABLE_ASSET_TYPE,
  SUBSCRIPTION_TARGET_GRANTS_TYPE,
} from '../contract';
import { acknowledge } from '../private/acknowledge';
import { projectIdParameterName, readHandoffParameter } from '../private/handoff';
import { ProjectMemberHandler } from '../private/project-member';
import { PythonProvider } from '../private/python-provider';
import { glueNameProblem, InputProblems, isUnresolved, projectNameProblem } from '../private/validate';

/** The environment configuration name of a consumer project's DataLake ("Lakehouse Database") environment. */
const LAKEHOUSE_ENVIRONMENT = 'Lakehouse Database';

/** Properties of a `WorkloadBinding`: the same for every kind of workload. */
export interface WorkloadBindingProps {
  /** The shared domain (usually `CatalogDomain.fromSharedDomain`). */
  readonly domain: ICatalogDomain;

  /** The existing workload, e.g. `BoundWorkload.glueJob(role)`. Its code, image and configuration are not changed. */
  readonly workload: BoundWorkload;

  /**
   * The consumer project's name, when it was created with `MeshProjectProfile.addProject()`: its id is read
   * from the parameter the governance account shared with this account.
   *
   * @default - none: pass `projectId` or `lakehouseEnvironmentId`
   */
  readonly projectName?: string;

  /**
   * The consumer project's id.
   *
   * @default - none: pass `projectName` or `lakehouseEnvironmentId`
   */
  readonly projectId?: string;

  /**
   * The id of the consumer project's lakehouse (DataLake, "Lakehouse Database") environment in this account.
   *
   * @default - looked up at deploy (when the project is named by `projectName` or `projectId`) by the stack's
   * project member (`projectMemberRoleName`), which the governance account must make a member of the consumer
   * project (`MeshProjectMember`; `ThreeAccountMesh` does)
   */
  readonly lakehouseEnvironmentId?: string;

  /**
   * The Glue database of this account that DataZone puts the subscribed tables in (as resource links) for the
   * workload. Name a database the workload already reads to keep its code as it is; the database must exist
   * (DataZone does not create it) and the binding grants the manage-access role `CREATE_TABLE` and `DESCRIBE` on it.
   *
   * @default - a database created for the binding (`mesh_<12 hex digits>`, retained on delete): see `databaseName`
   */
  readonly databaseName?: string;

  /**
   * The role DataZone uses to grant and revoke in this account: this account's, never another account's.
   *
   * @default - the account's manage-access role, `service-role/AmazonSageMakerManageAccess-<region>-<domain id>`
   * (created by `MeshMemberAccount`)
   */
  readonly manageAccessRoleArn?: string;

  /**
   * Whether the workload's role gets the IAM permissions that reading a Lake Formation table needs
   * (`lakeformation:GetDataAccess`; `glue:GetDatabase(s)`, `GetTable(s)`, `GetPartition(s)`). They give no data:
   * Lake Formation decides what the role may read, from DataZone's grants. Turn it off when the role already
   * has them, or when it is not mutable here.
   *
   * @default true
   */
  readonly grantCatalogRead?: boolean;
}

/**
 * Binds an existing workload of this account (a Lambda function of any runtime, a Glue job, an ECS task, an EMR
 * Serverless runtime role, any IAM role) to a consumer project, without a change to its code or image: DataZone
 * grants every table the project subscribes to to the workload's own role, and revokes it when the subscription
 * is revoked (docs/decisions/0018-workload-binding-through-subscription-targets.md).
 *
 * Defines:
 * - a DataZone subscription target (`AWS::DataZone::SubscriptionTarget`, type `GlueSubscriptionTargetType`) on the
 *   project's lakehouse environment, whose authorized principal is the workload's role;
 * - the Glue database the subscribed tables appear in (unless `databaseName` names an existing one), and a Lake
 *   Formation grant of `CREATE_TABLE` and `DESCRIBE` on it to the account's manage-access role;
 * - (`grantCatalogRead`) a policy on the workload's role with the Glue Data Catalog and Lake Formation calls that
 *   reading a governed table needs;
 * - the lookup of the lakehouse environment (unless `lakehouseEnvironmentId` is given) and, when the project is named, a
 *   custom resource that grants the new target the subscriptions the project already has (DataZone documents
 *   fulfilment to a target only for subscriptions approved after it), both as the stack's project member.
 *
 * The workload reads `<databaseName>.<table>` with its own credentials. For a Python or Node.js function that must
 * act as the project role itself (its Athena workgroup, its S3 location), use `ConsumerBinding`.
 */
export class WorkloadBinding extends Construct {
  /** The Glue database the subscribed tables appear in. */
  public readonly databaseName: string;
  /** The subscription target's id. */
  public readonly subscriptionTargetId: string;
  /** The workload's role, which DataZone grants the subscribed tables to. */
  public readonly workloadRole: iam.IRole;
  /** The lakehouse environment the subscription target is on. */
  public readonly environmentId: string;
  /**
   * The name of the account's DataZone project-member role that looks the lakehouse environment up, when it does;
   * register it as a member of the consumer project with `MeshProjectMember`.
   */
  public readonly projectMemberRoleName?: string;
  private handedOffProjectId?: string;

  constructor(scope: Construct, id: string, props: WorkloadBindingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    validateProps(this, stack, props);
    this.workloadRole = props.workload.role!;
    const digest = createHash('sha256').update(this.node.path).digest('hex').slice(0, 12);
    const manageAccessRoleArn = props.manageAccessRoleArn ?? stack.formatArn({
      service: 'iam', region: '', resource: 'role', resourceName: `service-role/AmazonSageMakerManageAccess-${Aws.REGION}-${props.domain.domainId}`,
    });

    let database: glue.CfnDatabase | undefined;
    if (props.databaseName === undefined) {
      database = new glue.CfnDatabase(this, 'Database', {
        catalogId: stack.account,
        databaseInput: {
          name: `mesh_${digest}`,
          description: `cdk-data-mesh: the consumer project's subscribed tables for the ${props.workload.kind.label} ${props.workload.source}`,
        },
      });
      database.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
    this.databaseName = props.databaseName ?? `mesh_${digest}`;

    const grant = new lakeformation.CfnPrincipalPermissions(this, 'ManageAccessGrant', {
      principal: { dataLakePrincipalIdentifier: manageAccessRoleArn },
      resource: { database: { catalogId: stack.account, name: this.databaseName } },
      permissions: ['CREATE_TABLE', 'DESCRIBE'],
      permissionsWithGrantOption: [],
    });
    if (database) {
      grant.node.addDependency(database);
    }

    const lookup = props.lakehouseEnvironmentId === undefined ? this.lookUpEnvironment(props) : undefined;
    this.projectMemberRoleName = lookup?.roleName;
    this.environmentId = props.lakehouseEnvironmentId ?? lookup!.environmentId;

    const target = new datazone.CfnSubscriptionTarget(this, 'Target', {
      domainIdentifier: props.domain.domainId,
      environmentIdentifier: this.environmentId,
      name: `cdk-data-mesh-${digest}`,
      type: GLUE_SUBSCRIPTION_TARGET_TYPE,
      provider: GLUE_SUBSCRIPTION_TARGET_PROVIDER,
      applicableAssetTypes: [GLUE_TABLE_ASSET_TYPE],
      authorizedPrincipals: [this.workloadRole.roleArn],
      manageAccessRole: manageAccessRoleArn,
      subscriptionTargetConfig: [{ formName: GLUE_SUBSCRIPTION_TARGET_FORM, content: stack.toJsonString({ databaseName: this.databaseName }) }],
    });
    target.node.addDependency(grant);
    this.subscriptionTargetId = target.attrId;
    const projectId = this.projectId(props);
    if (projectId !== undefined) {
      this.grantEarlierSubscriptions(props, projectId, target);
    }

    if (props.grantCatalogRead ?? true) {
      const policy = new iam.Policy(this, 'CatalogRead', {
        statements: [
          new iam.PolicyStatement({
            sid: 'ReadGovernedTables',
            actions: ['lakeformation:GetDataAccess'],
            resources: ['*'],
          }),
          new iam.PolicyStatement({
            sid: 'ReadTheSubscribedTablesCatalog',
            actions: ['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
            // Resource links point at the producer's tables, in the producer's account: not known here.
            resources: [
              stack.formatArn({ service: 'glue', account: '*', resource: 'catalog' }),
              stack.formatArn({ service: 'glue', account: '*', resource: 'database', resourceName: '*' }),
              stack.formatArn({ service: 'glue', account: '*', resource: 'table', resourceName: '*/*' }),
            ],
          }),
        ],
      });
      this.workloadRole.attachInlinePolicy(policy);
      target.node.addDependency(policy);
      acknowledge(policy, 'AwsSolutions-IAM5[Resource::*]',
        'lakeformation:GetDataAccess has no resource type (Service Authorization Reference); Lake Formation grants decide what the role reads.');
      for (const resource of ['catalog', 'database/*', 'table/*/*']) {
        acknowledge(policy, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:glue:${regionToken(stack)}:*:${resource}]`,
          'The subscribed tables are resource links to the producers\' tables, in accounts and databases not known at synth; Lake Formation grants decide what the role reads.');
      }
    }
  }

  private lookUpEnvironment(props: WorkloadBindingProps): { environmentId: string; roleName: string } {
    const member = ProjectMemberHandler.of(this, props.domain);
    return { environmentId: member.lookUp(this.projectId(props)!, [], LAKEHOUSE_ENVIRONMENT).getAttString('EnvironmentId'), roleName: member.roleName };
  }

  /** The consumer project's id: given, or read from the hand-off parameter (once); undefined with only an environment id. */
  private projectId(props: WorkloadBindingProps): string | undefined {
    if (props.projectId !== undefined || props.projectName === undefined) {
      return props.projectId;
    }
    this.handedOffProjectId ??= readHandoffParameter(this, 'ProjectIdParameter', props.domain.governanceAccount, projectIdParameterName(props.projectName));
    return this.handedOffProjectId;
  }

  /**
   * Grant the new target the subscriptions the project already has (those DataZone did not grant it on its own),
   * as the stack's project member, which may read the project's subscriptions.
   */
  private grantEarlierSubscriptions(props: WorkloadBindingProps, projectId: string, target: datazone.CfnSubscriptionTarget): CustomResource {
    const member = ProjectMemberHandler.of(this, props.domain);
    const provider = PythonProvider.of(this, {
      handler: 'subscription_target_grants',
      description: 'grants a new subscription target the subscriptions its project already has',
      role: member.role,
      statements: [new iam.PolicyStatement({
        sid: 'GrantEarlierSubscriptions',
        actions: ['datazone:ListSubscriptions', 'datazone:ListSubscriptionGrants', 'datazone:CreateSubscriptionGrant'],
        resources: [props.domain.domainArn],
      })],
    });
    return new CustomResource(this, 'EarlierSubscriptions', {
      serviceToken: provider.serviceToken,
      resourceType: SUBSCRIPTION_TARGET_GRANTS_TYPE,
      properties: {
        DomainId: props.domain.domainId,
        ProjectId: projectId,
        EnvironmentId: this.environmentId,
        SubscriptionTargetId: target.attrId,
        HandlerRoleArn: member.role.roleArn,
      },
    });
  }
}

function regionToken(stack: Stack): string {
  return Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/.+$/;

function validateProps(scope: Construct, stack: Stack, props: WorkloadBindingProps): void {
  const problems = new InputProblems(scope, 'WorkloadBinding');
  // Each problem names its own prop: none given blames projectName (the first way to name the project); more
  // than one blames each prop after the first one given.
  const named = (['projectName', 'projectId', 'lakehouseEnvironmentId'] as const).filter((prop) => props[prop] !== undefined);
  if (named.length === 0) {
    problems.add('projectName', undefined, 'name the consumer project: projectName (created with addProject), projectId, or lakehouseEnvironmentId', 'Pass exactly one of them.');
  }
  for (const prop of named.slice(1)) {
    problems.add(prop, props[prop], `name the consumer project once: ${named[0]} already names it`, `Pass exactly one of projectName, projectId and lakehouseEnvironmentId; remove ${prop} or ${named[0]}.`);
  }
  const governance = props.domain.governanceAccount;
  if (!Token.isUnresolved(governance) && !Token.isUnresolved(stack.account) && governance === stack.account) {
    problems.add('domain', governance, 'the consumer account is the governance account itself; the consumer is a separate account', 'Deploy the binding to the consumer account.');
  }
  const role = props.workload.role;
  if (role === undefined) {
    problems.add('workload', props.workload.source, `the ${props.workload.kind.label} has no known role`, 'Import the function with its role: lambda.Function.fromFunctionAttributes({ functionArn, role }).');
  } else if (!Token.isUnresolved(role.roleArn)) {
    const match = ROLE_ARN.exec(role.roleArn);
    if (!match) {
      problems.add('workload', role.roleArn, 'expected an IAM role ARN, arn:aws:iam::<account>:role/<name> (DataZone grants to roles, never to an account root)', 'Import the role with iam.Role.fromRoleArn().');
    } else {
      if (!Token.isUnresolved(stack.account) && match[1] !== stack.account) {
        problems.add('workload', role.roleArn, `the role is in account ${match[1]}, not in this consumer account ${stack.account}; DataZone grants only to principals of the target's account`, 'Bind the workload from a stack in its own account.');
      }
      subscriptionTargetPrincipalProblem(problems, 'workload', role.roleArn,
        'Bind a Lambda function whose role has another character with ConsumerBinding, or give the workload a role without it.');
    }
  }
  const manage = props.manageAccessRoleArn;
  if (manage !== undefined && !Token.isUnresolved(manage)) {
    const match = ROLE_ARN.exec(manage);
    if (!match) {
      problems.add('manageAccessRoleArn', manage, 'expected an IAM role ARN, arn:aws:iam::<account>:role/service-role/AmazonSageMakerManageAccess-<region>-<domain id>', 'Pass the account\'s manage-access role, or leave it out.');
    } else if (!Token.isUnresolved(stack.account) && match[1] !== stack.account) {
      problems.add('manageAccessRoleArn', manage, `the role is in account ${match[1]}; DataZone grants in this account ${stack.account} with this account's manage-access role`, 'Leave it out to use the account\'s role (MeshMemberAccount creates it).');
    }
  }
  if (props.databaseName !== undefined) {
    glueNameProblem(problems, 'databaseName', props.databaseName, 'database');
  }
  projectNameProblem(problems, props.projectName);
  // botocore datazone: ProjectId and EnvironmentId are [a-zA-Z0-9_-]{1,36}; a token is checked by DataZone at deploy.
  for (const [prop, value] of [['projectId', props.projectId], ['lakehouseEnvironmentId', props.lakehouseEnvironmentId]] as const) {
    if (value !== undefined && !isUnresolved(value) && !/^[a-zA-Z0-9_-]{1,36}$/.test(value)) {
      problems.add(prop, value, 'a DataZone id is 1-36 letters, digits, _ and -', `Copy the ${prop === 'projectId' ? 'project' : 'environment'}'s id from the portal or the DataZone API (e.g. 'a1b2c3d4e5f6g7').`);
    }
  }
  problems.throwIfAny();
}
