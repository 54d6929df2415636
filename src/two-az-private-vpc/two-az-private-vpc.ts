/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Annotations, CfnResource, CustomResource, Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { MeshEndpointService } from './mesh-endpoint-service';
import { CONNECTIVITY_PROBE_TYPE } from '../contract';
import { acknowledge } from '../private/acknowledge';
import { acknowledgeProviderFramework, HANDLER_RUNTIME, managedPolicyFinding } from '../private/custom-resource';
import { allowCloudWatchLogs } from '../private/logs-key';
import { handlersCode } from '../private/python-provider';
import { InputProblems, isUnresolved, knownZones, regionProblem } from '../private/validate';

const DEFAULT_CIDR = '10.0.0.0/16';

/** Id of the warning given when the Availability Zones are not known at synth. */
export const UNVERIFIABLE_AZS_WARNING = 'cdk-data-mesh:TwoAzPrivateVpc.unverifiableAzs';

/**
 * Properties of a `TwoAzPrivateVpc`.
 */
export interface TwoAzPrivateVpcProps {
  /**
   * An existing VPC to use instead of creating one ("the account VPC hosting the existing data repositories").
   *
   * Import it with `ec2.Vpc.fromVpcAttributes()` (static, offline) or `ec2.Vpc.fromLookup()`.
   * Nothing is created in it except the endpoints listed in `endpoints`.
   *
   * @default - a new VPC with isolated private subnets only
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Which subnets of the VPC the Tooling blueprint and its jobs use.
   *
   * They must be private and span at least two Availability Zones.
   *
   * @default - the isolated subnets, or the private subnets with egress when the VPC has no isolated ones
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The IPv4 CIDR block of a new VPC.
   *
   * Between /16 and /27, and large enough for one subnet of `subnetCidrMask` per Availability Zone.
   *
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;

  /**
   * The prefix length of each subnet of a new VPC.
   *
   * @default 24
   */
  readonly subnetCidrMask?: number;

  /**
   * The Availability Zones of a new VPC: at least two distinct zones of the stack's Region.
   *
   * A zone's name is the Region's and a letter (`eu-west-1a`), or for a Local Zone the Region's, a dash
   * and a location (`us-west-2-lax-1a`). Given zones are checked at synth against the stack's Region and
   * need no context lookup, so `cdk synth` runs without AWS credentials.
   *
   * @default - the first two zones of the stack's Region (`Stack.availabilityZones`): in a stack with an
   * account and a Region, the CDK CLI looks them up in the account (credentials needed) and stores them in `cdk.context.json`
   */
  readonly availabilityZones?: string[];

  /**
   * Interface endpoints to create, so that the Tooling blueprint and the jobs it starts reach their services privately.
   *
   * An S3 gateway endpoint is always added to a new VPC.
   *
   * @default - `MeshEndpointService.defaults()` in a new VPC; none in an existing VPC (it usually has its own)
   */
  readonly endpoints?: MeshEndpointService[];

  /**
   * Whether to add an S3 gateway endpoint.
   *
   * @default - true for a new VPC, false for an existing one
   */
  readonly s3GatewayEndpoint?: boolean;

  /**
   * Give a new VPC a route to the internet through NAT gateways in public subnets.
   *
   * This weakens the mesh's isolation: the seed requires private subnets only, and DataMeshChecks
   * reports the public subnets (`DataMesh-VPC2`, `DataMesh-VPC3`) until they are acknowledged.
   *
   * @default false
   */
  readonly internetEgress?: boolean;

  /**
   * How long a new VPC's flow logs are kept.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly flowLogRetention?: logs.RetentionDays;

  /**
   * The key that encrypts a new VPC's flow log group.
   *
   * @default - a new key with annual rotation
   */
  readonly flowLogKey?: kms.IKey;

