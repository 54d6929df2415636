/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DataMeshWorkload } from './data-mesh';
import { layOut } from './layout';
import { layoutWorkloads, workloadProblems } from './workloads';
import { CatalogDomain } from '../catalog-domain/catalog-domain';
import { DomainSharePermission } from '../catalog-domain/domain-share-permission';
import { accountProblem, InputProblems, isUnresolved, regionProblem } from '../private/validate';

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
  /**
   * More existing workloads of the consumer account, of any kind (a Lambda function on any runtime, a Glue job, an
   * ECS task role, an EMR Serverless runtime role, a plain IAM role), each bound with `WorkloadBinding` in the
   * `ConsumerApp` stack: DataZone grants every subscribed table to its role, with no change to its code.
   *
   * @default - only `functionArn` is bound
   */
  readonly workloads?: DataMeshWorkload[];
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
    for (const [prop, account] of [['governanceAccount', props.governanceAccount], ['producer.account', props.producer.account], ['consumer.account', props.consumer.account]]) {
      accountProblem(problems, prop, account);
    }
    regionProblem(problems, 'region', props.region);
    const [, , , functionRegion, functionAccount] = props.consumer.functionArn.split(':');
    if (!isUnresolved(props.consumer.functionArn) && (functionAccount !== props.consumer.account || functionRegion !== props.region)) {
      problems.add('consumer.functionArn', props.consumer.functionArn, `the bound function is in the consumer's account (${props.consumer.account}) and the mesh's Region (${props.region})`, 'Bind a function of the consumer account in the mesh\'s Region.');
    }
    workloadProblems(problems, 'consumer.workloads', props.consumer.workloads, props.consumer.account, props.region);
    problems.throwIfAny();

    // The preset of DataMesh's layout for one producer and one consumer, with the construct ids (so the
    // logical ids) this construct has always had.
    const layout = layOut(this, {
      domainName: props.domainName,
      governanceAccount: props.governanceAccount,
      region: props.region,
      availabilityZones: props.availabilityZones,
      sharePermission: props.sharePermission,
      producers: [{
        key: '',
        unitName: 'producer',
        account: props.producer.account,
        projectName: props.producer.projectName ?? 'Producer',
        profileName: 'producer-project-profile',
        manageDataLakeAdmins: props.producer.manageDataLakeAdmins,
        dataProducts: [{
          id: 'DataProduct',
          bucketId: 'Data',
          databaseName: props.producer.databaseName,
          tableNames: props.producer.tableNames,
          dataBucketName: props.producer.dataBucketName,
          dataPrefix: props.producer.dataPrefix,
        }],
      }],
      consumers: [{
        key: '',
        unitName: 'consumer',
        account: props.consumer.account,
        projectName: props.consumer.projectName ?? 'Consumer',
        profileName: 'consumer-project-profile',
        glueDatabaseName: props.consumer.glueDatabaseName ?? 'consumer_db',
        bindings: [{ id: 'Binding', functionId: 'ExistingFunction', functionArn: props.consumer.functionArn }],
        workloads: layoutWorkloads(props.consumer.workloads),
        subscriptions: props.producer.tableNames.map((table) => ({ id: `Subscription-${table}`, producer: '', table })),
      }],
      // Two members make three member-pool grants on the root unit, far from DataZone's 20.
      memberDomainUnits: false,
    });
    this.domain = layout.domain;
    this.governanceStack = layout.governanceStack;
    this.producerStack = layout.producerStacks.get('')!;
    this.consumerStack = layout.consumerStacks.get('')!;
    this.projectsStack = only(layout.projectsStacks, 'projects');
    this.producerDataStack = layout.producerDataStacks.get('')!;
    this.subscriptionsStack = only(layout.subscriptionsStacks, 'subscriptions');
    this.consumerAppStack = layout.consumerAppStacks.get('')!;
  }
}

/** The one stack of a kind (a split would need DataMesh, whose stacks are lists). */
function only(stacks: Stack[], what: string): Stack {
  if (stacks.length !== 1) {
    throw new Error(`ThreeAccountMesh: the ${what} do not fit one stack (${stacks.length} stacks, at 80 % of CloudFormation's 500 resources each). Use DataMesh, which exposes every stack.`);
  }
  return stacks[0];
}
