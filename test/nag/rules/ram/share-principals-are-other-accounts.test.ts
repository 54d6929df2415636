/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as ram from 'aws-cdk-lib/aws-ram';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Governance } from '../../fixtures';

describe('DataMesh-RAM3: the domain is shared with valid accounts other than its own', () => {
  test('accepts two other 12-digit accounts', () => {
    const stack = testStack();
    l1Governance(stack);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-RAM3');
  });

  test('flags the governance account, malformed ids and Organization principals, naming them', () => {
    const stack = testStack();
    l1Governance(stack, { principals: ['111111111111', '12345', 'arn:aws:organizations::111111111111:organization/o-abc123'] });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-RAM3')?.description)
      .toMatch(/found principal\(s\) 111111111111 \(the domain's own account\), 12345, arn:aws:organizations::111111111111:organization\/o-abc123/);
  });

  test('does not apply to shares of other resources', () => {
    const stack = testStack();
    new ram.CfnResourceShare(stack, 'Subnets', { name: 'subnets', resourceArns: ['arn:aws:ec2:eu-west-1:111111111111:subnet/subnet-1'], principals: ['111111111111'] });
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when a principal is a parameter', () => {
    const stack = testStack();
    l1Governance(stack, { principals: [deployTimeParameter(stack, 'Account')] });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-RAM3[Unverified]')?.description).toMatch(/could not evaluate: the Principals of resource share Share: an entry \(parameter Account, no default\)/);
  });
});
