/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ram from 'aws-cdk-lib/aws-ram';
import { CouldNotEvaluate } from '../../src/nag/could-not-evaluate';

/** Options for a hand-written L1 network. */
export interface L1NetworkOptions {
  /** One subnet per entry, in that zone (a token when given `'token'`). */
  readonly zones?: string[];
  readonly mapPublicIpOnLaunch?: boolean | string;
  /** Give the first subnet a route table with a route to an internet gateway. */
  readonly internetRoute?: boolean;
  /** Interface endpoint names to create (after the Region). */
  readonly endpoints?: string[];
  /** Ingress CIDR of the endpoints' security group. */
  readonly endpointIngressCidr?: string;
}

/** Every endpoint name DataMesh-VPC4 asks for, one per service. */
export const ALL_MESH_ENDPOINTS = ['glue', 'athena', 'redshift-data', 'emr-serverless', 'airflow.env', 'bedrock-runtime', 'sagemaker.api', 'sts', 'lakeformation', 'datazone'];

/** A VPC written with raw CloudFormation resources only, as a team without this library would. */
export function l1Network(stack: Stack, options: L1NetworkOptions = {}) {
  const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
  const subnets = (options.zones ?? ['eu-west-1a', 'eu-west-1b']).map((zone, i) => new ec2.CfnSubnet(stack, `Subnet${i}`, {
    vpcId: vpc.ref,
    cidrBlock: `10.0.${i}.0/24`,
    availabilityZone: zone === 'token' ? Fn.select(i, Fn.getAzs()) : zone,
    mapPublicIpOnLaunch: options.mapPublicIpOnLaunch as any,
  }));
  if (options.internetRoute) {
    const igw = new ec2.CfnInternetGateway(stack, 'Igw');
    new ec2.CfnVPCGatewayAttachment(stack, 'IgwAttachment', { vpcId: vpc.ref, internetGatewayId: igw.ref });
    const table = new ec2.CfnRouteTable(stack, 'PublicTable', { vpcId: vpc.ref });
    new ec2.CfnSubnetRouteTableAssociation(stack, 'PublicAssociation', { subnetId: subnets[0].ref, routeTableId: table.ref });
    new ec2.CfnRoute(stack, 'DefaultRoute', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
  }
  const group = new ec2.CfnSecurityGroup(stack, 'EndpointGroup', {
    vpcId: vpc.ref,
    groupDescription: 'endpoints',
    securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: options.endpointIngressCidr ?? '10.0.0.0/16' }],
  });
  const endpoints = (options.endpoints ?? ALL_MESH_ENDPOINTS).map((name) => new ec2.CfnVPCEndpoint(stack, `Endpoint-${name}`, {
    vpcId: vpc.ref,
    serviceName: `com.amazonaws.eu-west-1.${name}`,
    vpcEndpointType: 'Interface',
    privateDnsEnabled: true,
    subnetIds: subnets.map((s) => s.ref),
    securityGroupIds: [group.attrGroupId],
  }));
  return { vpc, subnets, group, endpoints };
}

/** A parameter whose value is only known at deploy time. */
export function deployTimeParameter(stack: Stack, id: string): string {
  return new CfnParameter(stack, id, { type: 'String' }).valueAsString;
}

/** Options for a hand-written L1 governance account. */
export interface L1GovernanceOptions {
  readonly domainVersion?: string;
  readonly kmsKeyIdentifier?: string;
  /** `null` leaves PermissionArns out. */
  readonly permissionArns?: string[] | null;
  readonly principals?: string[];
  /** Share the domain by literal ARN instead of Fn::GetAtt. */
  readonly literalArn?: boolean;
}

export const ROLE_ARN = 'arn:aws:iam::111111111111:role/service-role/AmazonSageMakerDomainExecution';
export const API_AND_PORTAL = 'arn:aws:ram::aws:permission/AWSRAMPermissionsAmazonDatazoneDomainExtendedServiceWithPortalAccess';
export const API_ONLY = 'arn:aws:ram::aws:permission/AWSRAMPermissionsAmazonDatazoneDomainExtendedServiceAccess';

/** A domain and its RAM share written with raw CloudFormation resources only. */
export function l1Governance(stack: Stack, options: L1GovernanceOptions = {}) {
  const domain = new datazone.CfnDomain(stack, 'Domain', {
    name: 'mesh',
    domainExecutionRole: ROLE_ARN,
    domainVersion: 'domainVersion' in options ? options.domainVersion : 'V2',
    kmsKeyIdentifier: 'kmsKeyIdentifier' in options ? options.kmsKeyIdentifier : 'arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000',
    singleSignOn: { type: 'IAM_IDC', userAssignment: 'AUTOMATIC' },
  });
  const share = new ram.CfnResourceShare(stack, 'Share', {
    name: 'DataZone-mesh',
    resourceArns: [options.literalArn ? 'arn:aws:datazone:eu-west-1:111111111111:domain/dzd_abc123' : domain.attrArn],
    principals: options.principals ?? ['222222222222', '333333333333'],
    permissionArns: options.permissionArns === null ? undefined : options.permissionArns ?? [API_AND_PORTAL],
  });
  return { domain, share };
}

/** A Tooling blueprint configuration written as a raw resource, with the given Subnets value. */
export function l1Tooling(stack: Stack, subnets: unknown, options: { parameters?: Record<string, unknown>; identifier?: string } = {}) {
  return new datazone.CfnEnvironmentBlueprintConfiguration(stack, `Blueprint${options.identifier ?? 'Tooling'}`, {
    domainIdentifier: 'dzd_abc123',
    environmentBlueprintIdentifier: options.identifier ?? 'Tooling',
    enabledRegions: ['eu-west-1'],
    regionalParameters: [{ region: 'eu-west-1', parameters: (options.parameters ?? { VpcId: 'vpc-1', S3Location: 's3://bucket', Subnets: subnets }) as any }],
  });
}

/** A project profile written as a raw resource. */
export function l1Profile(stack: Stack, configurations: Array<{ name: string; blueprintId: string; account: string; region?: string }>) {
  return new datazone.CfnProjectProfile(stack, 'Profile', {
    name: 'profile',
    domainIdentifier: 'dzd_abc123',
    environmentConfigurations: configurations.map((c, i) => ({
      name: c.name,
      environmentBlueprintId: c.blueprintId,
      awsAccount: { awsAccountId: c.account },
      awsRegion: { regionName: c.region ?? 'eu-west-1' },
      deploymentMode: 'ON_CREATE',
      deploymentOrder: i,
    })),
  });
}

/** The message of the CouldNotEvaluate that `f` throws (fails the test when it throws nothing or something else). */
export function couldNotEvaluate(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CouldNotEvaluate);
    return (e as Error).message;
  }
  throw new Error('expected CouldNotEvaluate, nothing was thrown');
}