  /**
   * What happens to the flow log group and its key when they are removed from the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The network of a mesh account: at least two private subnets in two distinct Availability Zones
 * of one Region, with private endpoints for the services of the Tooling blueprint.
 *
 * By default it defines a new `AWS::EC2::VPC` with isolated subnets only (no internet gateway,
 * no NAT), interface endpoints for Glue, Athena, Redshift, EMR, MWAA, Bedrock, SageMaker, STS,
 * Lake Formation, DataZone, KMS and CloudWatch Logs behind one security group that admits HTTPS
 * from the VPC's CIDR only, an S3 gateway endpoint, and flow logs to a KMS-encrypted log group.
 * With `vpc` it uses an existing VPC and checks that the chosen subnets are private and span two zones.
 *
 * It exposes what the Tooling blueprint configuration needs: `vpcId`, `subnetIds` and `toolingSubnets`.
 *
 * @example
 * const network = new TwoAzPrivateVpc(this, 'Network', {
 *   availabilityZones: ['eu-west-1a', 'eu-west-1b'],
 * });
 */
export class TwoAzPrivateVpc extends Construct {
  /** The VPC. */
  public readonly vpc: ec2.IVpc;

  /** The VPC id. */
  public readonly vpcId: string;

  /** The selected private subnets the Tooling blueprint runs in. */
  public readonly subnets: ec2.ISubnet[];

  /** The ids of the selected subnets. */
  public readonly subnetIds: string[];

  /** The selected subnets' ids joined with commas: the value of the Tooling blueprint's `Subnets` regional parameter. */
  public readonly toolingSubnets: string;

  /** The Availability Zones of the selected subnets. */
  public readonly availabilityZones: string[];

  /** The security group of the interface endpoints (HTTPS from the VPC CIDR only), if any endpoint was created. */
  public readonly endpointSecurityGroup?: ec2.ISecurityGroup;

  /** The interface endpoints, by `MeshEndpointService.constructId`. */
  public readonly interfaceEndpoints: ec2.InterfaceVpcEndpoint[] = [];

  /** The flow log group of a new VPC. */
  public readonly flowLogGroup?: logs.ILogGroup;

  private readonly endpointServices = new Set<string>();
  private readonly addedServices: MeshEndpointService[] = [];

  constructor(scope: Construct, id: string, props: TwoAzPrivateVpcProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    validateProps(this, stack, props);

    const isNew = props.vpc === undefined;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    if (props.vpc) {
      this.vpc = props.vpc;
    } else {
      const azs = props.availabilityZones ?? stack.availabilityZones.slice(0, 2);
      const internetEgress = props.internetEgress ?? false;
      const cidrMask = props.subnetCidrMask ?? 24;
      // Explicit zones are validated by validateProps; the VPC gets them without a context lookup (withStackZones).
      const vpc = withStackZones(stack, props.availabilityZones, () => new ec2.Vpc(this, 'Vpc', {
        ipAddresses: ec2.IpAddresses.cidr(props.cidr ?? DEFAULT_CIDR),
        availabilityZones: azs,
        natGateways: internetEgress ? azs.length : 0,
        subnetConfiguration: internetEgress
          ? [
            { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask },
            { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask },
          ]
          : [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask }],
        restrictDefaultSecurityGroup: false,
        createInternetGateway: internetEgress,
      }));
      const literalZonesReason = 'The subnets name their Availability Zones on purpose: literal zones let DataMesh-VPC1 verify at synth that the mesh spans two distinct zones, which Fn::GetAZs would hide until deploy.';
      Validations.of(vpc).acknowledge({ id: 'CloudFormation-Validate::W3010', reason: literalZonesReason });
      for (const subnet of [...vpc.isolatedSubnets, ...vpc.privateSubnets, ...vpc.publicSubnets]) {
        // The same acknowledgement for cfn-lint, which reads it from the resource's metadata.
        (subnet.node.defaultChild as CfnResource).addMetadata('cfn-lint', { config: { ignore_checks: ['W3010'] } });
      }
      this.vpc = vpc;
      this.flowLogGroup = this.defineFlowLogs(vpc, props, removalPolicy);
    }

    const selection = this.vpc.selectSubnets(props.vpcSubnets ?? defaultSelection(this.vpc));
    this.subnets = selection.subnets;
    this.subnetIds = selection.subnetIds;
    this.availabilityZones = selection.availabilityZones;
    this.vpcId = this.vpc.vpcId;
    this.toolingSubnets = Fn.join(',', this.subnetIds);
    validateSelection(this, this.vpc, selection, isNew);

    if (props.s3GatewayEndpoint ?? isNew) {
      new ec2.GatewayVpcEndpoint(this, 'S3Endpoint', {
        vpc: this.vpc,
        service: ec2.GatewayVpcEndpointAwsService.S3,
        subnets: [{ subnets: this.subnets }],
      });
    }

