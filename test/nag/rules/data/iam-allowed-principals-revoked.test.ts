/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { l1Publication } from './data-rules.fixtures';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

describe('DataMesh-LF3: IAMAllowedPrincipals is revoked on every published database', () => {
  test('accepts a published database whose IAMAllowedPrincipals grants are revoked in the stack', () => {
    const stack = testStack();
    l1Publication(stack);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF3');
  });

  test('flags a published database nothing revokes, and can be acknowledged when it is revoked elsewhere', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack, { revoke: false });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-LF3')?.description).toMatch(/found no revocation on database\(s\) collections/);
    Validations.of(dataSource).acknowledge({ id: 'DataMesh-LF3', reason: 'revoked by the platform team\'s baseline' });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF3');
  });

  test('does not apply to other resources', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the database name is a parameter', () => {
    const stack = testStack();
    l1Publication(stack, { database: deployTimeParameter(stack, 'Database') });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-LF3[Unverified]')?.description).toMatch(/could not evaluate/);
  });
});
