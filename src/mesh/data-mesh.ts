/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { parseDocument } from 'yaml';
import { layOut, Layout, LayoutConsumer, LayoutProducer } from './layout';
import { distinctKeys, layoutWorkloads, pascal, workloadProblems } from './workloads';
import { CatalogDomain } from '../catalog-domain/catalog-domain';
import { DomainSharePermission } from '../catalog-domain/domain-share-permission';
import { InputProblems, regionProblem } from '../private/validate';
import { MeshProjectDesignation } from '../project-profile/mesh-project-member';
import { MeshProjectPrincipal } from '../project-profile/mesh-project-principal';

/** An existing Glue database of a producer, published without moving its data. */
export interface DataMeshDataProduct {
  /** The existing Glue database, e.g. `collections`. */
  readonly databaseName: string;
  /** The existing tables to publish, e.g. `['trees']`. */
  readonly tableNames: string[];
  /** The name of the existing bucket that holds the tables' data. */
  readonly dataBucketName: string;
  /**
   * The tables' prefix in the bucket, e.g. `collections/`.
   *
   * @default - the whole bucket
   */
  readonly dataPrefix?: string;
}

/**
 * A member of a producer or consumer project of a `DataMesh`: an IAM Identity Center user or group, or an IAM role,
 * with its designation; made with `MeshProjectProfile.addProject({ members })` (see `MeshProjectPrincipal`).
 */
export interface DataMeshProjectMember {
  /**
   * What the member is: `IDENTITY_CENTER_USER`, `IDENTITY_CENTER_GROUP` or `IAM_ROLE` (the names of
   * `MeshProjectPrincipalType`).
   */
  readonly type: string;
  /** The Identity Center user or group id (a UUID, optionally prefixed by 10 hex digits and `-`), or the role's ARN. */
  readonly identifier: string;
  /**
   * Its designation in the project: `OWNER` or `CONTRIBUTOR` (the names of `MeshProjectDesignation`).
   *
   * @default 'CONTRIBUTOR'
   */
  readonly designation?: string;
}

/**
 * An existing workload of a consumer account bound to its project through a `WorkloadBinding`: DataZone grants the
 * project's subscribed tables to the workload's own role, with no change to its code or image.
 */
export interface DataMeshWorkload {
  /**
   * The kind of workload: `LAMBDA_FUNCTION` (any runtime), `GLUE_JOB`, `ECS_TASK` (its task role), `EMR_SERVERLESS`
   * (a job runtime role) or `IAM_ROLE` (the names of `WorkloadKind`).
   */
  readonly kind: string;
  /**
   * The ARN of the role the workload runs as, in the consumer's account: the function's execution role, the Glue
   * job's role, the ECS task role, the EMR Serverless job runtime role, or the role itself.
   */
  readonly roleArn: string;
  /**
   * The unqualified ARN of the Lambda function, for `LAMBDA_FUNCTION` (and only for it).
   *
   * @default - none
   */
  readonly functionArn?: string;
}

/** A producer account of a `DataMesh`. */
export interface DataMeshProducer {
  /** A short name (a letter, then up to 29 letters, digits and `-`), unique in the mesh; it names the producer's stacks. */
  readonly name: string;
  /** The producer account (12 digits). */
  readonly account: string;
  /**
   * The producer project's name.
   *
   * @default - the producer's name
   */
  readonly projectName?: string;
  /**
   * The name of the member's domain unit, a child of the root unit that owns its project and its members' pool
   * grants: 1-128 letters, digits, `_`, `-` and spaces, unique in the mesh.
   *
   * @default - the member's name
   */
  readonly domainUnitName?: string;
  /**
   * The project's members besides the mesh's own roles: Identity Center users and groups and IAM roles, each with
   * its designation.
   *
   * @default - none
   */
  readonly members?: DataMeshProjectMember[];
  /** The producer's existing databases and tables to publish. */
  readonly dataProducts: DataMeshDataProduct[];
  /**
   * Append the producer deployment's roles to the Lake Formation data-lake administrators (never removed); see
   * `ProducerDataProductProps.manageDataLakeAdmins`.
   *
   * @default false - they are checked at deploy, never changed
   */
  readonly manageDataLakeAdmins?: boolean;
}

