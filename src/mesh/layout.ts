/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Aws, CfnResource, DefaultStackSynthesizer, Fn, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { CatalogDomain, ICatalogDomain } from '../catalog-domain/catalog-domain';
import { DomainSharePermission } from '../catalog-domain/domain-share-permission';
import { ConsumerBinding } from '../consumer-binding/consumer-binding';
import { ConsumerSubscription } from '../consumer-subscription/consumer-subscription';
import { ManagedBlueprint } from '../member-account/managed-blueprint';
import { MeshMemberAccount } from '../member-account/mesh-member-account';
import { projectMemberRoleName } from '../private/project-member';
import { SharedProviderRoles } from '../private/shared-provider-roles';
import { ProducerDataProduct } from '../producer-data/producer-data-product';
import { MeshProjectDesignation, MeshProjectMember } from '../project-profile/mesh-project-member';
import { MeshProjectPrincipal } from '../project-profile/mesh-project-principal';
import { ConsumerProjectProfile, ProducerProjectProfile } from '../project-profile/mesh-project-profile';
import { TwoAzPrivateVpc } from '../two-az-private-vpc/two-az-private-vpc';
import { BoundWorkload, WorkloadKind } from '../workload-binding/bound-workload';
import { WorkloadBinding } from '../workload-binding/workload-binding';
import { WORKLOAD_KINDS } from '../workload-binding/workload-kinds';

/*
 * The stack layout behind `DataMesh` and its preset `ThreeAccountMesh` (internal): the stacks of a mesh of any
 * number of producer and consumer accounts, in deploy order, with the governance side split so that no stack
 * passes 80 % of CloudFormation's resource limit. Names are given by the caller, so that the preset keeps the
 * construct ids (and so the logical ids) of its templates.
 */

/** CloudFormation's resources per stack, and the share of it a split stack may fill (the pack's LIM2 threshold). */
const MAX_RESOURCES = 500;
const BUDGET = Math.floor(MAX_RESOURCES * 0.8);
/** Outputs per stack are 200: each project a split governance stack holds may export its id once. */
const MAX_UNITS_PER_STACK = 150;

export interface LayoutDataProduct {
  readonly id: string;
  /** The construct id of the imported data bucket. */
  readonly bucketId: string;
  readonly databaseName: string;
  readonly tableNames: string[];
  readonly dataBucketName: string;
  readonly dataPrefix?: string;
}

export interface LayoutProducer {
  /** The suffix of this producer's construct and stack ids ('' for the preset). */
  readonly key: string;
  /** The name of the producer's domain unit, with `memberDomainUnits`. */
  readonly unitName: string;
  readonly account: string;
  readonly projectName: string;
  readonly profileName: string;
  readonly dataProducts: LayoutDataProduct[];
  readonly manageDataLakeAdmins?: boolean;
  /** The project's declared members. */
  readonly members?: MeshProjectPrincipal[];
}

export interface LayoutBinding {
  readonly id: string;
  readonly functionArn: string;
  readonly functionId: string;
}

/** A workload bound with a `WorkloadBinding`. */
export interface LayoutWorkload {
  readonly id: string;
  /** The construct id of the imported role (and, for a function, `functionId` of the imported function). */
  readonly roleId: string;
  readonly functionId: string;
  /** The name of the `WorkloadKind` static, a key of `WORKLOAD_KINDS` (checked by the caller). */
  readonly kind: string;
  readonly roleArn: string;
  readonly functionArn?: string;
}

export interface LayoutSubscription {
  readonly id: string;
  /** The producer's key. */
  readonly producer: string;
  readonly table: string;
}

export interface LayoutConsumer {
  readonly key: string;
  readonly unitName: string;
  readonly account: string;
  readonly projectName: string;
  readonly profileName: string;
  readonly glueDatabaseName: string;
  readonly bindings: LayoutBinding[];
  readonly workloads?: LayoutWorkload[];
  readonly subscriptions: LayoutSubscription[];
  /** The project's declared members. */
  readonly members?: MeshProjectPrincipal[];
}

export interface LayoutProps {
  readonly domainName: string;
  readonly governanceAccount: string;
  readonly region: string;
  readonly availabilityZones: string[];
  readonly sharePermission?: DomainSharePermission;
  readonly producers: LayoutProducer[];
  readonly consumers: LayoutConsumer[];
  /**
   * Give each member's project a child domain unit of its own, where its members' pool grants are made: DataZone
   * allows 20 grants per policy per domain unit (DataMesh-DZ7), and a mesh makes one or two per member.
   */
  readonly memberDomainUnits: boolean;
}

