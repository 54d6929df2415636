/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { MeshIndex } from '../../../../src/nag/mesh-index';
import { endpointName, internetRoutesOf, isInterfaceEndpoint, REQUIRED_ENDPOINTS, subnetsOf, subnetZone } from '../../../../src/nag/rules/vpc/network';
import { testStack } from '../../../util';
import { couldNotEvaluate, deployTimeParameter, l1Network } from '../../fixtures';


/** The VPC endpoint `Endpoint` of a new stack with `serviceName` and `type`, as the index reads it. */
function endpoint(serviceName: unknown, type?: string) {
  const stack = testStack();
  const node = new ec2.CfnVPCEndpoint(stack, 'Endpoint', { vpcId: 'vpc-1', serviceName: serviceName as string, vpcEndpointType: type });
  return MeshIndex.build(stack).get(node)!;
}

describe('the network helpers the VPC rules share', () => {
  test('the endpoints the mesh needs, by service, are those of the seed article and the Tooling blueprint', () => {
    expect(REQUIRED_ENDPOINTS).toEqual([
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
    ]);
  });

  test('a VPC\'s subnets are those whose VpcId refers to it', () => {
    const stack = testStack();
    const { vpc, subnets } = l1Network(stack);
    const other = new ec2.CfnVPC(stack, 'Other', { cidrBlock: '10.1.0.0/16' });
    new ec2.CfnSubnet(stack, 'Elsewhere', { vpcId: other.ref, cidrBlock: '10.1.0.0/24', availabilityZone: 'eu-west-1a' });
    new ec2.CfnSubnet(stack, 'ById', { vpcId: 'vpc-1', cidrBlock: '10.2.0.0/24', availabilityZone: 'eu-west-1a' });
    const mesh = MeshIndex.build(stack);
    expect(subnetsOf(mesh.get(vpc)!, mesh).map((s) => s.logicalId)).toEqual(subnets.map((s) => stack.resolve(s.logicalId)));
  });

  test('a subnet\'s zone is its AvailabilityZone, else its AvailabilityZoneId, or "could not evaluate" naming the subnet', () => {
    const stack = testStack();
    const named = new ec2.CfnSubnet(stack, 'Named', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', availabilityZone: 'eu-west-1a', availabilityZoneId: 'euw1-az9' });
    const byId = new ec2.CfnSubnet(stack, 'ById', { vpcId: 'vpc-1', cidrBlock: '10.0.1.0/24', availabilityZoneId: 'euw1-az1' });
    const unknown = new ec2.CfnSubnet(stack, 'Unknown', { vpcId: 'vpc-1', cidrBlock: '10.0.2.0/24', availabilityZone: deployTimeParameter(stack, 'Zone') });
    const none = new ec2.CfnSubnet(stack, 'None', { vpcId: 'vpc-1', cidrBlock: '10.0.3.0/24' });
    const mesh = MeshIndex.build(stack);
    expect(subnetZone(mesh.get(named)!)).toBe('eu-west-1a');
    expect(subnetZone(mesh.get(byId)!)).toBe('euw1-az1');
    expect(couldNotEvaluate(() => subnetZone(mesh.get(unknown)!)))
      .toBe('could not evaluate: the Availability Zone of subnet Unknown (Test/Unknown) (parameter Zone, no default) is not known at synth (a token, parameter or intrinsic function)');
    expect(couldNotEvaluate(() => subnetZone(mesh.get(none)!))).toMatch(/^could not evaluate: the Availability Zone of subnet None \(Test\/None\) is not known/);
  });

  describe('a subnet\'s internet routes', () => {
    function routes(gateways: unknown[], associate = true) {
      const stack = testStack();
      const { subnets } = l1Network(stack);
      const table = new ec2.CfnRouteTable(stack, 'Table', { vpcId: 'vpc-1' });
      if (associate) {
        new ec2.CfnSubnetRouteTableAssociation(stack, 'Association', { subnetId: subnets[1].ref, routeTableId: table.ref });
      }
      new ec2.CfnSubnetRouteTableAssociation(stack, 'ById', { subnetId: subnets[1].ref, routeTableId: 'rtb-0123456789abcdef0' });
      const resolved = gateways.map((g) => (typeof g === 'function' ? g(stack) : g));
      resolved.forEach((gatewayId, i) => new ec2.CfnRoute(stack, `Route${i}`, { routeTableId: table.ref, destinationCidrBlock: `10.${i}.0.0/16`, gatewayId }));
      new ec2.CfnRoute(stack, 'Unassociated', { routeTableId: 'rtb-0123456789abcdef0', destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-1' });
      const mesh = MeshIndex.build(stack);
      return () => internetRoutesOf(mesh.get(subnets[1])!, mesh).map((r) => r.logicalId);
    }

    test('are the routes of its associated tables to an internet gateway, by id or by reference', () => {
      const igw = (stack: Stack) => new ec2.CfnInternetGateway(stack, 'Igw').ref;
      expect(routes(['igw-0123456789abcdef0', 'vgw-0123456789abcdef0', undefined, igw])()).toEqual(['Route0', 'Route3']);
    });

    test('are none for a table it is not associated with, or routes to other gateways of the template', () => {
      expect(routes(['igw-0123456789abcdef0'], false)()).toEqual([]);
      const vgw = (stack: Stack) => new ec2.CfnVPNGateway(stack, 'Vgw', { type: 'ipsec.1' }).ref;
      expect(routes([vgw, 'local'])()).toEqual([]);
    });

    test('"could not evaluate" a gateway known only at deploy, naming the route', () => {
      const parameter = (stack: Stack) => deployTimeParameter(stack, 'Gateway');
      expect(couldNotEvaluate(routes([parameter])))
        .toBe('could not evaluate: the GatewayId of route Route0 (Test/Route0), which may be an internet gateway is not known at synth (a token, parameter or intrinsic function)');
    });
  });

  test('an endpoint\'s name is its service name after the Region, for each AWS prefix, or the whole name otherwise', () => {
    expect(endpointName(endpoint('com.amazonaws.eu-west-1.glue'))).toBe('glue');
    expect(endpointName(endpoint('com.amazonaws.eu-west-1.airflow.env'))).toBe('airflow.env');
    expect(endpointName(endpoint('aws.sagemaker.eu-west-1.studio'))).toBe('studio');
    expect(endpointName(endpoint('aws.api.eu-west-1.bedrock-runtime'))).toBe('bedrock-runtime');
    expect(endpointName(endpoint('com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0'))).toBe('eu-west-1.vpce-svc-0123456789abcdef0');
    expect(endpointName(endpoint('x.com.amazonaws.eu-west-1.glue'))).toBe('x.com.amazonaws.eu-west-1.glue');
    expect(endpointName(endpoint('com.amazonaws.eu-west-1'))).toBe('com.amazonaws.eu-west-1');
  });

  test('an endpoint\'s name is read from a join, each part known only at deploy as *', () => {
    expect(endpointName(endpoint({ 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.datazone']] }))).toBe('datazone');
    expect(endpointName(endpoint({ 'Fn::Join': ['.', ['com.amazonaws', { Ref: 'Region' }, 'glue']] }))).toBe('glue');
    expect(endpointName(endpoint({ 'Fn::Join': ['.', ['com', { Ref: 'Org' }, 'eu-west-1', 'glue']] }))).toBe('com.*.eu-west-1.glue');
  });

  test('"could not evaluate" an endpoint\'s name given otherwise, naming the endpoint', () => {
    for (const name of [{ Ref: 'Service' }, { 'Fn::Join': [{ Ref: 'D' }, ['a']] }, { 'Fn::Join': ['.', { Ref: 'Parts' }] }, { 'Fn::Sub': 'com.amazonaws.${Region}.glue' }, null]) {
      expect(couldNotEvaluate(() => endpointName(endpoint(name))))
        .toBe('could not evaluate: the ServiceName of VPC endpoint Endpoint is not known at synth (a token, parameter or intrinsic function)');
    }
  });

  test('an interface endpoint is one of type Interface, not Gateway, GatewayLoadBalancer or unset', () => {
    expect([endpoint('s', 'Interface'), endpoint('s', 'Gateway'), endpoint('s', 'GatewayLoadBalancer'), endpoint('s')].map(isInterfaceEndpoint)).toEqual([true, false, false, false]);
  });
});
