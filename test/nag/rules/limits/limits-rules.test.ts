/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, CfnOutput, CfnParameter, CfnWaitConditionHandle, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { DataMeshChecks } from '../../../../src';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

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

describe('DataMesh-CFN2 on the template size, which only synthesis knows', () => {
  function bigStack(app: App): Stack {
    const stack = new Stack(app, 'Big', { env: { account: '111111111111', region: 'eu-west-1' } });
    for (let i = 0; i < 260; i++) {
      new ssm.CfnParameter(stack, `P${i}`, { type: 'String', value: 'x'.repeat(4000) });
    }
    return stack;
  }

  test('fails, at synth, a stack whose template exceeds 1 MB', () => {
    const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    bigStack(app);
    Validations.of(app).addPlugins(new DataMeshChecks());
    expect(() => app.synth()).toThrow(/ERROR The stack exceeds a CloudFormation quota. Big\/P0: found stack Big: \d{7}\/1000000 template bytes[^]*DataMesh::DataMesh-CFN2/);
  });

  test('does not guess the size before synthesis: a direct check counts resources, outputs and parameters only', () => {
    const app = new App();
    const stack = bigStack(app);
    app.synth(); // a template on disk does not make a direct check read it: it may be from an earlier synthesis
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-CFN2');
  });
});