    const endpoints = props.endpoints ?? (isNew ? MeshEndpointService.defaults() : []);
    if (endpoints.length > 0) {
      this.endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
        vpc: this.vpc,
        description: 'Interface endpoints of the mesh VPC: HTTPS from the VPC CIDR only',
        allowAllOutbound: false,
      });
      // A new VPC's CIDR is known at synth: a literal lets every checker verify the rule.
      const vpcCidr = isNew ? props.cidr ?? DEFAULT_CIDR : this.vpc.vpcCidrBlock;
      this.endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(vpcCidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
      if (Token.isUnresolved(vpcCidr)) {
        // Per resource: a pack-qualified acknowledgement would apply to every EC23 finding in the app.
        acknowledge(this.endpointSecurityGroup, 'AwsSolutions-EC23',
          'The only ingress rule admits port 443 from the existing VPC\'s own CIDR block, a token EC23 cannot read; DataMesh-VPC5 checks endpoint security groups for 0.0.0.0/0.');
      }
      for (const service of endpoints) {
        this.addInterfaceEndpoint(service);
      }
    }
  }

  /**
   * Add an interface endpoint for `service` in the selected subnets, behind the endpoint security group.
   *
   * Adding the same service twice returns the existing endpoint.
   */
  public addInterfaceEndpoint(service: MeshEndpointService): ec2.InterfaceVpcEndpoint {
    const key = `${service.prefix}.${service.serviceName}`;
    const id = `${service.constructId}Endpoint`;
    if (this.endpointServices.has(key)) {
      return this.node.findChild(id) as ec2.InterfaceVpcEndpoint;
    }
    const securityGroup = this.endpointSecurityGroup ?? this.node.tryFindChild('EndpointSecurityGroup') as ec2.ISecurityGroup | undefined;
    if (!securityGroup) {
      throw new Error(`TwoAzPrivateVpc at '${this.node.path}': addInterfaceEndpoint(${service.serviceName}) needs the endpoint security group, which is created when 'endpoints' is not empty. Pass the endpoints in 'endpoints' instead.`);
    }
    const endpoint = new ec2.InterfaceVpcEndpoint(this, id, {
      vpc: this.vpc,
      service: service.toInterfaceVpcEndpointService(),
      subnets: { subnets: this.subnets },
      securityGroups: [securityGroup],
      privateDnsEnabled: true,
      open: false,
    });
    this.endpointServices.add(key);
    this.addedServices.push(service);
    this.interfaceEndpoints.push(endpoint);
    return endpoint;
  }

  /** The services this construct created interface endpoints for. */
  public get meshEndpointServices(): MeshEndpointService[] {
    return [...this.addedServices];
  }

  /**
   * Check from inside this VPC, at deploy and on a schedule, that the services of its endpoints are
   * reachable privately (a `ConnectivityProbe` in the selected subnets).
   */
  public addConnectivityProbe(id: string, options: ConnectivityProbeOptions = {}): ConnectivityProbe {
    return new ConnectivityProbe(this, id, { ...options, network: this });
  }

  private defineFlowLogs(vpc: ec2.Vpc, props: TwoAzPrivateVpcProps, removalPolicy: RemovalPolicy): logs.ILogGroup {
    const key = props.flowLogKey ?? new kms.Key(this, 'FlowLogKey', {
      description: `Encrypts the flow logs of ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy,
    });
    if (!props.flowLogKey) {
      allowCloudWatchLogs(key, 'AllowCloudWatchLogsToUseTheKey', ['*']);
    }
    const logGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      encryptionKey: key,
      retention: props.flowLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy,
    });
    const flowLog = vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    // aws-cdk-lib's role trusts vpc-flow-logs.amazonaws.com without a condition; the VPC guide recommends
    // aws:SourceAccount and aws:SourceArn against the confused deputy (docs/decisions/0020-policy-walk-and-template-records.md). An override on the
    // role it creates keeps the role's logical id (a role of our own would replace it and the flow log).
    const role = flowLog.iamRole?.node.defaultChild;
    if (role instanceof iam.CfnRole) {
      const stack = Stack.of(this);
      role.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition', {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'ec2', resource: 'vpc-flow-log', resourceName: '*' }) },
      });
    }
    return logGroup;
  }
}

/**
 * True when `vpc` knows its CIDR block. An imported VPC without `vpcCidrBlock` signals that only by throwing
 * from the getter, so the getter is tried here, before anything else reads it.
 */
function hasCidrBlock(vpc: ec2.IVpc): boolean {
  try {
    return vpc.vpcCidrBlock !== undefined;
  } catch {
    return false;
  }
}

function defaultSelection(vpc: ec2.IVpc): ec2.SubnetSelection {
  return vpc.isolatedSubnets.length > 0
    ? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }
    : { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
}

function validateProps(scope: Construct, stack: Stack, props: TwoAzPrivateVpcProps): void {
  const problems = new InputProblems(scope, 'TwoAzPrivateVpc');
  regionProblem(problems, 'region', stack.region);
  if (props.vpc && (props.endpoints ?? []).length > 0 && !hasCidrBlock(props.vpc)) {
    problems.add('vpc', props.vpc.vpcId, 'the interface endpoints\' security group admits HTTPS from the VPC\'s CIDR block, and this VPC was imported without one',
      'Pass vpcCidrBlock to ec2.Vpc.fromVpcAttributes() (or import with ec2.Vpc.fromLookup()), or leave endpoints out if the VPC has its own.');
  }
  const newOnly: Array<keyof TwoAzPrivateVpcProps> = ['cidr', 'subnetCidrMask', 'availabilityZones', 'internetEgress', 'flowLogRetention', 'flowLogKey'];
  if (props.vpc) {
    for (const prop of newOnly) {
      if (props[prop] !== undefined) {
        problems.add(prop, props[prop], 'it shapes a new VPC and cannot be combined with \'vpc\'', `Remove '${prop}', or remove 'vpc' to create a new VPC.`);
      }
    }
  }
  if (!props.vpc && props.vpcSubnets !== undefined) {
    problems.add('vpcSubnets', props.vpcSubnets, 'it selects subnets of an existing \'vpc\'', 'Remove it: a new VPC uses its private subnets.');
  }

  const cidrMask = props.subnetCidrMask ?? 24;
  if (props.subnetCidrMask !== undefined && (!Number.isInteger(cidrMask) || cidrMask < 16 || cidrMask > 28)) {
    problems.add('subnetCidrMask', props.subnetCidrMask, 'a subnet prefix length must be a whole number from 16 to 28', 'Use e.g. 24.');
  }
  if (props.cidr !== undefined && !Token.isUnresolved(props.cidr)) {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(props.cidr);
    const octetsOk = match !== null && match.slice(1, 5).every((o) => Number(o) <= 255);
    const prefix = match ? Number(match[5]) : NaN;
    if (!match || !octetsOk) {
      problems.add('cidr', props.cidr, 'expected an IPv4 CIDR block such as 10.0.0.0/16', 'Pass a block from the private ranges 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.');
    } else if (prefix < 16 || prefix > 27) {
      problems.add('cidr', props.cidr, `a VPC's prefix length must be from /16 to /27, got /${prefix}`, 'Pass a block between /16 and /27.');
    } else {
      const azCount = props.availabilityZones?.length ?? 2;
      const needed = Math.ceil(Math.log2(Math.max(azCount, 2)));
      if (prefix + needed > cidrMask) {
        problems.add('cidr', props.cidr, `a /${prefix} block cannot hold ${Math.max(azCount, 2)} subnets of /${cidrMask}`, `Use a block of /${cidrMask - needed} or larger, or a larger 'subnetCidrMask'.`);
      }
    }
  }

  const azs = props.availabilityZones;
  if (azs !== undefined) {
    if (isUnresolved(azs)) {
      problems.add('availabilityZones', azs, 'the zones must be literal names, known at synth, so that two distinct zones can be verified', 'Pass names such as [\'eu-west-1a\', \'eu-west-1b\'], or omit the property to use the stack\'s zones.');
    } else {
      const distinct = new Set(azs);
      if (azs.length < 2) {
        problems.add('availabilityZones', azs, 'the mesh needs private subnets in at least two distinct Availability Zones', 'Pass two or more zones, e.g. [\'eu-west-1a\', \'eu-west-1b\'].');
      } else if (distinct.size !== azs.length) {
        problems.add('availabilityZones', azs, 'each zone may appear only once (the same zone twice is still one zone)', 'Pass two or more different zones.');
      }
      zoneProblems(problems, azs, stack.region);
      const recorded = knownZones(stack);
      const unknown = recorded ? azs.filter((az) => ZONE_NAME.test(az) && az.startsWith(stack.region) && !recorded.includes(az)) : [];
      if (unknown.length > 0) {
        problems.add('availabilityZones', azs, `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the zones recorded for account ${stack.account} in ${stack.region} (${recorded!.join(', ')})`,
          'Pass zones of that list, or refresh the lookup (cdk context --reset) if the account gained a zone.');
      }
    }
  } else if (!props.vpc && isUnresolved(stack.availabilityZones)) {
    Validations.of(scope).addWarning(UNVERIFIABLE_AZS_WARNING,
      'The stack is environment-agnostic, so its Availability Zones are unknown at synth: the VPC will use the first two zones CloudFormation returns (Fn::GetAZs), which cannot be checked now. '
      + 'Give the stack an env with account and region, or pass availabilityZones.');
  }
  problems.throwIfAny();
}

