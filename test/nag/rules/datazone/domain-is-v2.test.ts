/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Governance } from '../../fixtures';

describe('DataMesh-DZ1: the domain is a V2 (SageMaker Unified Studio) domain', () => {
  test('accepts a V2 domain', () => {
    const stack = testStack();
    l1Governance(stack);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-DZ1');
  });

  test('flags a V1 domain, and a domain that leaves the version to its V1 default', () => {
    const v1 = testStack();
    l1Governance(v1, { domainVersion: 'V1' });
    expect(dataMeshViolations(v1).find((v) => v.ruleName === 'DataMesh-DZ1')?.description).toMatch(/found DomainVersion V1\./);
    const implicit = testStack();
    l1Governance(implicit, { domainVersion: undefined });
    expect(dataMeshViolations(implicit).find((v) => v.ruleName === 'DataMesh-DZ1')?.description).toMatch(/found DomainVersion V1 \(the default\)/);
  });

  test('does not apply to resources that are not domains', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the version is a parameter', () => {
    const stack = testStack();
    l1Governance(stack, { domainVersion: deployTimeParameter(stack, 'Version') });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-DZ1[Unverified]')?.description).toMatch(/could not evaluate: DomainVersion of Domain/);
  });
});
