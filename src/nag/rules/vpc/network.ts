/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { IndexedResource, MeshIndex, referencedLogicalId } from '../../mesh-index';
import { CouldNotEvaluate } from '../../rule';

/**
 * The services whose endpoints the mesh VPC needs, each satisfied by any one of its endpoint names
 * (the part of the endpoint service name after the Region).
 */
export const REQUIRED_ENDPOINTS: ReadonlyArray<{ readonly service: string; readonly names: readonly string[] }> = [
  { service: 'Glue', names: ['glue'] },
  { service: 'Athena', names: ['athena'] },
  { service: 'Redshift', names: ['redshift', 'redshift-data', 'redshift-serverless'] },
  { service: 'EMR', names: ['elasticmapreduce', 'emr-serverless', 'emr-containers'] },
  { service: 'MWAA', names: ['airflow.api', 'airflow.env', 'airflow.ops'] },
  { service: 'Bedrock', names: ['bedrock', 'bedrock-runtime', 'bedrock-agent', 'bedrock-agent-runtime'] },
  { service: 'SageMaker', names: ['sagemaker.api', 'sagemaker.runtime', 'studio'] },
  { service: 'STS', names: ['sts'] },
  { service: 'LakeFormation', names: ['lakeformation'] },
  { service: 'DataZone', names: ['datazone'] },
];

/** The subnets of `vpc` (those whose `VpcId` refers to it). */
export function subnetsOf(vpc: IndexedResource, mesh: MeshIndex): IndexedResource[] {
  return mesh.referrers(vpc, 'AWS::EC2::Subnet', 'VpcId');
}

/** The zone of a subnet (`AvailabilityZone` or `AvailabilityZoneId`), or throws when it is not a literal. */
export function subnetZone(subnet: IndexedResource): string {
  const zone = subnet.properties.AvailabilityZone ?? subnet.properties.AvailabilityZoneId;
  if (typeof zone === 'string') {
    return zone;
  }
  throw new CouldNotEvaluate(`the Availability Zone of subnet ${subnet.logicalId} (${subnet.node.node.path})`, zone);
}

/**
 * The routes that send a subnet's traffic to an internet gateway: routes of the route tables
 * associated with the subnet whose `GatewayId` is an `AWS::EC2::InternetGateway` or an `igw-` id.
 */
export function internetRoutesOf(subnet: IndexedResource, mesh: MeshIndex): IndexedResource[] {
  const tables = mesh.referrers(subnet, 'AWS::EC2::SubnetRouteTableAssociation', 'SubnetId')
    .map((association) => referencedLogicalId(association.properties.RouteTableId))
    .filter((id): id is string => id !== undefined);
  return mesh.ofType(subnet.stack, 'AWS::EC2::Route')
    .filter((route) => tables.includes(referencedLogicalId(route.properties.RouteTableId) ?? ''))
    .filter((route) => isInternetGateway(route, mesh));
}

function isInternetGateway(route: IndexedResource, mesh: MeshIndex): boolean {
  const gateway = route.properties.GatewayId;
  if (gateway === undefined) {
    return false;
  }
  if (typeof gateway === 'string') {
    return gateway.startsWith('igw-');
  }
  const target = mesh.target(route, gateway);
  if (target === undefined) {
    throw new CouldNotEvaluate(`the GatewayId of route ${route.logicalId} (${route.node.node.path}), which may be an internet gateway`);
  }
  return target.type === 'AWS::EC2::InternetGateway';
}

/**
 * The endpoint name after the Region in an endpoint's `ServiceName`, e.g. `glue` in
 * `com.amazonaws.eu-west-1.glue`, also when the Region is a `Ref: AWS::Region` inside `Fn::Join`.
 */
export function endpointName(endpoint: IndexedResource): string {
  const serviceName = flatten(endpoint.properties.ServiceName);
  if (serviceName === undefined) {
    throw new CouldNotEvaluate(`the ServiceName of VPC endpoint ${endpoint.logicalId}`);
  }
  const match = /^(?:com\.amazonaws|aws\.sagemaker|aws\.api)\.[^.]+\.(.+)$/.exec(serviceName);
  return match ? match[1] : serviceName;
}

/** A string, or an `Fn::Join` of strings and pseudo parameters, as one string (`*` for each non-literal part). */
function flatten(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  const join = (value as any)?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part: unknown) => (typeof part === 'string' ? part : '*')).join(join[0]);
  }
  return undefined;
}

/** True when the endpoint is an interface endpoint (CloudFormation's default type is Gateway). */
export function isInterfaceEndpoint(endpoint: IndexedResource): boolean {
  return endpoint.properties.VpcEndpointType === 'Interface';
}
