/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const trust = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] });

describe('DataMesh-IAM1: roles trusted by DataZone carry aws:SourceAccount', () => {
  test('accepts a DataZone trust with aws:SourceAccount', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', { assumeRolePolicyDocument: trust({ Principal: { Service: 'datazone.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } }) });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM1');
  });

  test('flags a DataZone trust statement without it, among others', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'datazone.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } },
          { Effect: 'Allow', Action: ['sts:TagSession', 'sts:SetContext'], Principal: { Service: ['datazone.amazonaws.com', 'lambda.amazonaws.com'] } },
        ],
      },
    });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-IAM1')?.description).toMatch(/found 1 statement\(s\) trusting datazone.amazonaws.com for sts:TagSession\+sts:SetContext without aws:SourceAccount/);
  });

  test('does not apply to roles DataZone does not assume', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the service principal is a parameter', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', { assumeRolePolicyDocument: trust({ Principal: { Service: { Ref: deployTimeParameter(stack, 'Svc') } } }) });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-IAM1[Unverified]')?.description).toMatch(/could not evaluate: the Service principal of a trust statement/);
  });
});
