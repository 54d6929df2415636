/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DataMeshChecks } from '../../../../src';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Governance } from '../../fixtures';

describe('DataMesh-DZ2: the domain is encrypted with a customer managed key, or the AWS owned key is acknowledged', () => {
  test('accepts a domain with a key', () => {
    const stack = testStack();
    l1Governance(stack);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-DZ2');
  });

  test('warns about a domain without a key: an AWS owned key is a legitimate choice to acknowledge, not an error', () => {
    const stack = testStack();
    l1Governance(stack, { kmsKeyIdentifier: undefined });
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-DZ2');
    expect(violation?.description).toMatch(/found no KmsKeyIdentifier \(an AWS owned key\)/);
    expect(violation?.severity).toBe('warning');
    expect(new DataMeshChecks().validateScope(stack).success).toBe(true);
  });

  test('does not apply to resources that are not domains', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('accepts a key given as a parameter: any value names a customer managed key', () => {
    const stack = testStack();
    l1Governance(stack, { kmsKeyIdentifier: deployTimeParameter(stack, 'Key') });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-DZ2');
  });
});
