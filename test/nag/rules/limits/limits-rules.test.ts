/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, CfnOutput, CfnParameter, CfnWaitConditionHandle, Stack, Validations } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { DataMeshChecks } from '../../../../src';
import { MeshIndex } from '../../../../src/nag/mesh-index';
import { usage } from '../../../../src/nag/rules/limits/stack-limits';
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

describe('DataMesh-CFN1 and CFN2 at their boundaries', () => {
  const ids = (stack: Stack) => dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-CFN'));

  test('warn from the first output above 80 % (161 of 200), not at 80 % itself', () => {
    expect(ids(outputs(160))).toEqual([]);
    expect(ids(outputs(161))).toEqual(['DataMesh-CFN1']);
  });

  test('warn, not fail, at the quota itself, and fail, not warn, one above it', () => {
    expect(ids(outputs(200))).toEqual(['DataMesh-CFN1']);
    expect(ids(outputs(201))).toEqual(['DataMesh-CFN2']);
  });

  test('name every quota a stack is near, and count its resources against 500', () => {
    const stack = outputs(170);
    for (let i = 0; i < 170; i++) {
      new CfnParameter(stack, `P${i}`);
    }
    for (let i = 0; i < 410; i++) {
      new CfnWaitConditionHandle(stack, `H${i}`);
    }
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-CFN1')?.description).toMatch(/found stack Test: 411\/500 resources, 170\/200 outputs, 170\/200 parameters/);
  });
});

describe('DataMesh-CFN1 and CFN2 name every quota and report each stack once', () => {
  test('CFN1 reports a stack near a quota once, on its first resource', () => {
    const stack = outputs(170);
    new CfnWaitConditionHandle(stack, 'Second');
    const near = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-CFN1');
    expect(near?.violatingResources.map((r: any) => r.constructPath)).toEqual(['Test/Handle']);
  });

  test('CFN2 names every quota a stack exceeds', () => {
    const stack = outputs(201);
    for (let i = 0; i < 201; i++) {
      new CfnParameter(stack, `P${i}`);
    }
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-CFN2')?.description).toMatch(/found stack Test: 201\/200 outputs, 201\/200 parameters\./);
  });

  test('a stack\'s usage before synthesis is its resources, outputs and parameters, without a guess at its size', () => {
    const stack = outputs(3);
    expect(usage(stack, MeshIndex.build(stack))).toEqual([['resources', 1, 500], ['outputs', 3, 200], ['parameters', 0, 200]]);
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