/**
 * An Availability Zone's name: its Region's name and a letter (`eu-west-1a`), or for a Local or
 * Wavelength Zone its Region's name, a dash and a location (`us-west-2-lax-1a`, `us-east-1-wl1-bos-wlz-1`).
 * The first group is the Region.
 */
const ZONE_NAME = /^([a-z]+(?:-[a-z]+)+-\d+)(?:[a-z]|-[a-z0-9]+(?:-[a-z0-9]+)*)$/;
/** What follows the Region's name in a zone's name (see `ZONE_NAME`). */
const ZONE_SUFFIX = /^(?:[a-z]|-[a-z0-9]+(?:-[a-z0-9]+)*)$/;

/**
 * Check that every zone in `azs` is a zone of `region` (of one Region, when the stack's is unknown at synth).
 *
 * This replaces the check `ec2.Vpc` makes against the stack's zones, which needs a context lookup (see `withStackZones`).
 */
function zoneProblems(problems: InputProblems, azs: string[], region: string): void {
  if (!Token.isUnresolved(region)) {
    const foreign = azs.filter((az) => !(az.startsWith(region) && ZONE_SUFFIX.test(az.slice(region.length))));
    if (foreign.length > 0) {
      problems.add('availabilityZones', azs,
        `every zone must be in the stack's Region ${region}; ${foreign.join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not (a zone of ${region} is named ${region} and a letter, e.g. ${region}a, or ${region}-<location> for a Local Zone)`,
        `Use zones of ${region}, or deploy the stack to the zones' Region.`);
    }
    return;
  }
  const malformed = azs.filter((az) => !ZONE_NAME.test(az));
  const regions = [...new Set(azs.map((az) => ZONE_NAME.exec(az)?.[1]).filter((r): r is string => r !== undefined))];
  if (malformed.length > 0) {
    problems.add('availabilityZones', azs,
      `an Availability Zone is named after its Region and a letter (e.g. eu-west-1a); ${malformed.join(', ')} ${malformed.length === 1 ? 'is' : 'are'} not a zone name`,
      'Pass zone names such as [\'eu-west-1a\', \'eu-west-1b\'].');
  } else if (regions.length > 1) {
    problems.add('availabilityZones', azs,
      `the zones must be in one Region, the stack's; they are in ${regions.join(', ')}`,
      'Pass zones of the Region the stack is deployed to.');
  }
}

