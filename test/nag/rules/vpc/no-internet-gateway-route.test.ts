/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Network } from '../../fixtures';

describe('DataMesh-VPC2: no subnet routes to an internet gateway', () => {
  test('accepts subnets without a route to an internet gateway', () => {
    const stack = testStack();
    l1Network(stack);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-VPC2');
  });

  test('flags the subnet whose route table routes to an internet gateway, naming the route', () => {
    const stack = testStack();
    l1Network(stack, { internetRoute: true });
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-VPC2');
    expect(violation?.violatingResources.map((r: any) => r.constructPath)).toEqual(['Test/Subnet0']);
    expect(violation?.description).toMatch(/found route DefaultRoute to an internet gateway/);
  });

  test('flags a route to an internet gateway given by id', () => {
    const stack = testStack();
    const { subnets } = l1Network(stack);
    const table = new ec2.CfnRouteTable(stack, 'Table', { vpcId: 'vpc-1' });
    new ec2.CfnSubnetRouteTableAssociation(stack, 'Association', { subnetId: subnets[1].ref, routeTableId: table.ref });
    new ec2.CfnRoute(stack, 'Route', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-0123456789abcdef0' });
    expect(dataMeshFindings(stack)).toContain('DataMesh-VPC2');
  });

  test('does not apply to resources that are not subnets', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" for a gateway only known at deploy time, which may be an internet gateway', () => {
    const stack = testStack();
    const { subnets } = l1Network(stack);
    const table = new ec2.CfnRouteTable(stack, 'Table', { vpcId: 'vpc-1' });
    new ec2.CfnSubnetRouteTableAssociation(stack, 'Association', { subnetId: subnets[1].ref, routeTableId: table.ref });
    new ec2.CfnRoute(stack, 'Route', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: deployTimeParameter(stack, 'Gateway') });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-VPC2[Unverified]')?.description)
      .toMatch(/Test\/Subnet1: could not evaluate: the GatewayId of route Route \(Test\/Route\), which may be an internet gateway/);
  });
});
