/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { l1Network } from '../../fixtures';

describe('DataMesh-VPC1: a mesh VPC has subnets in at least two distinct Availability Zones', () => {
  test('accepts a VPC with subnets in two zones', () => {
    const stack = testStack();
    l1Network(stack, { zones: ['eu-west-1a', 'eu-west-1b'] });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-VPC1');
  });

  test('flags a VPC whose two subnets share one zone, naming the zone', () => {
    const stack = testStack();
    l1Network(stack, { zones: ['eu-west-1a', 'eu-west-1a'] });
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-VPC1');
    expect(violation?.description).toMatch(/Test\/Vpc: found 2 subnet\(s\) in 1 zone\(s\) \(eu-west-1a\)\./);
    expect(violation?.fix).toMatch(/Add a subnet in a second Availability Zone/);
    expect(violation?.severity).toBe('error');
  });

  test('flags a VPC with a single subnet', () => {
    const stack = testStack();
    l1Network(stack, { zones: ['eu-west-1a'] });
    expect(dataMeshFindings(stack)).toContain('DataMesh-VPC1');
  });

  test('does not apply to resources that are not VPCs', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when a zone is only known at deploy time', () => {
    const stack = testStack();
    l1Network(stack, { zones: ['token', 'token'] });
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-VPC1[Unverified]');
    expect(violation?.description).toMatch(/could not evaluate: the Availability Zone of subnet Subnet0 \(Test\/Subnet0\) \(\{"Fn::Select".*\) is not known at synth/);
  });
  test('reads a zone given as AvailabilityZoneId', () => {
    const stack = testStack();
    const { subnets } = l1Network(stack, { zones: ['eu-west-1a', 'eu-west-1a'] });
    subnets[1].availabilityZone = undefined;
    subnets[1].availabilityZoneId = 'euw1-az2';
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-VPC1'))).toEqual([]);
  });

  test('accepts two known zones whatever the other subnets\' zones are, and names no zone for a VPC without subnets', () => {
    const stack = testStack();
    l1Network(stack, { zones: ['eu-west-1a', 'eu-west-1b', 'token'] });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-VPC1'))).toEqual([]);
    const empty = testStack();
    new ec2.CfnVPC(empty, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    expect(dataMeshViolations(empty).find((v) => v.ruleName === 'DataMesh-VPC1')?.description).toMatch(/Test\/Vpc: found 0 subnet\(s\) in 0 zone\(s\)\./);
  });

  test('flags one known zone beside an unknown one as "could not evaluate", not as a breach', () => {
    const stack = testStack();
    l1Network(stack, { zones: ['eu-west-1a', 'token'] });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-VPC1'))).toEqual(['DataMesh-VPC1[Unverified]']);
  });
});
