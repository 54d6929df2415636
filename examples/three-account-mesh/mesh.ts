/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ram from 'aws-cdk-lib/aws-ram';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CatalogDomain, ConsumerBinding, ConsumerProjectProfile, ConsumerSubscription, DataMeshChecks, ManagedBlueprint, MeshMemberAccount, ProducerDataProduct, ProducerProjectProfile, TwoAzPrivateVpc } from '../../src';

/** Where the example mesh lives. Every value can be overridden (see `settingsFrom`). */
export interface ExampleMeshSettings {
  readonly governanceAccount: string;
  readonly producerAccount: string;
  readonly consumerAccount: string;
  readonly region: string;
  /** The two Availability Zones of every mesh VPC. */
  readonly availabilityZones: string[];
  /**
   * Break one constraint of the seed on purpose, to see synth refuse it (`-c break=<variant>` or MESH_BREAK):
   * one of `BROKEN_VARIANTS`.
   */
  readonly brokenVariant?: string;
}

/** The constraints the example can break on purpose, and what refuses each at synth. */
export const BROKEN_VARIANTS: Record<string, string> = {
  'single-az': 'both producer subnets in one Availability Zone (DataMesh-VPC1, DataMesh-BP2)',
  'same-account': 'the consumer account equal to the producer account (CatalogDomain refuses the duplicate association)',
  'no-tooling': 'the producer account does not enable Tooling, but a profile targets it (DataMesh-BP3)',
  'v1-ram-permission': 'the domain shared with the V1 RAM permission (DataMesh-RAM1)',
  'public-subnet': 'public subnets with an internet gateway in the producer VPC (DataMesh-VPC2, DataMesh-VPC3)',
};

/** The role each account plays in the mesh, for the report. */
export type MeshRole = 'governance' | 'producer' | 'consumer';

/** A stack of the example and the mesh role of its account. */
export interface ExampleStack {
  readonly stack: Stack;
  readonly role: MeshRole;
}

/** The built example: the app, its stacks by role and the settings used. */
export interface ExampleMesh {
  readonly app: App;
  readonly settings: ExampleMeshSettings;
  readonly stacks: ExampleStack[];
}

export const DEFAULT_SETTINGS: ExampleMeshSettings = {
  governanceAccount: '111111111111',
  producerAccount: '222222222222',
  consumerAccount: '333333333333',
  region: 'eu-west-1',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
};

/**
 * The settings, from (highest first) CDK context (`-c producerAccount=…`), environment variables
 * (`MESH_PRODUCER_ACCOUNT`, `MESH_CONSUMER_ACCOUNT`, `MESH_GOVERNANCE_ACCOUNT`, `MESH_REGION`,
 * `MESH_AZS` as `a,b`), then the example defaults.
 */
export function settingsFrom(app: App, env: NodeJS.ProcessEnv = process.env): ExampleMeshSettings {
  const pick = (key: keyof ExampleMeshSettings, envName: string): string | undefined =>
    (app.node.tryGetContext(key) as string | undefined) ?? env[envName];
  const region = pick('region', 'MESH_REGION') ?? DEFAULT_SETTINGS.region;
  const azs = pick('availabilityZones', 'MESH_AZS');
  const brokenVariant = (app.node.tryGetContext('break') as string | undefined) ?? env.MESH_BREAK;
  if (brokenVariant !== undefined && !(brokenVariant in BROKEN_VARIANTS)) {
    throw new Error(`break=${brokenVariant} is not a variant of the example; choose one of: ${Object.keys(BROKEN_VARIANTS).join(', ')}`);
  }
  const producer = pick('producerAccount', 'MESH_PRODUCER_ACCOUNT') ?? DEFAULT_SETTINGS.producerAccount;
  return {
    brokenVariant,
    governanceAccount: pick('governanceAccount', 'MESH_GOVERNANCE_ACCOUNT') ?? DEFAULT_SETTINGS.governanceAccount,
    producerAccount: producer,
    consumerAccount: brokenVariant === 'same-account' ? producer : pick('consumerAccount', 'MESH_CONSUMER_ACCOUNT') ?? DEFAULT_SETTINGS.consumerAccount,
    region,
    availabilityZones: azs ? azs.split(',').map((az) => az.trim()) : [`${region}a`, `${region}b`],
  };
}

/** The Glue database of the consumer project, where subscriptions land. */
export const CONSUMER_GLUE_DATABASE = 'consumer_db';

/** The name of the example's domain. */
export const DOMAIN_NAME = 'data-mesh';

/**
 * The seed's three-account mesh, as far as the library builds it today: the governance account's
 * domain shared with the producer and consumer accounts, and the members' private two-zone
 * networks, checked by DataMeshChecks and AwsSolutionsChecks. The member stacks deploy after the
 * governance stack, whose deploy completes only once both accounts are associated.
 */
