/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

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
