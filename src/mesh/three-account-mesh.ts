/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Aws, DefaultStackSynthesizer, Fn, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CatalogDomain, ICatalogDomain } from '../catalog-domain/catalog-domain';
import { DomainSharePermission } from '../catalog-domain/domain-share-permission';
import { ConsumerBinding } from '../consumer-binding/consumer-binding';
import { ConsumerSubscription } from '../consumer-subscription/consumer-subscription';
import { ManagedBlueprint } from '../member-account/managed-blueprint';
import { MeshMemberAccount } from '../member-account/mesh-member-account';
import { InputProblems } from '../private/validate';
import { ProducerDataProduct } from '../producer-data/producer-data-product';
import { MeshProjectDesignation, MeshProjectMember } from '../project-profile/mesh-project-member';
import { ConsumerProjectProfile, ProducerProjectProfile } from '../project-profile/mesh-project-profile';
import { TwoAzPrivateVpc } from '../two-az-private-vpc/two-az-private-vpc';

/** The producer side of a `ThreeAccountMesh`: its existing data, published without moving it. */
export interface MeshProducerOptions {
  /** The producer account (12 digits). */
  readonly account: string;
  /**
   * The producer project's name.
   *
   * @default 'Producer'
   */
  readonly projectName?: string;
  /** The existing Glue database, e.g. `collections`. */
  readonly databaseName: string;
  /** The existing tables to publish, e.g. `['trees']`. */
  readonly tableNames: string[];
  /** The name of the existing bucket that holds the tables' data. */
  readonly dataBucketName: string;
  /**
   * The tables' prefix in the bucket.
   *
   * @default - the whole bucket
   */
  readonly dataPrefix?: string;
  /**
   * Add the producer deployment's roles as Lake Formation data-lake administrators (appended, never
   * removed); see `ProducerDataProductProps.manageDataLakeAdmins`.
   *
   * @default false - they are checked at deploy, never changed
   */
  readonly manageDataLakeAdmins?: boolean;
}

/** The consumer side of a `ThreeAccountMesh`: its existing application, bound without a code change. */
export interface MeshConsumerOptions {
  /** The consumer account (12 digits). */
  readonly account: string;
  /**
   * The consumer project's name.
   *
   * @default 'Consumer'
   */
  readonly projectName?: string;
  /**
   * The consumer project's Glue database, where subscriptions land.
   *
   * @default 'consumer_db'
   */
  readonly glueDatabaseName?: string;
  /** The ARN of the existing Lambda function to bind to the consumer project role. */
  readonly functionArn: string;
}

/** The CloudFormation execution role of a stack with the default synthesizer, as another stack of the same Region names it. */
function deployerRoleArn(stack: Stack): string | undefined {
  const synthesizer = stack.synthesizer;
  if (!(synthesizer instanceof DefaultStackSynthesizer)) {
    return undefined;
  }
  return Fn.sub(synthesizer.cloudFormationExecutionRoleArn.split('${AWS::AccountId}').join(stack.account).split('${AWS::Region}').join(stack.region));
}

/** Properties of a `ThreeAccountMesh`. */
export interface ThreeAccountMeshProps {
  /** The domain's name. */
  readonly domainName: string;
  /** The governance account (12 digits): the domain, profiles and grants; no data. */
  readonly governanceAccount: string;
  /** The mesh's one Region. */
  readonly region: string;
  /** The two Availability Zones of the member VPCs, e.g. `['eu-west-1a', 'eu-west-1b']`. */
  readonly availabilityZones: string[];
  /** The producer account and its data. */
  readonly producer: MeshProducerOptions;
  /** The consumer account and its application. */
  readonly consumer: MeshConsumerOptions;
  /**
   * The RAM permission the domain is shared with.
   *
   * @default DomainSharePermission.API_AND_PORTAL_ACCESS
   */
  readonly sharePermission?: DomainSharePermission;
}