/** What the layout made. */
export interface Layout {
  readonly domain: CatalogDomain;
  readonly governanceStack: Stack;
  readonly producerStacks: Map<string, Stack>;
  readonly consumerStacks: Map<string, Stack>;
  readonly projectsStacks: Stack[];
  readonly producerDataStacks: Map<string, Stack>;
  readonly subscriptionsStacks: Stack[];
  readonly consumerAppStacks: Map<string, Stack>;
  readonly producerDataProducts: Map<string, ProducerDataProduct[]>;
  readonly bindings: Map<string, ConsumerBinding[]>;
  readonly workloadBindings: Map<string, WorkloadBinding[]>;
}

/**
 * Stacks that are filled one unit (a project with its members, a subscription) at a time; a new stack starts
 * when the next unit would pass the budget, measured on the units placed so far.
 */
class SplitStacks {
  public readonly stacks: Stack[] = [];
  private current?: { stack: Stack; units: number; resources: number };
  private largestFirst = 0;
  private largestMarginal?: number;

  constructor(private readonly make: (index: number) => Stack) {}

  /** Place one unit (built by `build` in the stack it is given) and return that stack. */
  public place<T>(build: (stack: Stack) => T): { stack: Stack; value: T } {
    if (!this.current || this.current.units >= MAX_UNITS_PER_STACK || this.current.resources + (this.largestMarginal ?? this.largestFirst) > BUDGET) {
      const stack = this.make(this.stacks.length);
      this.stacks.push(stack);
      this.current = { stack, units: 0, resources: countResources(stack) };
    }
    const value = build(this.current.stack);
    const resources = countResources(this.current.stack);
    const cost = resources - this.current.resources;
    // A stack's first unit also pays for what its stack shares (providers, the domain's attributes): the next
    // unit is estimated by the largest marginal cost seen, by the first units' cost only until there is one.
    if (this.current.units > 0) {
      this.largestMarginal = Math.max(this.largestMarginal ?? 0, cost);
    } else {
      this.largestFirst = Math.max(this.largestFirst, cost);
    }
    this.current.resources = resources;
    this.current.units += 1;
    return { stack: this.current.stack, value };
  }
}

function countResources(stack: Stack): number {
  let count = 0;
  const visit = (construct: IConstruct) => {
    for (const child of construct.node.children) {
      if (Stack.isStack(child)) {
        continue; // a nested stack is counted as its own resource, not as its contents
      }
      if (CfnResource.isCfnResource(child)) {
        count += 1;
      }
      visit(child);
    }
  };
  visit(stack);
  return count;
}

/** The stack name of a governance stack: `<id><Role>`, then `<id><Role>2`, … for the next ones. */
function numbered(role: string, index: number): string {
  return index === 0 ? role : `${role}${index + 1}`;
}