export function buildExampleMesh(app: App, settings: ExampleMeshSettings = settingsFrom(app)): ExampleMesh {
  Validations.of(app).addPlugins(new DataMeshChecks(), new AwsSolutionsChecks());
  const broken = settings.brokenVariant;
  const member = (id: string, role: MeshRole, account: string, blueprints: ManagedBlueprint[], description: string): ExampleStack => {
    const stack = new Stack(app, id, { env: { account, region: settings.region }, description });
    const network = new TwoAzPrivateVpc(stack, 'Network', {
      availabilityZones: settings.availabilityZones,
      internetEgress: broken === 'public-subnet' && role === 'producer' ? true : undefined,
    });
    if (broken === 'single-az' && role === 'producer') {
      const [first, second] = network.subnets.map((subnet) => subnet.node.defaultChild as ec2.CfnSubnet);
      second.availabilityZone = first.availabilityZone;
    }
    const domain = CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: DOMAIN_NAME, governanceAccount: settings.governanceAccount });
    if (!(broken === 'no-tooling' && role === 'producer')) {
      new MeshMemberAccount(stack, 'Blueprints', { domain, network, blueprints });
    }
    return { stack, role };
  };
  const governance = new Stack(app, 'MeshGovernance', {
    env: { account: settings.governanceAccount, region: settings.region },
    description: 'Data mesh governance account: SageMaker Unified Studio domain shared with the producer and consumer accounts',
  });
  const domain = new CatalogDomain(governance, 'Domain', {
    domainName: DOMAIN_NAME,
    associatedAccounts: [settings.producerAccount, settings.consumerAccount],
  });
  if (broken === 'v1-ram-permission') {
    (domain.node.findChild('DomainShare') as ram.CfnResourceShare).permissionArns = ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionAmazonDataZoneDomain'];
  }
  const members = [
    member('MeshProducer', 'producer', settings.producerAccount, [ManagedBlueprint.TOOLING], 'Data mesh producer account: private two-zone network for the Tooling blueprint'),
    member('MeshConsumer', 'consumer', settings.consumerAccount, [ManagedBlueprint.TOOLING, ManagedBlueprint.DATA_LAKE], 'Data mesh consumer account: private two-zone network for the Tooling and DataLake blueprints'),
  ];
  for (const { stack } of members) {
    stack.addDependency(governance, 'the domain is shared with the member accounts first');
  }

  // Governance again, once the members have enabled their blueprints: profiles and projects.
  const projects = new Stack(app, 'MeshGovernanceProjects', {
    env: { account: settings.governanceAccount, region: settings.region },
    description: 'Data mesh governance account: project profiles, grants and projects, after the member accounts enabled their blueprints',
  });
  const sharedDomain = CatalogDomain.fromCatalogDomainAttributes(projects, 'Domain', {
    domainId: domain.domainId,
    rootDomainUnitId: domain.rootDomainUnitId,
    governanceAccount: settings.governanceAccount,
  });
  const producerProfile = new ProducerProjectProfile(projects, 'ProducerProfile', { domain: sharedDomain, profileName: 'producer-project-profile', account: settings.producerAccount });
  const producerProject = producerProfile.addProject('ProducerProject', { projectName: 'Producer' });
  const consumerProfile = new ConsumerProjectProfile(projects, 'ConsumerProfile', { domain: sharedDomain, profileName: 'consumer-project-profile', account: settings.consumerAccount });
  const consumerProject = consumerProfile.addProject('ConsumerProject', { projectName: 'Consumer', glueDatabaseName: CONSUMER_GLUE_DATABASE });
  for (const { stack } of members) {
    projects.addDependency(stack, 'projects deploy into the member accounts\' enabled blueprints');
  }

  // The producer's existing data, published without moving it: bucket, Glue database `collections`, table `trees`.
  const producerData = new Stack(app, 'MeshProducerData', {
    env: { account: settings.producerAccount, region: settings.region },
    description: 'Data mesh producer account: Lake Formation grants on the existing collections.trees table and its data source',
  });
  new ProducerDataProduct(producerData, 'Trees', {
    domain: CatalogDomain.fromSharedDomain(producerData, 'Domain', { domainName: DOMAIN_NAME, governanceAccount: settings.governanceAccount }),
    projectName: 'Producer',
    databaseName: 'collections',
    tableNames: ['trees'],
    dataBucket: s3.Bucket.fromBucketName(producerData, 'ExistingData', `collections-${settings.producerAccount}`),
    dataPrefix: 'trees/',
  });
  producerData.addDependency(projects, 'the producer project and its role exist first');

  // Governance once more, after the producer published `trees`: the consumer project subscribes.
  const subscriptions = new Stack(app, 'MeshSubscriptions', {
    env: { account: settings.governanceAccount, region: settings.region },
    description: 'Data mesh governance account: the consumer project subscribes to the producer\'s trees asset',
  });
  new ConsumerSubscription(subscriptions, 'ConsumerTrees', {
    domain: CatalogDomain.fromCatalogDomainAttributes(subscriptions, 'Domain', {
      domainId: domain.domainId, rootDomainUnitId: domain.rootDomainUnitId, governanceAccount: settings.governanceAccount,
    }),
    consumerProjectId: consumerProject.attrId,
    producerProjectId: producerProject.attrId,
    assetName: 'trees',
  });
  subscriptions.addDependency(producerData, 'the producer publishes trees first');

  // The consumer's existing application, deployed by another team: bound by ARN, its code unchanged.
  const consumerApp = new Stack(app, 'MeshConsumerApp', {
    env: { account: settings.consumerAccount, region: settings.region },
    description: 'Data mesh consumer account: the existing consumer_function reads through the consumer project role, without a code change',
  });
  new ConsumerBinding(consumerApp, 'ConsumerFunction', {
    domain: CatalogDomain.fromSharedDomain(consumerApp, 'Domain', { domainName: DOMAIN_NAME, governanceAccount: settings.governanceAccount }),
    function: lambda.Function.fromFunctionArn(consumerApp, 'ExistingFunction',
      `arn:aws:lambda:${settings.region}:${settings.consumerAccount}:function:consumer_function`),
    projectName: 'Consumer',
    glueDatabaseName: CONSUMER_GLUE_DATABASE,
  });
  consumerApp.addDependency(projects, 'the consumer project and its role exist first');

  return {
    app,
    settings,
    stacks: [
      { stack: governance, role: 'governance' }, ...members, { stack: projects, role: 'governance' },
      { stack: producerData, role: 'producer' }, { stack: subscriptions, role: 'governance' }, { stack: consumerApp, role: 'consumer' },
    ],
  };
}