/**
 * Run `define` while `stack.availabilityZones` returns `zones`, when zones are given.
 *
 * `ec2.Vpc` reads `stack.availabilityZones` even when it is given `availabilityZones`, to check that
 * they are a subset of the stack's zones (aws-cdk-lib 2.262.0 and 2.276.0 alike). In a stack with an
 * account and a Region that read is a context lookup (provider `availability-zones`): `app.synth()`
 * records it as missing context, and the CDK CLI then calls EC2 DescribeAvailabilityZones with the
 * account's credentials before it synthesizes again, so `cdk synth` fails without credentials. The zones
 * are checked against the stack's Region instead (`zoneProblems`), and the stack reports the zones it
 * was given while the VPC is defined. The stack's own `availabilityZones` (a subclass' override included)
 * is restored afterwards.
 */
function withStackZones<T>(stack: Stack, zones: string[] | undefined, define: () => T): T {
  const own = Object.getOwnPropertyDescriptor(stack, 'availabilityZones');
  if (zones === undefined || (own !== undefined && !own.configurable)) {
    return define();
  }
  Object.defineProperty(stack, 'availabilityZones', { get: () => [...zones], configurable: true, enumerable: false });
  try {
    return define();
  } finally {
    if (own) {
      Object.defineProperty(stack, 'availabilityZones', own);
    } else {
      delete (stack as { availabilityZones?: string[] }).availabilityZones;
    }
  }
}

