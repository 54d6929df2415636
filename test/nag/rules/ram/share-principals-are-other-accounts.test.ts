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
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-RAM3'))).toEqual(['DataMesh-RAM3[Unverified]']);
  });
  test('flags a share of the domain with no Principals, or an empty list', () => {
    for (const principals of [undefined, []]) {
      const stack = testStack();
      l1Governance(stack).share.principals = principals;
      expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-RAM3')?.description).toMatch(/found no Principals/);
    }
  });

  test('reads a single principal written as a string, and reads ids with extra digits or characters as malformed', () => {
    const single = testStack();
    l1Governance(single).share.addPropertyOverride('Principals', '111111111111');
    expect(dataMeshViolations(single).find((v) => v.ruleName === 'DataMesh-RAM3')?.description).toMatch(/found principal\(s\) 111111111111 \(the domain's own account\)\./);
    const malformed = testStack();
    l1Governance(malformed, { principals: ['2222222222223', 'a222222222222', '222222222222'] });
    expect(dataMeshViolations(malformed).find((v) => v.ruleName === 'DataMesh-RAM3')?.description).toMatch(/found principal\(s\) 2222222222223, a222222222222\./);
  });

  test('reports a breach beside a principal known only at deploy, and does not compare with the account of an environment-agnostic stack', () => {
    const stack = testStack();
    l1Governance(stack, { principals: ['12345', deployTimeParameter(stack, 'Account')] });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-RAM3')).sort()).toEqual(['DataMesh-RAM3', 'DataMesh-RAM3[Unverified]']);
    const agnostic = testStack({ env: {} });
    l1Governance(agnostic, { principals: ['111111111111'] });
    expect(dataMeshFindings(agnostic).filter((id) => id.startsWith('DataMesh-RAM3'))).toEqual([]);
  });
});
