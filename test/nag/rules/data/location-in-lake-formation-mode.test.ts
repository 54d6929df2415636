/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { findingsOf } from './data-rules.fixtures';
import { LOCATION_IN_LAKE_FORMATION_MODE } from '../../../../src/nag/rules/data/location-in-lake-formation-mode';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const location = (hybridAccessEnabled?: any) => ({ resourceArn: 'arn:aws:s3:::data/collections', useServiceLinkedRole: true, hybridAccessEnabled });

describe('DataMesh-LF2: data locations are registered in Lake Formation mode', () => {
  test('accepts Lake Formation mode, explicit or by default', () => {
    const stack = testStack();
    new lakeformation.CfnResource(stack, 'Explicit', location(false));
    new lakeformation.CfnResource(stack, 'Implicit', location());
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF2');
  });

  test('flags hybrid access mode', () => {
    const stack = testStack();
    new lakeformation.CfnResource(stack, 'Hybrid', location(true));
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-LF2')?.description).toMatch(/found HybridAccessEnabled: true/);
  });

  test('does not apply to other resources', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the mode is a parameter', () => {
    const stack = testStack();
    new lakeformation.CfnResource(stack, 'Param', location(deployTimeParameter(stack, 'Hybrid')));
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-LF2[Unverified]')?.description).toMatch(/could not evaluate: HybridAccessEnabled of Param/);
  });

  test('reads HybridAccessEnabled written as a string as CloudFormation does, and reports exactly the hybrid location', () => {
    const stack = testStack();
    new lakeformation.CfnResource(stack, 'Hybrid', location()).addPropertyOverride('HybridAccessEnabled', 'true');
    new lakeformation.CfnResource(stack, 'LakeFormation', location()).addPropertyOverride('HybridAccessEnabled', 'false');
    new lakeformation.CfnResource(stack, 'Implicit', location());
    expect(findingsOf(stack, LOCATION_IN_LAKE_FORMATION_MODE)).toEqual(['LF2 Test/Hybrid: found HybridAccessEnabled: true']);
  });

  test('names the parameter when the mode is only known at deploy', () => {
    const stack = testStack();
    new lakeformation.CfnResource(stack, 'Param', location(deployTimeParameter(stack, 'Hybrid')));
    expect(findingsOf(stack, LOCATION_IN_LAKE_FORMATION_MODE)).toEqual([
      'LF2[Unverified] Test/Param: could not evaluate: HybridAccessEnabled of Param (parameter Hybrid, no default) is not known at synth (a token, parameter or intrinsic function)',
    ]);
  });
});