function validateSelection(scope: Construct, vpc: ec2.IVpc, selection: ec2.SelectedSubnets, isNew: boolean): void {
  if (isNew) {
    return;
  }
  const problems = new InputProblems(scope, 'TwoAzPrivateVpc');
  const subnetIds = selection.subnetIds;
  const publicIds = new Set(vpc.publicSubnets.map((s) => s.subnetId));
  const publicSelected = subnetIds.filter((id) => publicIds.has(id));
  if (publicSelected.length > 0) {
    problems.add('vpcSubnets', publicSelected, 'the selected subnets include public subnets; the mesh runs in private subnets only (public subnets would expose metadata endpoints)', 'Select the VPC\'s private or isolated subnets.');
  }
  const azs = selection.availabilityZones;
  if (azs.some((az) => Token.isUnresolved(az))) {
    Validations.of(scope).addWarning(UNVERIFIABLE_AZS_WARNING,
      `The Availability Zones of the selected subnets (${subnetIds.length}) are not known at synth, so two distinct zones cannot be verified. Import the VPC with its availabilityZones, or use ec2.Vpc.fromLookup().`);
  } else if (subnetIds.length < 2 || new Set(azs).size < 2) {
    const listed = subnetIds.map((id, i) => `${id} (${azs[i] ?? 'unknown zone'})`).join(', ');
    problems.add('vpcSubnets', listed || 'no subnets',
      'the mesh needs at least two private subnets in at least two distinct Availability Zones',
      'Select private subnets in two or more zones of the VPC, or add a subnet in a second zone.');
  }
  problems.throwIfAny();
}

// The connectivity probe lives in this module: the VPC creates it (addConnectivityProbe) and it reads the VPC,
// so one module for both keeps the modules free of import cycles.

/** The CloudWatch namespace of the probe's metrics. */
export const PROBE_NAMESPACE = 'CdkDataMesh/Connectivity';

/** Options of a `ConnectivityProbe`. */
export interface ConnectivityProbeOptions {
  /**
   * How often the probe runs.
   *
   * @default Duration.minutes(15)
   */
  readonly schedule?: Duration;
  /**
   * Fail the deploy when a service is unreachable at deploy time.
   *
   * @default false - the deploy reports the result (the custom resource's `Summary`) and the alarm fires
   */
  readonly failDeployOnUnreachable?: boolean;
  /**
   * How long each connection may take.
   *
   * @default Duration.seconds(3)
   */
  readonly timeoutPerService?: Duration;
}

/** Properties of a `ConnectivityProbe`. */
export interface ConnectivityProbeProps extends ConnectivityProbeOptions {
  /** The mesh VPC whose endpoints the probe checks, from inside its Tooling subnets. */
  readonly network: TwoAzPrivateVpc;
}

/** A service the probe checks. */
interface ProbedService {
  readonly service: string;
  readonly hostname: string;
  readonly kind: 'interface' | 'gateway';
}

/**
 * Checks from inside the mesh VPC that the services it should reach privately are reachable: at
 * deploy (a custom resource) and on a schedule, with a CloudWatch metric per service and an alarm when
 * any is unreachable. The runtime side of DataMeshChecks' endpoint rules: a VPC can look right in the
 * template while a job's DNS or TLS to MWAA or Bedrock silently fails.
 *
 * The services are the VPC's interface endpoints (and S3, through its gateway endpoint). For each, a
 * Lambda function in the Tooling subnets resolves the regional hostname, checks that an interface
 * service resolves to private addresses, and opens a TLS connection on 443.
 */