/** A published table a consumer project subscribes to. */
export interface DataMeshSubscription {
  /** The name of the producer that publishes the table. */
  readonly producer: string;
  /** A table of that producer's data products. */
  readonly table: string;
}

/** A consumer account of a `DataMesh`. */
export interface DataMeshConsumer {
  /** A short name (a letter, then up to 29 letters, digits and `-`), unique in the mesh; it names the consumer's stacks. */
  readonly name: string;
  /** The consumer account (12 digits). */
  readonly account: string;
  /**
   * The consumer project's name.
   *
   * @default - the consumer's name
   */
  readonly projectName?: string;
  /**
   * The consumer project's Glue database, where subscriptions land.
   *
   * @default 'consumer_db'
   */
  readonly glueDatabaseName?: string;
  /**
   * The unqualified ARNs of existing Python or Node.js Lambda functions of this account to bind to the consumer
   * project with a `ConsumerBinding` (they act as the project role), without a change to their code. For any
   * other runtime or kind of workload use `workloads`.
   *
   * @default - none
   */
  readonly functionArns?: string[];
  /**
   * The name of the member's domain unit, a child of the root unit that owns its project and its members' pool
   * grants: 1-128 letters, digits, `_`, `-` and spaces, unique in the mesh.
   *
   * @default - the member's name
   */
  readonly domainUnitName?: string;
  /**
   * The project's members besides the mesh's own roles: Identity Center users and groups and IAM roles, each with
   * its designation.
   *
   * @default - none
   */
  readonly members?: DataMeshProjectMember[];
  /**
   * Existing workloads of this account of any kind (a Lambda function on any runtime, a Glue job, an ECS task role,
   * an EMR Serverless runtime role, any IAM role) to bind to the consumer project with a `WorkloadBinding`, without
   * a change to their code.
   *
   * @default - none
   */
  readonly workloads?: DataMeshWorkload[];
  /**
   * The published tables the consumer project subscribes to.
   *
   * @default - none
   */
  readonly subscriptions?: DataMeshSubscription[];
}

/** Properties of a `DataMesh`. */
export interface DataMeshProps {
  /** The domain's name. */
  readonly domainName: string;
  /** The governance account (12 digits): the domain, profiles and grants; no data. */
  readonly governanceAccount: string;
  /** The mesh's one Region. */
  readonly region: string;
  /** The two Availability Zones of the member accounts' private networks, e.g. `['eu-west-1a', 'eu-west-1b']`. */
  readonly availabilityZones: string[];
  /** The producer accounts. */
  readonly producers: DataMeshProducer[];
  /**
   * The consumer accounts.
   *
   * @default - none
   */
  readonly consumers?: DataMeshConsumer[];
  /**
   * The AWS RAM permission the domain is shared with.
   *
   * @default DomainSharePermission.API_AND_PORTAL_ACCESS
   */
  readonly sharePermission?: DomainSharePermission;
}

/** The mesh file's JSON Schema (shipped in the package as `schema/data-mesh.schema.json`). */
const SCHEMA_FILE = path.join(__dirname, '..', '..', 'schema', 'data-mesh.schema.json');

