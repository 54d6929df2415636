/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

/** A role as raw CloudFormation, so that shapes the L1 class would refuse (a single statement, no trust policy) can be tested. */
const rawRole = (stack: Stack, id: string, assumeRolePolicyDocument?: unknown) =>
  new CfnResource(stack, id, { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: assumeRolePolicyDocument } });

/** Every IAM1 finding (its [Unverified] one and "the rule failed" included) as `<rule>: <description>`. */
const iam1 = (stack: Stack) => dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-IAM1')).map((v) => `${v.ruleName}: ${v.description}`);

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

  test('does not apply to a role without a trust policy', () => {
    const stack = testStack();
    rawRole(stack, 'Role');
    expect(iam1(stack)).toEqual([]);
  });

  test('reads a Statement given as a single object', () => {
    const stack = testStack();
    rawRole(stack, 'Role', { Statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'datazone.amazonaws.com' } } });
    expect(iam1(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM1: .*found 1 statement\(s\) trusting datazone.amazonaws.com for sts:AssumeRole without aws:SourceAccount/)]);
  });

  test('flags a DataZone trust that names the service as a single string', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', { assumeRolePolicyDocument: trust({ Principal: { Service: 'datazone.amazonaws.com' } }) });
    expect(dataMeshFindings(stack)).toContain('DataMesh-IAM1');
  });

  test('names every statement without aws:SourceAccount, separated by commas', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'datazone.amazonaws.com' } },
          { Effect: 'Allow', Action: 'sts:TagSession', Principal: { Service: 'datazone.amazonaws.com' } },
        ],
      },
    });
    expect(iam1(stack)).toEqual([expect.stringMatching(/found 2 statement\(s\) trusting datazone.amazonaws.com for sts:AssumeRole, sts:TagSession without aws:SourceAccount/)]);
  });

  test('ignores a Deny of DataZone, an empty statement and statements without a Service principal', () => {
    const stack = testStack();
    rawRole(stack, 'Role', {
      Statement: [
        { Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { Service: 'datazone.amazonaws.com' } },
        null,
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: '*' },
        { Effect: 'Allow', Action: 'sts:AssumeRole', NotPrincipal: { AWS: 'arn:aws:iam::222222222222:root' } },
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::222222222222:root' } },
      ],
    });
    expect(iam1(stack)).toEqual([]);
  });

  test('does not count a condition operator whose value is not a map of keys as aws:SourceAccount', () => {
    const stack = testStack();
    rawRole(stack, 'Role', { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'datazone.amazonaws.com' }, Condition: { StringEquals: 'aws:SourceAccount', Bool: null } }] });
    expect(iam1(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM1: .*found 1 statement\(s\) trusting datazone.amazonaws.com for sts:AssumeRole without aws:SourceAccount/)]);
  });

  test('reports "could not evaluate" when one service of a list is a parameter', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', { assumeRolePolicyDocument: trust({ Principal: { Service: ['datazone.amazonaws.com', deployTimeParameter(stack, 'Svc')] } }) });
    expect(iam1(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM1\[Unverified\]: .*could not evaluate: the Service principal of a trust statement/)]);
  });
});
