/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
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
});