/** Lay the mesh out under `scope` (whose id prefixes every stack name). */
export function layOut(scope: Construct, props: LayoutProps): Layout {
  const id = scope.node.id;
  const env = (account: string) => ({ account, region: props.region });
  const stack = (stackId: string, account: string, description: string) =>
    new Stack(scope, stackId, { env: env(account), description, stackName: `${id}${stackId}` });
  const sharedDomain = (member: Stack): ICatalogDomain =>
    CatalogDomain.fromSharedDomain(member, 'Domain', { domainName: props.domainName, governanceAccount: props.governanceAccount });

  const governanceStack = stack('Governance', props.governanceAccount, 'Data mesh governance: the domain, shared with the member accounts');
  // The custom-resource providers of the governance stacks share their framework roles, made here (decision 0016).
  SharedProviderRoles.register(scope, governanceStack);
  const domain = new CatalogDomain(governanceStack, 'Domain', {
    domainName: props.domainName,
    associatedAccounts: [...props.producers.map((p) => p.account), ...props.consumers.map((c) => c.account)],
    sharePermission: props.sharePermission,
  });
  const localDomain = (governance: Stack): ICatalogDomain => CatalogDomain.fromCatalogDomainAttributes(governance, 'Domain', {
    domainId: domain.domainId, rootDomainUnitId: domain.rootDomainUnitId, governanceAccount: props.governanceAccount,
  });

  // 2. The member accounts: network and blueprints.
  const member = (stackId: string, account: string, blueprints: ManagedBlueprint[]) => {
    const memberStack = stack(stackId, account, `Data mesh ${stackId.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} account: network and ${blueprints.map((b) => b.label).join(' + ')}`);
    const network = new TwoAzPrivateVpc(memberStack, 'Network', { availabilityZones: props.availabilityZones });
    network.addConnectivityProbe('ConnectivityProbe');
    new MeshMemberAccount(memberStack, 'Blueprints', { domain: sharedDomain(memberStack), network, blueprints });
    memberStack.addStackDependency(governanceStack, 'the domain is shared first');
    return memberStack;
  };
  const producerStacks = new Map(props.producers.map((p) => [p.key, member(`Producer${p.key}`, p.account, [ManagedBlueprint.TOOLING])]));
  const consumerStacks = new Map(props.consumers.map((c) => [c.key, member(`Consumer${c.key}`, c.account, [ManagedBlueprint.TOOLING, ManagedBlueprint.DATA_LAKE])]));

  // 3. The projects, split over as many governance stacks as they need.
  const projectsDomains = new Map<Stack, ICatalogDomain>();
  const projects = new SplitStacks((index) => {
    const projectsStack = stack(numbered('Projects', index), props.governanceAccount, 'Data mesh governance: project profiles, grants and projects');
    projectsDomains.set(projectsStack, localDomain(projectsStack));
    return projectsStack;
  });
  // A project's unit holds what its projects stack adds for it: the profile and project, and the member stacks'
  // project members. DataZone authorizes project-scoped calls by membership, and only the projects' owner (the
  // governance deployer) may add members: the member stacks' project member joins here, before the data or app
  // stack deploys (docs/deploy-hazards.md F2, F6; docs/decisions/0012-project-member-per-stack.md).
  const memberUnit = (projectsStack: Stack, key: string, name: string): string | undefined => {
    if (!props.memberDomainUnits) {
      return undefined;
    }
    const projectsDomain = projectsDomains.get(projectsStack)!;
    return new datazone.CfnDomainUnit(projectsStack, `DomainUnit${key}`, {
      domainIdentifier: projectsDomain.domainId,
      parentDomainUnitIdentifier: projectsDomain.rootDomainUnitId,
      name,
      description: `The data mesh member ${name}: its project and the pool of its project members`,
    }).attrId;
  };
  const producerProjects = new Map<string, { stack: Stack; projectId: string }>();
  for (const producer of props.producers) {
    const memberStack = producerStacks.get(producer.key)!;
    const placed = projects.place((projectsStack) => {
      const projectsDomain = projectsDomains.get(projectsStack)!;
      const domainUnitId = memberUnit(projectsStack, `Producer${producer.key}`, producer.unitName);
      const project = new ProducerProjectProfile(projectsStack, `ProducerProfile${producer.key}`, {
        domain: projectsDomain, profileName: producer.profileName, account: producer.account,
      }).addProject(`ProducerProject${producer.key}`, { projectName: producer.projectName, domainUnitId, members: producer.members });
      new MeshProjectMember(projectsStack, `ProducerDataMember${producer.key}`, {
        domain: projectsDomain,
        domainUnitId,
        roleArn: memberRoleArn(producer.account, projectMemberRoleName(memberStack)),
        projectId: project.attrId,
        // It adds the producer deployer to the project, which an owner may.
        designation: MeshProjectDesignation.OWNER,
      });
      // The producer deployer (which creates the data source) enters the member pool; the member above adds it. Its
      // user profile may exist (it called DataZone when it enabled blueprints): found, or made, and activated. The
      // member stack and the data stack of a producer share their account, Region and synthesizer, so their deployer.
      const deployer = deployerRoleArn(memberStack);
      if (deployer) {
        new MeshProjectMember(projectsStack, `ProducerDataDeployer${producer.key}`, { domain: projectsDomain, domainUnitId, roleArn: deployer, existingUserProfile: true });
      }
      return project;
    });
    placed.stack.addStackDependency(memberStack, 'projects deploy into enabled blueprints');
    producerProjects.set(producer.key, { stack: placed.stack, projectId: placed.value.attrId });
  }
  const consumerProjects = new Map<string, { stack: Stack; projectId: string }>();
  for (const consumer of props.consumers) {
    const memberStack = consumerStacks.get(consumer.key)!;
    const placed = projects.place((projectsStack) => {
      const projectsDomain = projectsDomains.get(projectsStack)!;
      const domainUnitId = memberUnit(projectsStack, `Consumer${consumer.key}`, consumer.unitName);
      const project = new ConsumerProjectProfile(projectsStack, `ConsumerProfile${consumer.key}`, {
        domain: projectsDomain, profileName: consumer.profileName, account: consumer.account,
      }).addProject(`ConsumerProject${consumer.key}`, { projectName: consumer.projectName, glueDatabaseName: consumer.glueDatabaseName, domainUnitId, members: consumer.members });
      if (hasApp(consumer)) {
        // The bindings look the project's workgroup up as the app stack's project member (checked below).
        new MeshProjectMember(projectsStack, `ConsumerAppMember${consumer.key}`, {
          domain: projectsDomain,
          domainUnitId,
          roleArn: memberRoleArn(consumer.account, projectMemberRoleName(memberStack)),
          projectId: project.attrId,
        });
      }
      return project;
    });
    placed.stack.addStackDependency(memberStack, 'projects deploy into enabled blueprints');
    consumerProjects.set(consumer.key, { stack: placed.stack, projectId: placed.value.attrId });
  }

  // 4. The producers' data, each producer in a stack of its own.
  const producerDataStacks = new Map<string, Stack>();
  const producerDataProducts = new Map<string, ProducerDataProduct[]>();
  for (const producer of props.producers) {
    const dataStack = stack(`ProducerData${producer.key}`, producer.account, 'Data mesh producer: existing tables published without moving the data');
    const dataDomain = sharedDomain(dataStack);
    const products = producer.dataProducts.map((product) => new ProducerDataProduct(dataStack, product.id, {
      domain: dataDomain,
      projectName: producer.projectName,
      databaseName: product.databaseName,
      tableNames: product.tableNames,
      dataBucket: s3.Bucket.fromBucketName(dataStack, product.bucketId, product.dataBucketName),
      dataPrefix: product.dataPrefix,
      manageDataLakeAdmins: producer.manageDataLakeAdmins,
    }));
    const home = producerProjects.get(producer.key)!;
    dataStack.addStackDependency(home.stack, 'the producer project and its role exist first');
    producerDataStacks.set(producer.key, dataStack);
    producerDataProducts.set(producer.key, products);
    assertMember(products.map((p) => p.projectMemberRoleName), producerStacks.get(producer.key)!);
  }

  // 5. The subscriptions, split over as many governance stacks as they need.
  const subscriptionsDomains = new Map<Stack, ICatalogDomain>();
  const subscriptions = new SplitStacks((index) => {
    const subscriptionsStack = stack(numbered('Subscriptions', index), props.governanceAccount,
      `Data mesh governance: the consumer ${props.consumers.length === 1 ? 'project subscribes' : 'projects subscribe'} to the published tables`);
    subscriptionsDomains.set(subscriptionsStack, localDomain(subscriptionsStack));
    return subscriptionsStack;
  });
  const subscriptionStacksOf = new Map<string, Set<Stack>>();
  for (const consumer of props.consumers) {
    const stacks = new Set<Stack>();
    for (const subscription of consumer.subscriptions) {
      const { stack: placed } = subscriptions.place((subscriptionsStack) => new ConsumerSubscription(subscriptionsStack, subscription.id, {
        domain: subscriptionsDomains.get(subscriptionsStack)!,
        consumerProjectId: consumerProjects.get(consumer.key)!.projectId,
        producerProjectId: producerProjects.get(subscription.producer)!.projectId,
        assetName: subscription.table,
      }));
      addStackDependencyOnce(placed, producerDataStacks.get(subscription.producer)!, 'the tables are published first');
      stacks.add(placed);
    }
    subscriptionStacksOf.set(consumer.key, stacks);
  }

  // 6. The consumers' bound applications, each consumer in a stack of its own.
  const consumerAppStacks = new Map<string, Stack>();
  const bindings = new Map<string, ConsumerBinding[]>();
  const workloadBindings = new Map<string, WorkloadBinding[]>();
  for (const consumer of props.consumers) {
    if (!hasApp(consumer)) {
      continue;
    }
    const appStack = stack(`ConsumerApp${consumer.key}`, consumer.account, 'Data mesh consumer: the existing application bound to the consumer project role');
    const appDomain = sharedDomain(appStack);
    const made = consumer.bindings.map((binding) => new ConsumerBinding(appStack, binding.id, {
      domain: appDomain,
      function: lambda.Function.fromFunctionArn(appStack, binding.functionId, binding.functionArn),
      projectName: consumer.projectName,
      glueDatabaseName: consumer.glueDatabaseName,
    }));
    const workloads = (consumer.workloads ?? []).map((workload) => new WorkloadBinding(appStack, workload.id, {
      domain: appDomain,
      workload: boundWorkload(appStack, workload),
      projectName: consumer.projectName,
    }));
    const home = consumerProjects.get(consumer.key)!;
    appStack.addStackDependency(home.stack, 'the consumer project and its role exist first');
    // Bound before its subscriptions, the function would run with a project role that may not read the tables yet.
    for (const subscriptionsStack of subscriptionStacksOf.get(consumer.key)!) {
      appStack.addStackDependency(subscriptionsStack, 'the consumer project is subscribed to the tables first');
    }
    consumerAppStacks.set(consumer.key, appStack);
    bindings.set(consumer.key, made);
    workloadBindings.set(consumer.key, workloads);
    assertMember([...made, ...workloads].map((b) => b.projectMemberRoleName), consumerStacks.get(consumer.key)!);
  }

  return {
    domain,
    governanceStack,
    producerStacks,
    consumerStacks,
    projectsStacks: projects.stacks,
    producerDataStacks,
    subscriptionsStacks: subscriptions.stacks,
    consumerAppStacks,
    producerDataProducts,
    bindings,
    workloadBindings,
  };
}

