/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'crypto';
import { Annotations, Aws, CustomResource, DefaultStackSynthesizer, Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { ICatalogDomain } from '../catalog-domain/catalog-domain';
import { LAKE_FORMATION_ADMINS_TYPE, REQUIRE_ICEBERG_METADATA, REVOKE_IAM_ALLOWED_PRINCIPALS_TYPE, START_DATA_SOURCE_RUN_TYPE } from '../contract';
import { projectIdParameterName, readHandoffParameter } from '../private/handoff';
import { ProjectMemberHandler } from '../private/project-member';
import { lookUpProjectRole } from '../private/project-role';
import { PythonProvider } from '../private/python-provider';
import { glueNameProblem, InputProblems, isUnresolved, projectNameProblem } from '../private/validate';

/* The contract with DataMeshChecks' rules (src/contract.ts), exported from here as before. */
export { LAKE_FORMATION_ADMINS_TYPE, REQUIRE_ICEBERG_METADATA, REVOKE_IAM_ALLOWED_PRINCIPALS_TYPE, START_DATA_SOURCE_RUN_TYPE };

/** How long the deploy waits for the data source's run: CloudFormation fails a custom resource after one hour. */
const RUN_TIMEOUT = Duration.minutes(50);

/** How the data source runs and publishes. */
export interface DataSourceOptions {
  /**
   * The data source's name.
   *
   * @default - the database name
   */
  readonly name?: string;
  /**
   * Filter expressions on table names, e.g. `trees*` (all tables of the database when empty).
   *
   * @default - every table
   */
  readonly includeTables?: string[];
  /**
   * Whether imported assets are published to the catalog at once (as data products consumers can find).
   *
   * @default true
   */
  readonly publishOnImport?: boolean;
  /**
   * A cron schedule, e.g. `cron(0 6 * * ? *)`.
   *
   * @default - no schedule: runs at deploy (see `runOnDeploy`) and on demand
   */
  readonly schedule?: string;
  /**
   * Run the data source at deploy and wait (up to 50 minutes) until the run succeeded, so that the
   * tables are published when the stack is complete. A custom resource starts the run (or waits for
   * one the creation started) as the stack's project member, `ProducerDataProduct.projectMemberRole`
   * (see docs/deploy-hazards.md, F2 and F9).
   *
   * @default true
   */
  readonly runOnDeploy?: boolean;
  /**
   * The project environment the data source runs in (a V1-style binding; then no connection is looked up).
   *
   * @default - none: the data source is bound to the project's lakehouse connection (`connectionId`)
   */
  readonly environmentId?: string;
  /**
   * The project's connection the data source is bound to: in SageMaker Unified Studio (V2) projects a Glue
   * data source uses the project's lakehouse connection.
   *
   * @default - looked up at deploy, unless `environmentId` is given: the lakehouse connection of the project's
   * Tooling environment, once that environment is ACTIVE (waits up to 30 minutes)
   */
  readonly connectionId?: string;
}

/** Properties of a `ProducerDataProduct`. */
export interface ProducerDataProductProps {
  /** The shared domain (usually `CatalogDomain.fromSharedDomain`). */
  readonly domain: ICatalogDomain;
  /**
   * The producer project's id (it owns the data source).
   *
   * @default - read from the hand-off parameter of the project named `projectName`
   */
  readonly projectId?: string;
  /**
   * The producer project's name, when the project was created with `MeshProjectProfile.addProject()`
   * in the governance account: its id is read from the parameter shared with this account.
   *
   * @default - none: pass `projectId`
   */
  readonly projectName?: string;
  /**
   * The producer project's IAM role.
   *
   * @default - looked up in this account at deploy: the role `datazone_usr_role_<projectId>_*` the project's Tooling environment created
   */
  readonly projectRoleArn?: string;
  /** The existing Glue database, e.g. `collections`. */
  readonly databaseName: string;
  /**
   * The existing tables to grant and publish, e.g. `['trees']`.
   *
   * @default - none: set `allTables` to publish every table
   */
  readonly tableNames?: string[];
  /**
   * Grant and publish every table of the database.
   *
   * @default false
   */
  readonly allTables?: boolean;
  /** The bucket that holds the tables' data (it stays where it is). */
  readonly dataBucket: s3.IBucket;
  /**
   * The prefix of the tables' data in `dataBucket`, e.g. `collections/`.
   *
   * @default - the whole bucket
   */
  readonly dataPrefix?: string;
  /**
   * How the data source runs and publishes.
   *
   * @default - publish every granted table on import, no schedule
   */
  readonly dataSource?: DataSourceOptions;
  /**
   * Require the published tables to be Apache Iceberg tables (checked by DataMesh-ICE1 for Glue tables
   * defined in this app; tables defined outside the app cannot be seen at synth).
   *
   * @default false
   */
  readonly requireIceberg?: boolean;
  /**
   * Grant `IAMAllowedPrincipals` back when this construct is deleted (the state before the mesh).
   *
   * @default false - the data stays governed by Lake Formation only
   */
  readonly restoreIamAllowedPrincipalsOnDelete?: boolean;
  /**
   * Add the roles the deployment needs as Lake Formation data-lake administrators: the revocation
   * handler's role and the stack's CloudFormation execution role (with the default stack synthesizer).
   * The handler reads the account's admins and appends the missing ones (the current admins and
   * settings are kept), and never removes an admin, not even on delete. Its role is then allowed
   * `lakeformation:PutDataLakeSettings`. Without it the deployment only checks them, and fails
   * before any grant with the exact fix when one is missing. See docs/decisions/0010-lake-formation-admins.md.
   *
   * @default false - the admins are checked, never changed
   */
  readonly manageDataLakeAdmins?: boolean;
}

/**
 * Existing Glue tables published from the producer account as data products, without moving the data.
 *
 * In the producer account it defines:
 * - the registration of the data's S3 location with Lake Formation (service-linked role,
 *   Lake Formation mode, not hybrid);
 * - Lake Formation grants to the producer project's role: DESCRIBE on the database, and SELECT and
 *   DESCRIBE, both grantable, on the chosen tables (or every table);
 * - a custom resource that checks, first, that the revocation handler's role and the CloudFormation
 *   execution role are Lake Formation data-lake administrators (and adds them with `manageDataLakeAdmins`);
 * - a custom resource that revokes `IAMAllowedPrincipals` on the database and those tables (no
 *   CloudFormation resource does), after the grants, and verifies that none is left;
 * - the project role lookup, unless `projectRoleArn` is given;
 * - the stack's DataZone project member: the account's project-member role (`projectMemberRoleName`, created by
 *   `MeshMemberAccount` in an earlier stack and imported by name, with this stack's statements), which
 *   the governance account makes a member of the producer project (`MeshProjectMember`; `ThreeAccountMesh`
 *   does it), and its custom resources, which as that member wait for the project's Tooling environment and
 *   read its lakehouse connection, and add the stack's CloudFormation execution role (which creates the data
 *   source) to the project as a contributor;
 * - an `AWS::DataZone::DataSource` of type GLUE bound to that connection, that imports and publishes the
 *   tables, created after the grants (publication fails without them) and after the deployer joined the project;
 * - unless `dataSource.runOnDeploy` is false, a custom resource that runs the data source (as the project
 *   member) and waits until the run succeeded.
 *
 * See docs/deploy-hazards.md (F2) and docs/decisions/0012-project-member-per-stack.md.
 */
export class ProducerDataProduct extends Construct {
  /** The producer project's id. */
  public readonly projectId: string;
  /** The producer project's role the grants are for. */
  public readonly projectRoleArn: string;
  /** The data source's id. */
  public readonly dataSourceId: string;
  /**
   * The role of the custom resource that revokes IAMAllowedPrincipals and checks the Lake Formation
   * admins; it must be a data-lake administrator (its name is fixed, so it can be added before deploy). One per
   * stack: every data product of the stack shares it.
   */
  public readonly lakeFormationHandlerRole: iam.IRole;
  /**
   * The role that starts the data source's run at deploy (undefined when `runOnDeploy` is false): the
   * stack's project member, `projectMemberRole`.
   */
  public readonly dataSourceRunRole?: iam.IRole;
  /**
   * The stack's DataZone project member: every DataZone call of the stack's handlers (the connection lookup,
   * adding the deployer to the project, the data-source run) is made as this role. It must be a member of the
   * producer project before this stack deploys: register it in the governance account with `MeshProjectMember`
   * (`ThreeAccountMesh` does).
   */
  public readonly projectMemberRole: iam.IRole;
  /**
   * The name of `projectMemberRole`, fixed at synth (`cdk-data-mesh-project-member-<region>`): the account's
   * project-member role, which `MeshMemberAccount` creates in an earlier stack and this stack imports by name.
   */
  public readonly projectMemberRoleName: string;

  constructor(scope: Construct, id: string, props: ProducerDataProductProps) {
    super(scope, id);
    const stack = Stack.of(this);
    validateProps(this, props);
    checkTablesOnce(this, props);

    this.projectId = props.projectId
      ?? readHandoffParameter(this, 'ProjectIdParameter', props.domain.governanceAccount, projectIdParameterName(props.projectName!));
    this.projectRoleArn = props.projectRoleArn ?? this.lookUpProjectRole(this.projectId);
    const lakeFormation = this.lakeFormationProvider(props);
    this.lakeFormationHandlerRole = lakeFormation.handlerRole;
    const admins = this.dataLakeAdmins(lakeFormation, props, stack);
    const resourceArn = props.dataPrefix ? `${props.dataBucket.bucketArn}/${props.dataPrefix.replace(/^\/|\/$/g, '')}` : props.dataBucket.bucketArn;
    const registration = new lakeformation.CfnResource(this, 'Location', {
      resourceArn,
      useServiceLinkedRole: true,
      hybridAccessEnabled: false,
    });

    const principal = { dataLakePrincipalIdentifier: this.projectRoleArn };
    const databaseGrant = new lakeformation.CfnPrincipalPermissions(this, 'DatabaseGrant', {
      principal,
      resource: { database: { catalogId: stack.account, name: props.databaseName } },
      permissions: ['DESCRIBE'],
      permissionsWithGrantOption: [],
    });
    const tables = props.allTables ? [undefined] : props.tableNames ?? [];
    const grantIds = tableGrantIds(props.tableNames ?? []);
    const tableGrants = tables.map((table) => new lakeformation.CfnPrincipalPermissions(this, table ? grantIds.get(table)! : 'AllTablesGrant', {
      principal,
      resource: {
        table: table
          ? { catalogId: stack.account, databaseName: props.databaseName, name: table }
          : { catalogId: stack.account, databaseName: props.databaseName, tableWildcard: {} },
      },
      permissions: ['SELECT', 'DESCRIBE'],
      permissionsWithGrantOption: ['SELECT', 'DESCRIBE'],
    }));
    registration.node.addDependency(admins);
    for (const grant of [databaseGrant, ...tableGrants]) {
      grant.node.addDependency(registration, admins);
    }

    const revoke = this.revokeIamAllowedPrincipals(lakeFormation, props, stack.account);
    revoke.node.addDependency(admins, databaseGrant, ...tableGrants);

    const options = props.dataSource ?? {};
    // DataZone authorizes project-scoped calls by membership: the stack's member looks the connection up and
    // adds the deployer (who creates the data source) to the project.
    const member = ProjectMemberHandler.of(this, props.domain);
    this.projectMemberRole = member.role;
    this.projectMemberRoleName = member.roleName;
    const connectionId = options.connectionId
      ?? (options.environmentId === undefined ? member.lookUp(this.projectId, ['ConnectionId']).getAttString('ConnectionId') : undefined);
    const deployer = this.deployerMembership(member, stack);
    const dataSource = new datazone.CfnDataSource(this, 'DataSource', {
      domainIdentifier: props.domain.domainId,
      projectIdentifier: this.projectId,
      environmentIdentifier: options.environmentId,
      connectionIdentifier: connectionId,
      name: options.name ?? props.databaseName,
      type: 'GLUE',
      enableSetting: 'ENABLED',
      publishOnImport: options.publishOnImport ?? true,
      schedule: options.schedule ? { schedule: options.schedule } : undefined,
      configuration: {
        glueRunConfiguration: {
          relationalFilterConfigurations: [{
            databaseName: props.databaseName,
            filterExpressions: (options.includeTables ?? (props.allTables ? [] : props.tableNames ?? []))
              .map((expression) => ({ expression, type: 'INCLUDE' })),
          }],
        },
      },
    });
    // Grant before publishing: the seed's order, or publication fails.
    dataSource.node.addDependency(databaseGrant, ...tableGrants, revoke, ...(deployer ? [deployer] : []));
    Validations.of(dataSource).acknowledge({
      id: 'CloudFormation-Validate::F3018',
      reason: 'The schema\'s Configuration alternatives (Glue, Redshift, SageMaker) declare no required member, so a Glue run configuration matches all three; the value holds exactly one run configuration, as the DataZone API requires.',
    });
    if (props.requireIceberg) {
      dataSource.addMetadata(REQUIRE_ICEBERG_METADATA, true);
    }
    this.dataSourceId = dataSource.attrId;

    if (options.runOnDeploy ?? true) {
      this.runDataSource(props, dataSource, member);
      this.dataSourceRunRole = member.role;
    }
  }

  /** The stack's CloudFormation execution role joins the project (it creates the data source), added by the member. */
  private deployerMembership(member: ProjectMemberHandler, stack: Stack): CustomResource | undefined {
    const synthesizer = stack.synthesizer;
    if (!(synthesizer instanceof DefaultStackSynthesizer)) {
      Annotations.of(this).addWarningV2('cdk-data-mesh:ProducerDataProduct.deployer',
        'The stack does not use the default stack synthesizer, so the role that deploys it is not known at synth: make that role a member (PROJECT_CONTRIBUTOR) of the producer project, or CloudFormation may be refused the data source (docs/deploy-hazards.md, F2).');
      return undefined;
    }
    return member.addMember(this.projectId, Fn.sub(synthesizer.cloudFormationExecutionRoleArn), 'PROJECT_CONTRIBUTOR');
  }

  private lakeFormationProvider(props: ProducerDataProductProps): PythonProvider {
    const manage = props.manageDataLakeAdmins ?? false;
    // A fixed name so that the role can be made an admin before the first deploy: one provider per stack, so
    // unique per stack name (role names are account-wide; the same app deployed twice under other stack names differs).
    const digest = createHash('sha256').update(Stack.of(this).stackName).digest('hex').slice(0, 8);
    return PythonProvider.of(this, {
      handler: 'iam_allowed_principals',
      description: 'checks the Lake Formation admins and revokes IAMAllowedPrincipals on the published database and tables',
      roleName: `cdk-data-mesh-lf-${Aws.REGION}-${digest}`,
      statements: [new iam.PolicyStatement({
        sid: 'ManageIamAllowedPrincipals',
        actions: ['lakeformation:ListPermissions', 'lakeformation:RevokePermissions', 'lakeformation:GrantPermissions', 'lakeformation:GetDataLakeSettings'],
        resources: ['*'],
      }), ...(manage ? [new iam.PolicyStatement({
        sid: 'AppendDataLakeAdmins',
        actions: ['lakeformation:PutDataLakeSettings'],
        resources: ['*'],
      })] : [])],
      acknowledgements: [{ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'The Lake Formation permission and settings APIs (ListPermissions, RevokePermissions, GrantPermissions, Get/PutDataLakeSettings) support no resource-level permissions.' }],
    });
  }

  private dataLakeAdmins(provider: PythonProvider, props: ProducerDataProductProps, stack: Stack): CustomResource {
    const synthesizer = stack.synthesizer;
    // The bootstrap template's execution role, with the synthesizer's ${AWS::…} placeholders.
    const executionRole = synthesizer instanceof DefaultStackSynthesizer ? Fn.sub(synthesizer.cloudFormationExecutionRoleArn) : undefined;
    const admins = new CustomResource(this, 'LakeFormationAdmins', {
      serviceToken: provider.serviceToken,
      resourceType: LAKE_FORMATION_ADMINS_TYPE,
      properties: {
        CatalogId: stack.account,
        Admins: [provider.handlerRole.roleArn, ...(executionRole ? [executionRole] : [])],
        Manage: String(props.manageDataLakeAdmins ?? false),
      },
    });
    // The handler removes no admin on delete; RETAIN keeps CloudFormation from even asking it to.
    admins.applyRemovalPolicy(RemovalPolicy.RETAIN);
    return admins;
  }

  private revokeIamAllowedPrincipals(provider: PythonProvider, props: ProducerDataProductProps, account: string): CustomResource {
    return new CustomResource(this, 'RevokeIamAllowedPrincipals', {
      serviceToken: provider.serviceToken,
      resourceType: REVOKE_IAM_ALLOWED_PRINCIPALS_TYPE,
      properties: {
        CatalogId: account,
        DatabaseName: props.databaseName,
        TableNames: props.allTables ? [] : props.tableNames,
        HandlerRoleArn: provider.handlerRole.roleArn,
        RestoreOnDelete: String(props.restoreIamAllowedPrincipalsOnDelete ?? false),
      },
    });
  }

  private runDataSource(props: ProducerDataProductProps, dataSource: datazone.CfnDataSource, member: ProjectMemberHandler): void {
    const provider = PythonProvider.of(this, {
      handler: 'data_source_run',
      description: 'runs the data source at deploy and waits until the run succeeded',
      role: member.role,
      statements: [new iam.PolicyStatement({
        sid: 'RunDataSource',
        actions: ['datazone:StartDataSourceRun', 'datazone:GetDataSourceRun', 'datazone:ListDataSourceRuns'],
        resources: [props.domain.domainArn],
      })],
      waits: true,
    });
    new CustomResource(this, 'DataSourceRun', {
      serviceToken: provider.serviceToken,
      resourceType: START_DATA_SOURCE_RUN_TYPE,
      properties: {
        DomainId: props.domain.domainId,
        DataSourceId: dataSource.attrId,
        HandlerRoleArn: provider.handlerRole.roleArn,
        TimeoutSeconds: String(RUN_TIMEOUT.toSeconds()),
        // A change of what the data source imports runs it again.
        DatabaseName: props.databaseName,
        TableNames: props.allTables ? [] : props.tableNames,
      },
    });
  }

  private lookUpProjectRole(projectId: string): string {
    return lookUpProjectRole(this, 'ProjectRole', projectId).getAttString('RoleArn');
  }
}

function pascal(name: string): string {
  return name.split(/[^a-zA-Z0-9]+/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

/**
 * The construct id of each table's grant: `TableGrant<PascalName>` as before, and for a table whose
 * PascalCase name another table already has (`trees_2023` and `trees2023` are both `Trees2023`) the same
 * id with a short hash of the table's name, so that distinct tables never collide.
 */
function tableGrantIds(tables: string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const table of tables) {
    let id = `TableGrant${pascal(table)}`;
    if (taken.has(id)) {
      id = `${id}${createHash('sha256').update(table).digest('hex').slice(0, 8)}`;
    }
    taken.add(id);
    ids.set(table, id);
  }
  return ids;
}

/*
 * dataPrefix is an S3 key prefix in dataBucket (Lake Formation registers arn:aws:s3:::<bucket>/<prefix>):
 * not an S3 URI, no wildcard (Lake Formation registers a path, not a pattern), no empty path segment.
 */
function dataPrefixProblem(problems: InputProblems, prefix: string | undefined): void {
  if (prefix === undefined || isUnresolved(prefix)) {
    return; // a token is registered as it resolves
  }
  const allowed = 'a key prefix in dataBucket, such as \'collections/\' (no s3:// URI, no wildcard, no empty segment)';
  const key = prefix.replace(/^s3:\/\/[^/]*\/?/, '').replace(/\*+$/, '').replace(/^\/+/, '');
  if (/^s3:\/\//i.test(prefix)) {
    problems.add('dataPrefix', prefix, `${allowed}; the bucket is dataBucket`, `Pass only the key prefix, '${key}'.`);
  } else if (/[*?]/.test(prefix)) {
    problems.add('dataPrefix', prefix, `${allowed}; the location registered covers every key under the prefix`, `Pass the prefix without the wildcard, '${key}'.`);
  } else if (/\/\//.test(prefix) || prefix.trim() === '' || prefix === '/') {
    problems.add('dataPrefix', prefix, allowed, 'Remove the empty segment, or leave dataPrefix out to register the whole bucket.');
  }
}

function bucketNameProblem(problems: InputProblems, bucket: s3.IBucket): void {
  const name = bucket.bucketName;
  if (isUnresolved(name)) {
    return; // a bucket defined in the app, or a token: its name is checked where it is defined, or by S3
  }
  try {
    s3.Bucket.validateBucketName(name);
  } catch (e) {
    // aws-cdk-lib's own check of S3's naming rules; its first line repeats the name, the others are the reasons.
    const reasons = (e as Error).message.split('\n').slice(1).map((r) => r.trim()).filter((r) => r).join('; ');
    problems.add('dataBucket', name, `an S3 bucket name has 3-63 lower-case letters, digits, dots and hyphens, beginning and ending with a letter or digit (${reasons})`, 'Import the bucket by its name as the S3 console shows it.');
  }
}

function validateProps(scope: Construct, props: ProducerDataProductProps): void {
  const problems = new InputProblems(scope, 'ProducerDataProduct');
  if ((props.projectId === undefined) === (props.projectName === undefined)) {
    problems.add('projectId', props.projectId, 'pass exactly one of projectId and projectName', 'Pass projectName for a project created with MeshProjectProfile.addProject(), or its projectId.');
  }
  projectNameProblem(problems, props.projectName);
  const tables = props.tableNames ?? [];
  if (!props.allTables && tables.length === 0) {
    problems.add('tableNames', tables, 'name at least one table to grant and publish, or set allTables', 'Pass e.g. tableNames: [\'trees\'], or allTables: true.');
  }
  if (props.allTables && tables.length > 0) {
    problems.add('tableNames', tables, 'it cannot be combined with allTables (which grants every table)', 'Remove one of them.');
  }
  glueNameProblem(problems, 'databaseName', props.databaseName, 'database');
  for (const table of tables) {
    glueNameProblem(problems, 'tableNames', table, 'table');
  }
  const seen = new Set<string>();
  for (const table of tables) {
    if (!isUnresolved(table) && seen.has(table)) {
      problems.add('tableNames', table, 'each table is granted and published once', 'Remove the duplicate.');
    }
    seen.add(table);
  }
  dataPrefixProblem(problems, props.dataPrefix);
  bucketNameProblem(problems, props.dataBucket);
  if (props.projectRoleArn !== undefined && !Token.isUnresolved(props.projectRoleArn) && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(props.projectRoleArn)) {
    problems.add('projectRoleArn', props.projectRoleArn, 'expected an IAM role ARN, arn:aws:iam::<account>:role/datazone_usr_role_…', 'Copy the project role ARN from the project overview, or leave it out to look it up.');
  }
  problems.throwIfAny();
}

/** The data products of each app, checked by one validation of the app's root (one walk of the tree, not one per product). */
const productsOfApp = new WeakMap<IConstruct, Array<{ readonly scope: IConstruct; readonly props: ProducerDataProductProps }>>();

function checkTablesOnce(scope: IConstruct, props: ProducerDataProductProps): void {
  const root = scope.node.root;
  let products = productsOfApp.get(root);
  if (!products) {
    const registered: Array<{ readonly scope: IConstruct; readonly props: ProducerDataProductProps }> = [];
    productsOfApp.set(root, registered);
    root.node.addValidation({ validate: () => missingTables(root, registered) });
    products = registered;
  }
  products.push({ scope, props });
}

/** When a product's database is defined in this app, the tables the product names must exist in it. */
function missingTables(root: IConstruct, products: Array<{ readonly scope: IConstruct; readonly props: ProducerDataProductProps }>): string[] {
  const tablesOf = new Map<string, string[]>();
  const databases = new Set<string>();
  for (const c of root.node.findAll()) {
    const type = (c as any).cfnResourceType;
    if (type === 'AWS::Glue::Table') {
      const rendered = Stack.of(c).resolve((c as any)._toCloudFormation());
      const properties = Object.values<any>(rendered.Resources)[0].Properties;
      tablesOf.set(properties.DatabaseName, [...(tablesOf.get(properties.DatabaseName) ?? []), properties.TableInput?.Name]);
    } else if (type === 'AWS::Glue::Database') {
      const name = Stack.of(c).resolve((c as any).databaseInput)?.name;
      if (typeof name === 'string') {
        databases.add(name);
      }
    }
  }
  return products.flatMap(({ scope, props }) => {
    if (!databases.has(props.databaseName)) {
      return [];
    }
    const inDatabase = tablesOf.get(props.databaseName) ?? [];
    return (props.tableNames ?? [])
      .filter((table) => !inDatabase.includes(table))
      .map((table) => `ProducerDataProduct at '${scope.node.path}': 'tableNames' names '${table}', which is not a table of database '${props.databaseName}' defined in this app (tables: ${inDatabase.join(', ') || 'none'}). Fix the name, or define the table.`);
  });
}