export class ConnectivityProbe extends Construct {
  /** The probe function. */
  public readonly function: lambda.IFunction;
  /** The alarm that fires when any service is unreachable. */
  public readonly alarm: cloudwatch.IAlarm;

  constructor(scope: Construct, id: string, props: ConnectivityProbeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const network = props.network;
    validateProbe(this, stack, props);
    // The probe publishes its metrics from the private subnets: CloudWatch must be reachable there.
    if (network.endpointSecurityGroup) {
      network.addInterfaceEndpoint(MeshEndpointService.CLOUDWATCH_MONITORING);
    } else {
      Annotations.of(this).addWarningV2('cdk-data-mesh:probe-metrics-endpoint',
        `The probe publishes its metrics to CloudWatch (monitoring.${stack.region}.amazonaws.com) from the VPC's private subnets, and this TwoAzPrivateVpc created no interface endpoints: make sure the VPC has an endpoint for com.amazonaws.${stack.region}.monitoring, or the probe's alarm stays in ALARM. The probe reports whether it reached it.`);
    }
    const services = probedServices(network, stack.region);
    const timeout = props.timeoutPerService ?? Duration.seconds(3);

    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: network.vpc,
      description: 'Connectivity probe: HTTPS out only',
      allowAllOutbound: false,
    });
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to the endpoints (and S3 through its gateway endpoint)');

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Connectivity probe: publishes its metrics and logs, from network interfaces in the mesh VPC',
    });
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'PublishProbeMetrics',
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': PROBE_NAMESPACE } },
    }));
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole'));
    logGroup.grantWrite(role);
    acknowledge(role, 'AwsSolutions-IAM5[Resource::*]', 'cloudwatch:PutMetricData supports no resource-level permissions; it is limited to the probe\'s namespace by the cloudwatch:namespace condition.');
    acknowledge(role, managedPolicyFinding('service-role/AWSLambdaVPCAccessExecutionRole'),
      'A function in a VPC needs to create and delete its network interfaces; AWS maintains the minimal managed policy for it.');

    const fn = new lambda.Function(this, 'Function', {
      runtime: HANDLER_RUNTIME,
      handler: 'connectivity_probe.index.handler',
      code: handlersCode(),
      role,
      logGroup,
      vpc: network.vpc,
      vpcSubnets: { subnets: network.subnets },
      securityGroups: [securityGroup],
      timeout: Duration.seconds(Math.min(900, 30 + timeout.toSeconds() * (services.length + 1))),
      description: 'cdk-data-mesh: checks that the mesh VPC reaches its services privately',
      environment: {
        PROBE_SERVICES: JSON.stringify(services),
        PROBE_TIMEOUT_SECONDS: String(timeout.toSeconds()),
        PROBE_VPC: network.vpcId,
      },
    });
    this.function = fn;

    new events.Rule(this, 'Schedule', {
      schedule: events.Schedule.rate(props.schedule ?? Duration.minutes(15)),
      description: 'cdk-data-mesh: runs the connectivity probe',
      targets: [new targets.LambdaFunction(fn)],
    });

    const provider = new cr.Provider(this, 'Provider', { onEventHandler: fn });
    acknowledgeProviderFramework(provider, [fn]);
    new CustomResource(this, 'AtDeploy', {
      serviceToken: provider.serviceToken,
      resourceType: CONNECTIVITY_PROBE_TYPE,
      properties: {
        Services: services.map((s) => s.hostname),
        FailOnUnreachable: String(props.failDeployOnUnreachable ?? false),
      },
    });

    this.alarm = new cloudwatch.Alarm(this, 'UnreachableAlarm', {
      alarmDescription: `A service the mesh VPC should reach privately is unreachable (see the ${fn.node.path} logs)`,
      metric: new cloudwatch.Metric({
        namespace: PROBE_NAMESPACE,
        metricName: 'UnreachableServices',
        dimensionsMap: { Vpc: network.vpcId },
        statistic: 'Maximum',
        period: props.schedule ?? Duration.minutes(15),
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
  }
}

/** Lambda's longest function timeout, in seconds (botocore \`lambda\` \`Timeout\`: at most 900). */
const LAMBDA_MAX_TIMEOUT = 900;
/** CloudWatch's longest alarm window (botocore \`cloudwatch\` PutMetricAlarm: period × evaluation periods ≤ 86,400 seconds). */
const ALARM_MAX_PERIOD = 86_400;

function validateProbe(scope: Construct, stack: Stack, props: ConnectivityProbeProps): void {
  if (Token.isUnresolved(stack.region)) {
    // Not the probe's input: its stack is environment-agnostic, so the regional hostnames it checks are unknown.
    throw new Error(`ConnectivityProbe at '${scope.node.path}' cannot be defined: its stack '${stack.node.path}' has no concrete Region `
      + '(an environment-agnostic stack: its Region is known only at deploy), and the probe checks the regional hostnames of the VPC\'s endpoints. '
      + `Give the stack '${stack.node.path}' an env with a region, e.g. new Stack(app, '${stack.node.id}', { env: { account: '123456789012', region: 'eu-west-1' } }).`);
  }
  const problems = new InputProblems(scope, 'ConnectivityProbe');
  const schedule = props.schedule;
  if (schedule !== undefined && !isUnresolved(schedule.toMinutes({ integral: false }))) {
    const minutes = schedule.toMinutes({ integral: false });
    if (!Number.isInteger(minutes) || minutes < 1 || minutes * 60 > ALARM_MAX_PERIOD) {
      problems.add('schedule', schedule.toHumanString(), `a whole number of minutes from 1 minute to 1 day (an EventBridge rate counts whole minutes; the alarm's period is the schedule, and CloudWatch allows at most ${ALARM_MAX_PERIOD} seconds)`,
        'Use e.g. Duration.minutes(15), Duration.hours(1) or Duration.days(1).');
    }
  }
  const timeout = props.timeoutPerService;
  if (timeout !== undefined && !isUnresolved(timeout.toMilliseconds())) {
    const seconds = timeout.toMilliseconds() / 1000;
    const services = probedServices(props.network, stack.region).length;
    const needed = 30 + seconds * (services + 1);
    if (!Number.isInteger(seconds) || seconds < 1) {
      problems.add('timeoutPerService', timeout.toHumanString(), 'a whole number of seconds, at least 1', 'Use e.g. Duration.seconds(3).');
    } else if (needed > LAMBDA_MAX_TIMEOUT) {
      problems.add('timeoutPerService', timeout.toHumanString(), `the probe checks ${services} services, so it needs 30 + ${seconds} × ${services + 1} = ${needed} seconds, more than a Lambda function may run (${LAMBDA_MAX_TIMEOUT} seconds)`,
        `Use at most ${Math.floor((LAMBDA_MAX_TIMEOUT - 30) / (services + 1))} seconds.`);
    }
  }
  problems.throwIfAny();
}

/** The services a VPC claims to reach: its interface endpoints, and S3 when it has the gateway endpoint. */
function probedServices(network: TwoAzPrivateVpc, region: string): ProbedService[] {
  const services: ProbedService[] = network.meshEndpointServices.map(({ prefix, serviceName }) => ({
    service: serviceName,
    hostname: hostnameOf(prefix, serviceName, region),
    kind: 'interface',
  }));
  // Where the probe publishes its own metrics: probed even when the VPC's endpoints are managed elsewhere.
  if (!services.some((s) => s.service === MeshEndpointService.CLOUDWATCH_MONITORING.serviceName)) {
    services.push({ service: 'monitoring', hostname: hostnameOf('com.amazonaws', 'monitoring', region), kind: 'interface' });
  }
  if (network.node.tryFindChild('S3Endpoint')) {
    services.push({ service: 's3', hostname: `s3.${region}.amazonaws.com`, kind: 'gateway' });
  }
  return services;
}

/**
 * The regional hostname of an endpoint service: `glue` → `glue.<region>.amazonaws.com`; dotted names
 * reverse (`sagemaker.api` → `api.sagemaker.<region>.amazonaws.com`); SageMaker Studio is
 * `studio.<region>.sagemaker.aws`.
 */
export function hostnameOf(prefix: string, serviceName: string, region: string): string {
  if (prefix === 'aws.sagemaker') {
    return `${serviceName}.${region}.sagemaker.aws`;
  }
  const parts = serviceName.split('.');
  return parts.length === 2 ? `${parts[1]}.${parts[0]}.${region}.amazonaws.com` : `${serviceName}.${region}.amazonaws.com`;
}
