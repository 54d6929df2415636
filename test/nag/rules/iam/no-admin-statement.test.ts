/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnWaitConditionHandle, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

describe('DataMesh-IAM3: no policy allows every action on every resource', () => {
  test('accepts scoped statements', () => {
    const stack = testStack();
    new iam.Policy(stack, 'P', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })], roles: [new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() })] });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM3');
  });

  test('flags Action * on Resource *, in a policy and inline in a role', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Admin', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' }] },
      policies: [{ policyName: 'all', policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
    });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-IAM3')?.description).toMatch(/found Allow Action "\*" on Resource "\*"/);
  });

  test('does not apply to other resources', () => {
    const stack = testStack();
    new CfnWaitConditionHandle(stack, 'H');
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM3');
  });

  test('reports "could not evaluate" when a parameter supplies the Action of a statement on Resource *', () => {
    const stack = testStack();
    new iam.CfnManagedPolicy(stack, 'FromParameter', {
      policyDocument: { Statement: [{ Effect: 'Allow', Action: deployTimeParameter(stack, 'Action'), Resource: '*' }] },
    });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-IAM3[Unverified]')?.description)
      .toMatch(/could not evaluate: an Allow statement of FromParameter whose Effect, Action or Resource \(a parameter or condition\) may be "Allow", "\*"/);
  });

  test('reports "could not evaluate" for a whole policy document, an Effect or a Fn::Sub that a parameter supplies', () => {
    const stack = testStack();
    const parameter = deployTimeParameter(stack, 'P');
    new iam.CfnManagedPolicy(stack, 'Document', { policyDocument: Fn.parseDomainName(parameter) as any });
    new iam.CfnManagedPolicy(stack, 'Effect', { policyDocument: { Statement: [{ Effect: parameter, Action: '*', Resource: '*' }] } });
    new iam.CfnManagedPolicy(stack, 'Sub', { policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: Fn.sub('${P}') }] } });
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-IAM3[Unverified]');
    expect(violation?.violatingResources.map((r: any) => r.constructPath)).toEqual(['Test/Document', 'Test/Effect', 'Test/Sub']);
  });

  test('knows that a reference to a resource or a joined ARN is not "*"', () => {
    const stack = testStack();
    const bucket = new CfnWaitConditionHandle(stack, 'Handle');
    new iam.CfnManagedPolicy(stack, 'Scoped', {
      policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: [bucket.ref, `arn:aws:s3:::${bucket.ref}/*`] }] },
    });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM3');
  });

  test('accepts a Deny of everything', () => {
    const stack = testStack();
    new iam.CfnManagedPolicy(stack, 'Deny', { policyDocument: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM3');
  });
});