/**
 * A data mesh of any number of producer and consumer accounts in one Region, from one declaration in code or in
 * a mesh file (`DataMesh.fromFile`, YAML or JSON, with the JSON Schema `schema/data-mesh.schema.json`).
 *
 * The stacks, in deploy order (their dependencies encode it, so `cdk deploy --all` keeps it):
 * 1. `Governance` (governance account): the domain, shared with every member account;
 * 2. `Producer<Name>`, `Consumer<Name>` (each member account): the private two-zone network with its
 *    connectivity probe, the blueprints (Tooling; Tooling + DataLake) and the account's project-member role;
 * 3. `Projects`, `Projects2`, … (governance): each member's domain unit (a child of the root unit), profile,
 *    grants and project, and the member stacks' project members, whose member-pool grants are made on the
 *    member's unit (DataZone allows 20 grants per policy per domain unit, DataMesh-DZ7); split so that no stack
 *    passes 80 % of CloudFormation's resource limit;
 * 4. `ProducerData<Name>` (each producer): Lake Formation registration, grants, revocation and data sources;
 * 5. `Subscriptions`, `Subscriptions2`, … (governance): each consumer's subscriptions, split the same way;
 * 6. `ConsumerApp<Name>` (each consumer with `functionArns` or `workloads`): its existing functions
 *    (`ConsumerBinding`) and workloads (`WorkloadBinding`) bound to its project.
 *
 * A producer's or consumer's `members` (Identity Center users and groups, IAM roles) join its project in its
 * `Projects` stack, with their profiles and member-pool grants on its domain unit (`domainUnitName`).
 *
 * Stack names are the construct's id followed by the stack's, e.g. `MeshProducerDataCollections`.
 * `ThreeAccountMesh` is this layout for one producer and one consumer.
 *
 * @example
 * new DataMesh(app, 'Mesh', {
 *   domainName: 'data-mesh',
 *   governanceAccount: '111111111111',
 *   region: 'eu-west-1',
 *   availabilityZones: ['eu-west-1a', 'eu-west-1b'],
 *   producers: [{
 *     name: 'collections', account: '222222222222',
 *     dataProducts: [{ databaseName: 'collections', tableNames: ['trees', 'birds'], dataBucketName: 'collections-data' }],
 *   }],
 *   consumers: [{
 *     name: 'analytics', account: '333333333333',
 *     functionArns: ['arn:aws:lambda:eu-west-1:333333333333:function:consumer_function'],
 *     subscriptions: [{ producer: 'collections', table: 'trees' }],
 *   }],
 * });
 */
export class DataMesh extends Construct {
  /**
   * A mesh declared in a file (YAML, or JSON: a `.json` file), checked against the mesh file's JSON Schema
   * (`schema/data-mesh.schema.json` in the package): a mistake is reported with its path in the file, e.g.
   * `consumers[1].subscriptions[0].table`, what is allowed and the fix.
   */
  public static fromFile(scope: Construct, id: string, file: string): DataMesh {
    let text: string;
    try {
      text = readFileSync(file, 'utf-8');
    } catch (error) {
      throw new Error(`DataMesh.fromFile at '${pathOf(scope, id)}': cannot read the mesh file '${file}' (${(error as Error).message}). Pass the path of a YAML or JSON mesh file.`);
    }
    return DataMesh.fromDeclaration(scope, id, text, file);
  }

