/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Network } from '../../fixtures';

describe('DataMesh-VPC3: no subnet assigns public IP addresses', () => {
  test('accepts subnets that leave MapPublicIpOnLaunch out or false', () => {
    const stack = testStack();
    l1Network(stack, { mapPublicIpOnLaunch: false });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-VPC3');
  });

  test('flags every subnet that maps public IPs on launch', () => {
    const stack = testStack();
    l1Network(stack, { mapPublicIpOnLaunch: true });
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-VPC3');
    expect(violation?.violatingResources).toHaveLength(2);
    expect(violation?.description).toMatch(/found MapPublicIpOnLaunch: true/);
  });

  test('does not apply to resources that are not subnets', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the setting is a parameter', () => {
    const stack = testStack();
    l1Network(stack, { mapPublicIpOnLaunch: deployTimeParameter(stack, 'Public') });
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-VPC3[Unverified]');
    expect(violation?.description).toMatch(/could not evaluate: MapPublicIpOnLaunch of subnet Subnet0/);
  });
});