/** Whether a consumer has an app stack: functions or workloads to bind. */
function hasApp(consumer: LayoutConsumer): boolean {
  return consumer.bindings.length > 0 || (consumer.workloads ?? []).length > 0;
}

/** The `BoundWorkload` of a declared workload, as `BoundWorkload`'s factories make it. */
function boundWorkload(scope: Construct, workload: LayoutWorkload): BoundWorkload {
  const role = iam.Role.fromRoleArn(scope, workload.roleId, workload.roleArn);
  switch (WORKLOAD_KINDS.get(workload.kind)) {
    case WorkloadKind.LAMBDA_FUNCTION:
      return BoundWorkload.lambdaFunction(lambda.Function.fromFunctionAttributes(scope, workload.functionId, {
        functionArn: workload.functionArn!, role,
      }));
    case WorkloadKind.GLUE_JOB:
      return BoundWorkload.glueJob(role);
    case WorkloadKind.ECS_TASK:
      return BoundWorkload.ecsTaskRole(role);
    case WorkloadKind.EMR_SERVERLESS:
      return BoundWorkload.emrServerlessRuntimeRole(role);
    case WorkloadKind.IAM_ROLE:
      return BoundWorkload.iamRole(role);
    default:
      throw new Error(`internal: workload kind '${workload.kind}' was not checked`);
  }
}

function addStackDependencyOnce(stack: Stack, on: Stack, reason: string): void {
  if (!stack.dependencies.includes(on)) {
    stack.addStackDependency(on, reason);
  }
}

/** The data and app constructs act as the project member the projects stack made a member (an internal invariant). */
function assertMember(roleNames: Array<string | undefined>, member: Stack): void {
  const expected = projectMemberRoleName(member);
  const other = roleNames.find((name) => name !== expected);
  if (other !== undefined || roleNames.length === 0) {
    throw new Error(`internal: the stacks of account ${member.account} act as project member '${other}', not '${expected}', which the projects stack adds to the project`);
  }
}

function memberRoleArn(account: string, roleName: string): string {
  return `arn:${Aws.PARTITION}:iam::${account}:role/${roleName}`;
}

/** The CloudFormation execution role of a stack with the default synthesizer, as another stack of the same Region names it. */
function deployerRoleArn(stack: Stack): string | undefined {
  const synthesizer = stack.synthesizer;
  if (!(synthesizer instanceof DefaultStackSynthesizer)) {
    return undefined;
  }
  return Fn.sub(synthesizer.cloudFormationExecutionRoleArn.split('${AWS::AccountId}').join(stack.account).split('${AWS::Region}').join(stack.region));
}