/**
 * The seed article's whole mesh in one construct: seven stacks in three accounts, in deploy order.
 *
 * 1. `Governance` (governance account): the domain, shared with both member accounts, and the hand-off.
 * 2. `Producer`, `Consumer` (member accounts): private two-zone networks with a connectivity probe, and
 *    blueprints (Tooling; Tooling + DataLake).
 * 3. `Projects` (governance): the producer and consumer profiles, grants and projects, and the member
 *    stacks' DataZone project members (`MeshProjectMember`).
 * 4. `ProducerData` (producer): Lake Formation registration, grants, revocation and the data source.
 * 5. `Subscriptions` (governance): the consumer project subscribes to every published table.
 * 6. `ConsumerApp` (consumer): the existing function bound to the consumer project role.
 *
 * The stacks' dependencies encode this order, so `cdk deploy --all` deploys governance → members →
 * governance → producer data → subscriptions → the consumer application (after its project, and after
 * the subscriptions, so that the bound function never runs before its project role can read the tables).
 * Use it in an `App`; every stack is also exposed for additions.
 *
 * @example
 * new ThreeAccountMesh(app, 'Mesh', {
 *   domainName: 'data-mesh',
 *   governanceAccount: '111111111111',
 *   region: 'eu-west-1',
 *   availabilityZones: ['eu-west-1a', 'eu-west-1b'],
 *   producer: { account: '222222222222', databaseName: 'collections', tableNames: ['trees'], dataBucketName: 'collections-data' },
 *   consumer: { account: '333333333333', functionArn: 'arn:aws:lambda:eu-west-1:333333333333:function:consumer_function' },
 * });
 */
export class ThreeAccountMesh extends Construct {
  /** The governance stack with the domain. */
  public readonly governanceStack: Stack;
  /** The producer account's network and blueprints. */
  public readonly producerStack: Stack;
  /** The consumer account's network and blueprints. */
  public readonly consumerStack: Stack;
  /** The governance stack with the profiles and projects. */
  public readonly projectsStack: Stack;
  /** The producer account's published data. */
  public readonly producerDataStack: Stack;
  /** The governance stack with the subscriptions. */
  public readonly subscriptionsStack: Stack;
  /** The consumer account's bound application. */
  public readonly consumerAppStack: Stack;
  /** The domain. */
  public readonly domain: CatalogDomain;

