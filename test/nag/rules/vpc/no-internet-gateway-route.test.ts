/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Network } from '../../fixtures';

/** The fixture network, with a route table associated with its subnet 1 (a route is added by each test). */
function subnet1WithTable(tableRef = true) {
  const stack = testStack();
  const { subnets } = l1Network(stack);
  const table = new ec2.CfnRouteTable(stack, 'Table', { vpcId: 'vpc-1' });
  new ec2.CfnSubnetRouteTableAssociation(stack, 'Association', { subnetId: subnets[1].ref, routeTableId: tableRef ? table.ref : 'rtb-0123456789abcdef0' });
  return { stack, table };
}

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
    const { stack, table } = subnet1WithTable();
    new ec2.CfnRoute(stack, 'Route', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-0123456789abcdef0' });
    expect(dataMeshFindings(stack)).toContain('DataMesh-VPC2');
  });

  test('does not apply to resources that are not subnets', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" for a gateway only known at deploy time, which may be an internet gateway', () => {
    const { stack, table } = subnet1WithTable();
    new ec2.CfnRoute(stack, 'Route', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: deployTimeParameter(stack, 'Gateway') });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-VPC2[Unverified]')?.description)
      .toMatch(/Test\/Subnet1: could not evaluate: the GatewayId of route Route \(Test\/Route\), which may be an internet gateway/);
  });
  /** The DataMesh-VPC2 findings when subnet 1's route table (or another table) has a route to `gatewayId`. */
  function withRoute(gatewayId: unknown, options: { tableRef?: boolean; other?: boolean } = {}) {
    const { stack, table } = subnet1WithTable(options.tableRef !== false);
    const other = new ec2.CfnRouteTable(stack, 'OtherTable', { vpcId: 'vpc-1' });
    new ec2.CfnRoute(stack, 'Route', { routeTableId: options.other ? other.ref : table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: gatewayId as string });
    return { stack, findings: dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-VPC2')) };
  }

  test('does not flag a route to a virtual private gateway, by id or by reference, nor a route without a gateway', () => {
    expect(withRoute('vgw-0123456789abcdef0').findings).toEqual([]);
    const { stack, table } = subnet1WithTable();
    const vgw = new ec2.CfnVPNGateway(stack, 'Vgw', { type: 'ipsec.1' });
    new ec2.CfnRoute(stack, 'ToVgw', { routeTableId: table.ref, destinationCidrBlock: '10.1.0.0/16', gatewayId: vgw.ref });
    new ec2.CfnRoute(stack, 'ToNat', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0123456789abcdef0' });
    expect(dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-VPC2'))).toEqual([]);
  });

  test('does not flag an internet route of a table the subnet is not associated with, or associated with by literal id', () => {
    expect(withRoute('igw-0123456789abcdef0', { other: true }).findings).toEqual([]);
    expect(withRoute('igw-0123456789abcdef0', { tableRef: false }).findings).toEqual([]);
    expect(withRoute('igw-0123456789abcdef0').findings.map((v) => v.ruleName)).toEqual(['DataMesh-VPC2']);
  });

  test('names every internet route of the subnet', () => {
    const { stack, table } = subnet1WithTable();
    new ec2.CfnRoute(stack, 'First', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-0123456789abcdef0' });
    new ec2.CfnRoute(stack, 'Second', { routeTableId: table.ref, destinationCidrBlock: '1.0.0.0/8', gatewayId: 'igw-0123456789abcdef0' });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-VPC2')?.description).toMatch(/found route First, Second to an internet gateway/);
  });
});
