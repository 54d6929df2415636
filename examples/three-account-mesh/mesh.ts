/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ram from 'aws-cdk-lib/aws-ram';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DataMesh, DataMeshChecks, ThreeAccountMesh, TwoAzPrivateVpc } from '../../src';

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
  /**
   * A mesh file (YAML or JSON, `schema/data-mesh.schema.json`) to build instead of the three-account example
   * (`-c meshFile=<path>` or MESH_FILE), e.g. `examples/mesh-file/mesh.yaml`. Its accounts and Region are its own.
   */
  readonly meshFile?: string;
}

/** The constraints the example can break on purpose, and what refuses each at synth. */
export const BROKEN_VARIANTS: Record<string, string> = {
  'single-az': 'both producer subnets in one Availability Zone (DataMesh-VPC1, DataMesh-BP2)',
  'same-account': 'the consumer account equal to the producer account (ThreeAccountMesh refuses it)',
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

/** An account of the mesh and what it holds, for the report. */
export interface ExampleAccount {
  readonly account: string;
  readonly role: string;
}

/** The built example: the app, its stacks by role, its accounts and the settings used. */
export interface ExampleMesh {
  readonly app: App;
  readonly settings: ExampleMeshSettings;
  readonly region: string;
  readonly accounts: ExampleAccount[];
  readonly stacks: ExampleStack[];
}

const ACCOUNT_ROLES: Record<MeshRole, string> = {
  governance: 'governance (domain, profiles, grants; stores no data)',
  producer: 'producer (existing S3 data and Glue tables)',
  consumer: 'consumer (existing application)',
};

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
  const meshFile = (app.node.tryGetContext('meshFile') as string | undefined) ?? env.MESH_FILE;
  if (meshFile !== undefined && brokenVariant !== undefined) {
    throw new Error(`break=${brokenVariant} breaks the three-account example, not a mesh file (meshFile=${meshFile}): pass one of them`);
  }
  const producer = pick('producerAccount', 'MESH_PRODUCER_ACCOUNT') ?? DEFAULT_SETTINGS.producerAccount;
  return {
    brokenVariant,
    meshFile,
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
 * The seed's three-account mesh: seven stacks in three accounts, laid out in deploy order by
 * `ThreeAccountMesh`, checked by DataMeshChecks and AwsSolutionsChecks. A broken variant changes one
 * thing through escape hatches, the way a user's mistake would.
 */
export function buildExampleMesh(app: App, settings: ExampleMeshSettings = settingsFrom(app)): ExampleMesh {
  Validations.of(app).addPlugins(new DataMeshChecks(), new AwsSolutionsChecks());
  if (settings.meshFile !== undefined) {
    return buildMeshFile(app, settings, settings.meshFile);
  }
  const mesh = new ThreeAccountMesh(app, 'Mesh', {
    domainName: DOMAIN_NAME,
    governanceAccount: settings.governanceAccount,
    region: settings.region,
    availabilityZones: settings.availabilityZones,
    producer: {
      account: settings.producerAccount,
      databaseName: 'collections',
      tableNames: ['trees', 'birds'],
      dataBucketName: `collections-${settings.producerAccount}`,
      dataPrefix: 'collections/',
    },
    consumer: {
      account: settings.consumerAccount,
      glueDatabaseName: CONSUMER_GLUE_DATABASE,
      functionArn: `arn:aws:lambda:${settings.region}:${settings.consumerAccount}:function:consumer_function`,
      // An existing Glue job, bound through its role: DataZone grants the subscribed tables to the role itself.
      workloads: [{ kind: 'GLUE_JOB', roleArn: `arn:aws:iam::${settings.consumerAccount}:role/nightly_etl` }],
    },
  });
  breakOnPurpose(mesh, settings.brokenVariant);
  return {
    app,
    settings,
    region: settings.region,
    accounts: [
      { account: settings.governanceAccount, role: ACCOUNT_ROLES.governance },
      { account: settings.producerAccount, role: ACCOUNT_ROLES.producer },
      { account: settings.consumerAccount, role: ACCOUNT_ROLES.consumer },
    ],
    stacks: [
      { stack: mesh.governanceStack, role: 'governance' },
      { stack: mesh.producerStack, role: 'producer' },
      { stack: mesh.consumerStack, role: 'consumer' },
      { stack: mesh.projectsStack, role: 'governance' },
      { stack: mesh.producerDataStack, role: 'producer' },
      { stack: mesh.subscriptionsStack, role: 'governance' },
      { stack: mesh.consumerAppStack, role: 'consumer' },
    ],
  };
}

/** The mesh a file declares (`DataMesh.fromFile`), with each stack's role from its account. */
function buildMeshFile(app: App, settings: ExampleMeshSettings, file: string): ExampleMesh {
  const mesh = DataMesh.fromFile(app, 'Mesh', file);
  const roles = new Map<string, MeshRole>([[mesh.governanceStack.account, 'governance']]);
  mesh.producerNames.forEach((name) => roles.set(mesh.memberStack(name).account, 'producer'));
  mesh.consumerNames.forEach((name) => roles.set(mesh.memberStack(name).account, 'consumer'));
  return {
    app,
    settings,
    region: mesh.governanceStack.region,
    accounts: [...roles].map(([account, role]) => ({ account, role: ACCOUNT_ROLES[role] })),
    stacks: mesh.stacks.map((stack) => ({ stack, role: roles.get(stack.account)! })),
  };
}

function breakOnPurpose(mesh: ThreeAccountMesh, variant: string | undefined): void {
  const producerNetwork = mesh.producerStack.node.findChild('Network') as TwoAzPrivateVpc;
  const subnets = producerNetwork.subnets.map((subnet) => subnet.node.defaultChild as ec2.CfnSubnet);
  switch (variant) {
    case 'single-az':
      subnets[1].availabilityZone = subnets[0].availabilityZone;
      break;
    case 'no-tooling':
      mesh.producerStack.node.tryRemoveChild('Blueprints');
      mesh.producerStack.node.tryRemoveChild('Domain');
      break;
    case 'v1-ram-permission':
      (mesh.domain.node.findChild('DomainShare') as ram.CfnResourceShare).permissionArns = ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionAmazonDataZoneDomain'];
      break;
    case 'public-subnet': {
      const gateway = new ec2.CfnInternetGateway(mesh.producerStack, 'InternetGateway');
      new ec2.CfnVPCGatewayAttachment(mesh.producerStack, 'InternetGatewayAttachment', { vpcId: producerNetwork.vpcId, internetGatewayId: gateway.ref });
      producerNetwork.subnets.forEach((subnet, i) => {
        new ec2.CfnRoute(mesh.producerStack, `InternetRoute${i}`, { routeTableId: subnet.routeTable.routeTableId, destinationCidrBlock: '0.0.0.0/0', gatewayId: gateway.ref });
        subnets[i].mapPublicIpOnLaunch = true;
      });
      break;
    }
    default:
      break;
  }
}