  constructor(scope: Construct, id: string, props: ThreeAccountMeshProps) {
    super(scope, id);
    const problems = new InputProblems(this, 'ThreeAccountMesh');
    const accounts = [props.governanceAccount, props.producer.account, props.consumer.account];
    if (new Set(accounts).size !== 3) {
      problems.add('producer.account', accounts, 'governance, producer and consumer must be three distinct accounts', 'Use a separate account for each role.');
    }
    problems.throwIfAny();

    const env = (account: string) => ({ account, region: props.region });
    // Stack names: '<id><Role>', e.g. MeshGovernance, MeshProducerData.
    const stack = (stackId: string, account: string, description: string) =>
      new Stack(this, stackId, { env: env(account), description, stackName: `${id}${stackId}` });
    const producerProjectName = props.producer.projectName ?? 'Producer';
    const consumerProjectName = props.consumer.projectName ?? 'Consumer';
    const glueDatabaseName = props.consumer.glueDatabaseName ?? 'consumer_db';

    this.governanceStack = stack('Governance', props.governanceAccount, 'Data mesh governance: the domain, shared with the member accounts');
    this.domain = new CatalogDomain(this.governanceStack, 'Domain', {
      domainName: props.domainName,
      associatedAccounts: [props.producer.account, props.consumer.account],
      sharePermission: props.sharePermission,
    });

    const member = (stackId: string, account: string, blueprints: ManagedBlueprint[]) => {
      const memberStack = stack(stackId, account, `Data mesh ${stackId.toLowerCase()} account: network and ${blueprints.map((b) => b.label).join(' + ')}`);
      const network = new TwoAzPrivateVpc(memberStack, 'Network', { availabilityZones: props.availabilityZones });
      network.addConnectivityProbe('ConnectivityProbe');
      new MeshMemberAccount(memberStack, 'Blueprints', { domain: this.sharedDomain(memberStack, props), network, blueprints });
      memberStack.addStackDependency(this.governanceStack, 'the domain is shared first');
      return memberStack;
    };
    this.producerStack = member('Producer', props.producer.account, [ManagedBlueprint.TOOLING]);
    this.consumerStack = member('Consumer', props.consumer.account, [ManagedBlueprint.TOOLING, ManagedBlueprint.DATA_LAKE]);

    this.projectsStack = stack('Projects', props.governanceAccount, 'Data mesh governance: project profiles, grants and projects');
    const projectsDomain = this.localDomain(this.projectsStack, props);
    const producerProject = new ProducerProjectProfile(this.projectsStack, 'ProducerProfile', {
      domain: projectsDomain, profileName: 'producer-project-profile', account: props.producer.account,
    }).addProject('ProducerProject', { projectName: producerProjectName });
    const consumerProject = new ConsumerProjectProfile(this.projectsStack, 'ConsumerProfile', {
      domain: projectsDomain, profileName: 'consumer-project-profile', account: props.consumer.account,
    }).addProject('ConsumerProject', { projectName: consumerProjectName, glueDatabaseName });
    this.projectsStack.addStackDependency(this.producerStack, 'projects deploy into enabled blueprints');
    this.projectsStack.addStackDependency(this.consumerStack, 'projects deploy into enabled blueprints');

    this.producerDataStack = stack('ProducerData', props.producer.account, 'Data mesh producer: existing tables published without moving the data');
    const producerData = new ProducerDataProduct(this.producerDataStack, 'DataProduct', {
      domain: this.sharedDomain(this.producerDataStack, props),
      projectName: producerProjectName,
      databaseName: props.producer.databaseName,
      tableNames: props.producer.tableNames,
      dataBucket: s3.Bucket.fromBucketName(this.producerDataStack, 'Data', props.producer.dataBucketName),
      dataPrefix: props.producer.dataPrefix,
      manageDataLakeAdmins: props.producer.manageDataLakeAdmins,
    });
    this.producerDataStack.addStackDependency(this.projectsStack, 'the producer project and its role exist first');

    this.subscriptionsStack = stack('Subscriptions', props.governanceAccount, 'Data mesh governance: the consumer project subscribes to the published tables');
    const subscriptionsDomain = this.localDomain(this.subscriptionsStack, props);
    for (const table of props.producer.tableNames) {
      new ConsumerSubscription(this.subscriptionsStack, `Subscription-${table}`, {
        domain: subscriptionsDomain, consumerProjectId: consumerProject.attrId, producerProjectId: producerProject.attrId, assetName: table,
      });
    }
    this.subscriptionsStack.addStackDependency(this.producerDataStack, 'the tables are published first');

    this.consumerAppStack = stack('ConsumerApp', props.consumer.account, 'Data mesh consumer: the existing application bound to the consumer project role');
    const binding = new ConsumerBinding(this.consumerAppStack, 'Binding', {
      domain: this.sharedDomain(this.consumerAppStack, props),
      function: lambda.Function.fromFunctionArn(this.consumerAppStack, 'ExistingFunction', props.consumer.functionArn),
      projectName: consumerProjectName,
      glueDatabaseName,
    });
    this.consumerAppStack.addStackDependency(this.projectsStack, 'the consumer project and its role exist first');
    // Bound before its subscriptions, the function would run with a project role that may not read the tables yet.
    this.consumerAppStack.addStackDependency(this.subscriptionsStack, 'the consumer project is subscribed to the tables first');

    // DataZone authorizes project-scoped calls by membership, and only the projects' owner (the governance
    // deployer) may add members: the member stacks' project members join here, before those stacks deploy
    // (docs/deploy-hazards.md F2, F6; docs/decisions/0012-project-member-per-stack.md).
    const memberRole = (account: string, roleName: string) => `arn:${Aws.PARTITION}:iam::${account}:role/${roleName}`;
    new MeshProjectMember(this.projectsStack, 'ProducerDataMember', {
      domain: projectsDomain,
      roleArn: memberRole(props.producer.account, producerData.projectMemberRoleName),
      projectId: producerProject.attrId,
      // It adds the producer deployer to the project, which an owner may.
      designation: MeshProjectDesignation.OWNER,
    });
    const producerDeployer = deployerRoleArn(this.producerDataStack);
    if (producerDeployer) {
      // The producer deployer (which creates the data source) enters the member pool; the member above adds it.
      // It has called DataZone already (blueprints), so DataZone has likely made its user profile: found, or created.
      new MeshProjectMember(this.projectsStack, 'ProducerDataDeployer', { domain: projectsDomain, roleArn: producerDeployer, existingUserProfile: true });
    }
    if (binding.projectMemberRoleName) {
      new MeshProjectMember(this.projectsStack, 'ConsumerAppMember', {
        domain: projectsDomain,
        roleArn: memberRole(props.consumer.account, binding.projectMemberRoleName),
        projectId: consumerProject.attrId,
      });
    }
  }

  /** The domain as a member account sees it, through the hand-off. */
  private sharedDomain(scope: Stack, props: ThreeAccountMeshProps): ICatalogDomain {
    return CatalogDomain.fromSharedDomain(scope, 'Domain', { domainName: props.domainName, governanceAccount: props.governanceAccount });
  }

  /** The domain in another governance stack (same account: a CloudFormation export). */
  private localDomain(scope: Stack, props: ThreeAccountMeshProps): ICatalogDomain {
    return CatalogDomain.fromCatalogDomainAttributes(scope, 'Domain', {
      domainId: this.domain.domainId, rootDomainUnitId: this.domain.rootDomainUnitId, governanceAccount: props.governanceAccount,
    });
  }
}
