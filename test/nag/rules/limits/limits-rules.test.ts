/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, CfnOutput, CfnParameter, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';

function outputs(count: number) {
  const stack = testStack();
  new CfnWaitConditionHandle(stack, 'Handle');
  for (let i = 0; i < count; i++) {
    new CfnOutput(stack, `Out${i}`, { value: String(i) });
  }
  return stack;
}

describe('DataMesh-CFN1 and CFN2: CloudFormation quotas per stack', () => {
  test('accept a small stack', () => {
    const findings = dataMeshFindings(outputs(10));
    expect(findings).not.toContain('DataMesh-CFN1');
    expect(findings).not.toContain('DataMesh-CFN2');
  });

  test('warn above 80 % of the 200 outputs, and fail above 200, naming the stack and the count', () => {
    const near = dataMeshViolations(outputs(170)).find((v) => v.ruleName === 'DataMesh-CFN1');
    expect(near?.severity).toBe('warning');
    expect(near?.description).toMatch(/found stack Test: 170\/200 outputs/);
    const over = dataMeshViolations(outputs(201)).find((v) => v.ruleName === 'DataMesh-CFN2');
    expect(over?.description).toMatch(/found stack Test: 201\/200 outputs/);
  });

  test('count parameters too, reporting once per stack', () => {
    const stack = testStack();
    new CfnWaitConditionHandle(stack, 'A');
    new CfnWaitConditionHandle(stack, 'B');
    for (let i = 0; i < 201; i++) {
      new CfnParameter(stack, `P${i}`);
    }
    const over = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-CFN2');
    expect(over?.violatingResources).toHaveLength(1);
    expect(over?.description).toMatch(/201\/200 parameters/);
  });

  test('do not apply to the other resources of the stack', () => {
    const stack = outputs(201);
    new CfnWaitConditionHandle(stack, 'Second');
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-CFN2')?.violatingResources.map((r: any) => r.constructPath)).toEqual(['Test/Handle']);
  });
});

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

  test('accepts a Deny of everything', () => {
    const stack = testStack();
    new iam.CfnManagedPolicy(stack, 'Deny', { policyDocument: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM3');
  });
});

describe('DataMesh-CFN2 on the template size, once synthesis wrote the templates', () => {
  test('fails a stack whose synthesized template exceeds 1 MB', () => {
    const app = new App();
    const stack = new Stack(app, 'Big', { env: { account: '111111111111', region: 'eu-west-1' } });
    for (let i = 0; i < 260; i++) {
      new ssm.CfnParameter(stack, `P${i}`, { type: 'String', value: 'x'.repeat(4000) });
    }
    app.synth();
    const over = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-CFN2');
    expect(over?.description).toMatch(/found stack Big: \d{7}\/1000000 template bytes/);
  });
});
