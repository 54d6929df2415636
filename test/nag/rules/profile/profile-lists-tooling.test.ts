/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Profile } from '../../fixtures';

describe('DataMesh-PP1: every project profile lists Tooling', () => {
  test('accepts a profile with a Tooling environment', () => {
    const stack = testStack();
    l1Profile(stack, [{ name: 'Tooling', blueprintId: 'Tooling', account: '111111111111' }]);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-PP1');
  });

  test('flags a profile without it, listing what it has', () => {
    const stack = testStack();
    l1Profile(stack, [{ name: 'Lakehouse Database', blueprintId: 'DataLake', account: '111111111111' }]);
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-PP1')?.description).toMatch(/found environment configurations DataLake/);
  });

  test('does not apply to resources that are not project profiles', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when a configuration\'s Region is a parameter', () => {
    const stack = testStack();
    l1Profile(stack, [{ name: 'Tooling', blueprintId: 'Tooling', account: '111111111111', region: deployTimeParameter(stack, 'Region') }]);
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-PP1[Unverified]')?.description).toMatch(/could not evaluate: RegionName of a configuration of Profile/);
  });
});
