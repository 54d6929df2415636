/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Tooling } from '../../fixtures';

describe('DataMesh-BP1: the Tooling blueprint has VpcId, Subnets and S3Location in every enabled Region', () => {
  test('accepts a complete Tooling configuration', () => {
    const stack = testStack();
    l1Tooling(stack, 'subnet-1,subnet-2');
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-BP1');
  });

  test('flags the missing parameters, naming them and the Region', () => {
    const stack = testStack();
    l1Tooling(stack, undefined, { parameters: { VpcId: 'vpc-1' } });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-BP1')?.description).toMatch(/found no Subnets in eu-west-1, S3Location in eu-west-1/);
  });

  test('does not apply to other blueprints or resources', () => {
    const stack = testStack();
    l1Tooling(stack, undefined, { identifier: 'DataLake', parameters: {} });
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-BP1');
  });

  test('reports "could not evaluate" when the blueprint identifier is a parameter', () => {
    const stack = testStack();
    const configuration = l1Tooling(stack, 'subnet-1,subnet-2');
    configuration.addPropertyOverride('EnvironmentBlueprintIdentifier', { Ref: deployTimeParameter(stack, 'Blueprint') });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-BP1[Unverified]')?.description).toMatch(/could not evaluate: EnvironmentBlueprintIdentifier of BlueprintTooling/);
  });

  const bp1 = (stack: Stack) => dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-BP1'));

  test('checks every enabled Region, naming each missing parameter of each', () => {
    const stack = testStack();
    const configuration = l1Tooling(stack, 'subnet-1,subnet-2');
    configuration.addPropertyOverride('EnabledRegions', ['eu-west-1', 'us-east-1']);
    expect(bp1(stack).map((v) => v.description)).toEqual([expect.stringMatching(/: found no VpcId in us-east-1, Subnets in us-east-1, S3Location in us-east-1\./)]);
  });

  test('passes with no finding at all when complete, and does not apply to another blueprint', () => {
    const complete = testStack();
    l1Tooling(complete, 'subnet-1,subnet-2');
    expect(bp1(complete)).toEqual([]);
    const other = testStack();
    l1Tooling(other, undefined, { identifier: 'DataLake', parameters: {} });
    expect(bp1(other)).toEqual([]);
  });

  test('reports "could not evaluate", not a breach, when the regional parameters or the enabled Regions are known only at deploy', () => {
    const conditional = testStack();
    l1Tooling(conditional, 'subnet-1,subnet-2').addPropertyOverride('RegionalParameters', { 'Fn::If': ['InEu', [], []] });
    expect(bp1(conditional).map((v) => v.ruleName)).toEqual(['DataMesh-BP1[Unverified]']);
    const regions = testStack();
    l1Tooling(regions, 'subnet-1,subnet-2').addPropertyOverride('EnabledRegions', [deployTimeParameter(regions, 'Region')]);
    expect(bp1(regions).map((v) => v.description)).toEqual([expect.stringMatching(/could not evaluate: an enabled Region of BlueprintTooling \(parameter Region, no default\)/)]);
  });
});