  /**
   * A mesh declared in the text of a mesh file (YAML or JSON), checked like `fromFile`; `source` names it in
   * messages.
   */
  public static fromDeclaration(scope: Construct, id: string, text: string, source?: string): DataMesh {
    const where = `DataMesh at '${pathOf(scope, id)}'${source ? ` (mesh file ${source})` : ''}`;
    const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (document.errors.length > 0) {
      throw new Error(`${where} is not valid YAML or JSON:\n${document.errors.map((e) => `  - ${e.message}`).join('\n')}\nFix the syntax at the line shown.`);
    }
    const declaration = document.toJS();
    const problems = schemaProblems(declaration);
    if (problems.length > 0) {
      throw new Error(`${where} has invalid input:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    const { sharePermission, $schema: _schema, ...rest } = declaration;
    try {
      return new DataMesh(scope, id, {
        ...rest,
        sharePermission: sharePermission === undefined ? undefined : (DomainSharePermission as any)[sharePermission],
      });
    } catch (error) {
      // The checks across the declaration (unique names, subscriptions naming published tables) name the file too.
      const message = (error as Error).message;
      const header = /^DataMesh at '[^']*' has invalid input:/;
      if (source && header.test(message)) {
        throw new Error(message.replace(header, `${where} has invalid input:`));
      }
      throw error;
    }
  }

  /** The governance stack with the domain. */
  public readonly governanceStack: Stack;
  /** The governance stacks with the profiles and projects, in deploy order. */
  public readonly projectsStacks: Stack[];
  /** The governance stacks with the subscriptions, in deploy order. */
  public readonly subscriptionsStacks: Stack[];
  /** The domain. */
  public readonly domain: CatalogDomain;
  /** Every stack of the mesh, in deploy order. */
  public readonly stacks: Stack[];
  /** The names of the producers, as declared. */
  public readonly producerNames: string[];
  /** The names of the consumers, as declared. */
  public readonly consumerNames: string[];

  private readonly layout: Layout;
  private readonly keys: Map<string, string>;

  constructor(scope: Construct, id: string, props: DataMeshProps) {
    super(scope, id);
    const consumers = props.consumers ?? [];
    validate(this, props, consumers);
    this.keys = new Map([...props.producers, ...consumers].map((member) => [member.name, pascal(member.name)]));
    this.producerNames = props.producers.map((producer) => producer.name);
    this.consumerNames = consumers.map((consumer) => consumer.name);
    const producers: LayoutProducer[] = props.producers.map((producer) => ({
      key: pascal(producer.name),
      unitName: producer.domainUnitName ?? producer.name,
      members: principals(producer.members),
      account: producer.account,
      projectName: producer.projectName ?? producer.name,
      profileName: `${producer.name}-producer-profile`,
      manageDataLakeAdmins: producer.manageDataLakeAdmins,
      dataProducts: producer.dataProducts.map((product, _, all) => ({
        id: `DataProduct${distinctKeys(all.map((p) => p.databaseName)).get(product.databaseName)}`,
        bucketId: `Data${distinctKeys(all.map((p) => p.databaseName)).get(product.databaseName)}`,
        databaseName: product.databaseName,
        tableNames: product.tableNames,
        dataBucketName: product.dataBucketName,
        dataPrefix: product.dataPrefix,
      })),
    }));
    const layoutConsumers: LayoutConsumer[] = consumers.map((consumer) => ({
      key: pascal(consumer.name),
      unitName: consumer.domainUnitName ?? consumer.name,
      members: principals(consumer.members),
      account: consumer.account,
      projectName: consumer.projectName ?? consumer.name,
      profileName: `${consumer.name}-consumer-profile`,
      glueDatabaseName: consumer.glueDatabaseName ?? 'consumer_db',
      bindings: (consumer.functionArns ?? []).map((arn, _, all) => {
        const key = distinctKeys(all.map((a) => a.split(':')[6])).get(arn.split(':')[6]);
        return { id: `Binding${key}`, functionId: `Function${key}`, functionArn: arn };
      }),
      workloads: layoutWorkloads(consumer.workloads),
      subscriptions: (consumer.subscriptions ?? []).map((subscription) => ({
        id: `Subscription-${consumer.name}-${subscription.producer}-${subscription.table}`,
        producer: pascal(subscription.producer),
        table: subscription.table,
      })),
    }));
    this.layout = layOut(this, {
      domainName: props.domainName,
      governanceAccount: props.governanceAccount,
      region: props.region,
      availabilityZones: props.availabilityZones,
      sharePermission: props.sharePermission,
      producers,
      consumers: layoutConsumers,
      memberDomainUnits: true,
    });
    this.governanceStack = this.layout.governanceStack;
    this.projectsStacks = this.layout.projectsStacks;
    this.subscriptionsStacks = this.layout.subscriptionsStacks;
    this.domain = this.layout.domain;
    this.stacks = [
      this.governanceStack, ...this.layout.producerStacks.values(), ...this.layout.consumerStacks.values(), ...this.projectsStacks,
      ...this.layout.producerDataStacks.values(), ...this.subscriptionsStacks, ...this.layout.consumerAppStacks.values(),
    ];
  }

  /** The network and blueprints stack of the producer or consumer `name`. */
  public memberStack(name: string): Stack {
    const key = this.key(name);
    return (this.layout.producerStacks.get(key) ?? this.layout.consumerStacks.get(key))!;
  }

  /** The published-data stack of the producer `name`. */
  public producerDataStack(name: string): Stack {
    return this.found(this.layout.producerDataStacks.get(this.key(name)), name, 'a producer');
  }

  /** The bound-application stack of the consumer `name` (which must have `functionArns` or `workloads`). */
  public consumerAppStack(name: string): Stack {
    return this.found(this.layout.consumerAppStacks.get(this.key(name)), name, 'a consumer with functionArns or workloads');
  }

  private key(name: string): string {
    const key = this.keys.get(name);
    if (key === undefined) {
      throw new Error(`DataMesh at '${this.node.path}': '${name}' is no producer or consumer of the mesh; its members are ${[...this.keys.keys()].join(', ')}.`);
    }
    return key;
  }

  private found(stack: Stack | undefined, name: string, what: string): Stack {
    if (!stack) {
      throw new Error(`DataMesh at '${this.node.path}': '${name}' is not ${what}.`);
    }
    return stack;
  }
}

/** The principals of declared project members (their type and designation checked by the schema). */
function principals(members: DataMeshProjectMember[] | undefined): MeshProjectPrincipal[] | undefined {
  if (members === undefined) {
    return undefined;
  }
  return members.map((member) => {
    const designation = (MeshProjectDesignation as any)[member.designation ?? 'CONTRIBUTOR'] as MeshProjectDesignation;
    switch (member.type) {
      case 'IDENTITY_CENTER_USER':
        return MeshProjectPrincipal.identityCenterUser(member.identifier, designation);
      case 'IDENTITY_CENTER_GROUP':
        return MeshProjectPrincipal.identityCenterGroup(member.identifier, designation);
      default:
        return MeshProjectPrincipal.iamRole(member.identifier, designation);
    }
  });
}


/** The construct path a child `id` of `scope` will have (`Mesh` under an app, not `/Mesh`). */
function pathOf(scope: Construct, id: string): string {
  return [scope.node.path, id].filter((part) => part !== '').join('/');
}


let compiled: ReturnType<Ajv2020['compile']> | undefined;

/** The problems the mesh file's JSON Schema finds in `declaration`, each with its path, what is allowed and the fix. */
function schemaProblems(declaration: unknown): string[] {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    ajv.addVocabulary(['x-fix']);
    compiled = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf-8')));
  }
  if (compiled(declaration)) {
    return [];
  }
  // A value that fails a pattern inside a $ref is reported once, not once per keyword that failed.
  const seen = new Set<string>();
  return (compiled.errors ?? []).flatMap((error) => {
    const problem = describeSchemaError(error);
    if (seen.has(problem)) {
      return [];
    }
    seen.add(problem);
    return [problem];
  });
}

function describeSchemaError(error: ErrorObject): string {
  const parent = error.parentSchema as Record<string, any> | undefined;
  if (error.keyword === 'required' || error.keyword === 'additionalProperties') {
    const property = (error.params as any).missingProperty ?? (error.params as any).additionalProperty;
    const at = filePath(`${error.instancePath}/${property}`);
    if (error.keyword === 'required') {
      const described = resolveRef(parent?.properties?.[property]);
      return `'${at}' is missing: ${sentence(described?.description) ?? 'it is required'}. Add it.`;
    }
    const allowed = Object.keys(parent?.properties ?? {}).filter((p) => p !== '$schema');
    return `'${at}' is not a property here: the allowed ones are ${allowed.join(', ')}. Remove it, or correct its spelling.`;
  }
  const at = filePath(error.instancePath) || '(the file)';
  const described = resolveRef(parent);
  const fix = described?.['x-fix'] ?? 'Correct it.';
  return `'${at}' is ${JSON.stringify(error.data)}: ${error.message}${described?.description ? ` (${sentence(described.description)})` : ''}. ${fix}`;
}

/** A schema node with its `$ref`'s description and fix where it has none of its own. */
function resolveRef(node: Record<string, any> | undefined): Record<string, any> | undefined {
  if (!node?.$ref) {
    return node;
  }
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf-8'));
  const target = schema.$defs[String(node.$ref).split('/').pop()!];
  return { ...target, ...node };
}

/** `/consumers/1/subscriptions/0/table` → `consumers[1].subscriptions[0].table`. */
function filePath(pointer: string): string {
  return pointer.split('/').filter(Boolean).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

/**
 * What the JSON Schema cannot say: names and accounts unique, every subscription naming a producer's table, every
 * function in its consumer's account and the mesh's Region. Declarations made in code are checked by the schema too.
 */
function validate(scope: Construct, props: DataMeshProps, consumers: DataMeshConsumer[]): void {
  const schema = schemaProblems(JSON.parse(JSON.stringify({
    ...props,
    sharePermission: props.sharePermission === undefined ? undefined : sharePermissionName(props.sharePermission),
  })));
  if (schema.length > 0) {
    throw new Error(`DataMesh at '${scope.node.path}' has invalid input:\n${schema.map((p) => `  - ${p}`).join('\n')}`);
  }
  const problems = new InputProblems(scope, 'DataMesh');
  regionProblem(problems, 'region', props.region);
  const members = [...props.producers.map((p, i) => ({ at: `producers[${i}]`, ...p })), ...consumers.map((c, i) => ({ at: `consumers[${i}]`, ...c }))];
  const byKey = new Map<string, string>();
  const byAccount = new Map<string, string>([[props.governanceAccount, 'governanceAccount']]);
  const byProject = new Map<string, string>();
  const byUnit = new Map<string, string>();
  for (const member of members) {
    const unit = (member.domainUnitName ?? member.name).trim().toLowerCase();
    if (byUnit.has(unit)) {
      problems.add(`${member.at}.domainUnitName`, member.domainUnitName ?? member.name, `each producer and consumer has a domain unit of its own, which holds its members' pool grants (DataZone allows 20 grants per policy per domain unit), and ${byUnit.get(unit)} has the same name`, 'Give one of them another domainUnitName.');
    } else {
      byUnit.set(unit, member.at);
    }
    (member.members ?? []).forEach((m, j) => {
      const account = /^arn:aws[a-z-]*:iam::(\d{12}):role\//.exec(m.identifier)?.[1];
      if (m.type === 'IAM_ROLE' && account === undefined) {
        problems.add(`${member.at}.members[${j}].identifier`, m.identifier, 'an IAM_ROLE member is named by its role ARN, arn:aws:iam::<account>:role/<name>', 'Use the role\'s ARN.');
      } else if (m.type !== 'IAM_ROLE' && !IDENTITY_CENTER_ID.test(m.identifier)) {
        problems.add(`${member.at}.members[${j}].identifier`, m.identifier, `an ${m.type} member is named by its Identity Center id (a UUID, optionally prefixed by 10 hex digits and -)`, 'Copy the id from the Identity Center console (Users or Groups, then the General information section).');
      }
    });
    const identifiers = (member.members ?? []).map((m) => m.identifier);
    identifiers.forEach((identifier, j) => {
      if (identifiers.indexOf(identifier) !== j) {
        problems.add(`${member.at}.members[${j}]`, identifier, 'each principal is a member of a project once, with one designation', 'Remove the duplicate, or keep the one with the designation you want.');
      }
    });
    const key = pascal(member.name).toLowerCase();
    if (byKey.has(key)) {
      problems.add(`${member.at}.name`, member.name, `names must be unique in the mesh (${byKey.get(key)}.name is the same stack name, ${pascal(member.name)})`, 'Rename one of them.');
    } else {
      byKey.set(key, member.at);
    }
    if (byAccount.has(member.account)) {
      problems.add(`${member.at}.account`, member.account, `each member of the mesh has an account of its own (${byAccount.get(member.account)} is ${member.account}); the governance account holds no data`, 'Use a separate account for each producer and consumer.');
    } else {
      byAccount.set(member.account, `${member.at}.account`);
    }
    const project = (member.projectName ?? member.name).trim().toLowerCase();
    if (byProject.has(project)) {
      problems.add(`${member.at}.projectName`, member.projectName ?? member.name, `project names must be unique in the domain (${byProject.get(project)} is the same)`, 'Give one of them another projectName.');
    } else {
      byProject.set(project, member.at);
    }
  }
  const tablesOf = new Map<string, Set<string>>();
  props.producers.forEach((producer, i) => {
    const tables = new Set<string>();
    producer.dataProducts.forEach((product, j) => product.tableNames.forEach((table, k) => {
      if (tables.has(table)) {
        problems.add(`producers[${i}].dataProducts[${j}].tableNames[${k}]`, table, 'a table name may be published once per producer (a subscription names the asset by its table name)', 'Publish it from one data product, or from another producer.');
      }
      tables.add(table);
    }));
    const databases = producer.dataProducts.map((p) => p.databaseName);
    databases.forEach((database, j) => {
      if (databases.indexOf(database) !== j) {
        problems.add(`producers[${i}].dataProducts[${j}].databaseName`, producer.dataProducts[j].databaseName, 'each database is one data product of its producer', 'Merge the two data products into one.');
      }
    });
    tablesOf.set(producer.name, tables);
  });
  consumers.forEach((consumer, i) => {
    const subscribed = new Set<string>();
    (consumer.subscriptions ?? []).forEach((subscription, j) => {
      const at = `consumers[${i}].subscriptions[${j}]`;
      const tables = tablesOf.get(subscription.producer);
      if (!tables) {
        problems.add(`${at}.producer`, subscription.producer, `it names no producer of the mesh (producers: ${props.producers.map((p) => p.name).join(', ')})`, 'Use the name of a producer.');
      } else if (!tables.has(subscription.table)) {
        problems.add(`${at}.table`, subscription.table, `producer ${subscription.producer} publishes ${[...tables].join(', ')}`, 'Name one of its tables, or add the table to its data products.');
      }
      const key = `${subscription.producer}/${subscription.table}`;
      if (subscribed.has(key)) {
        problems.add(at, subscription, 'each table is subscribed to once per consumer', 'Remove the duplicate.');
      }
      subscribed.add(key);
    });
    (consumer.functionArns ?? []).forEach((arn, j) => {
      const [, , , region, account] = arn.split(':');
      if (account !== consumer.account || region !== props.region) {
        problems.add(`consumers[${i}].functionArns[${j}]`, arn, `a bound function is in its consumer's account (${consumer.account}) and the mesh's Region (${props.region})`, 'Bind the function from the consumer that owns it.');
      }
    });
    workloadProblems(problems, `consumers[${i}].workloads`, consumer.workloads, consumer.account, props.region);
  });
  problems.throwIfAny();
}

/** An Identity Center user or group id, as `MeshProjectProfile.addProject` checks it. */
const IDENTITY_CENTER_ID = /^([0-9a-f]{10}-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sharePermissionName(permission: DomainSharePermission): string | undefined {
  return Object.entries(DomainSharePermission).find(([, value]) => value === permission)?.[0];
}

/** A description without its final full stop, to be followed by punctuation of the message's own. */
function sentence(description: string | undefined): string | undefined {
  return description?.replace(/\.$/, '');
}
