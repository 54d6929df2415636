/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import * as s3 from 'aws-cdk-lib/aws-s3';
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
});
