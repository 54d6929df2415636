/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as ram from 'aws-cdk-lib/aws-ram';
import { dataMeshViolations, testStack } from '../../../util';
import { API_AND_PORTAL, deployTimeParameter, ROLE_ARN } from '../../fixtures';

/** A V2 domain with the given SingleSignOn (undefined leaves it out), shared with `principals` when given. */
function domain(stack: Stack, singleSignOn: unknown, principals?: string[]) {
  const resource = new datazone.CfnDomain(stack, 'Domain', {
    name: 'data-mesh',
    domainExecutionRole: ROLE_ARN,
    domainVersion: 'V2',
    singleSignOn: singleSignOn as any,
  });
  if (principals) {
    new ram.CfnResourceShare(stack, 'Share', { name: 'DataZone-data-mesh', resourceArns: [resource.attrArn], principals, permissionArns: [API_AND_PORTAL] });
  }
  return resource;
}

const dz4 = (stack: Stack, id = 'DataMesh-DZ4') => dataMeshViolations(stack).find((v) => v.ruleName === id);

describe('DataMesh-DZ4: a domain shared with other accounts signs in through IAM Identity Center', () => {
  test('accepts a shared Identity Center domain', () => {
    const stack = testStack();
    domain(stack, { type: 'IAM_IDC', userAssignment: 'AUTOMATIC' }, ['222222222222', '333333333333']);
    expect(dz4(stack)).toBeUndefined();
  });

  test('flags a shared domain with sign-on DISABLED, and one with no SingleSignOn, naming the share and what is allowed', () => {
    const disabled = testStack();
    domain(disabled, { type: 'DISABLED' }, ['222222222222']);
    expect(dz4(disabled)?.severity).toBe('error');
    expect(dz4(disabled)?.description).toMatch(/found SingleSignOn.Type DISABLED on domain Domain, shared with other accounts by Share; allowed for a shared domain: IAM_IDC/);
    expect((dz4(disabled) as any)?.fix).toMatch(/Set SingleSignOn: \{ Type: IAM_IDC/);
    const absent = testStack();
    domain(absent, undefined, ['222222222222']);
    expect(dz4(absent)?.description).toMatch(/found no SingleSignOn.Type on domain Domain/);
  });

  test('does not apply to a domain that is shared with nobody, whatever its sign-on', () => {
    const unshared = testStack();
    domain(unshared, { type: 'DISABLED' });
    const emptyShare = testStack();
    domain(emptyShare, { type: 'DISABLED' }, []);
    expect(dz4(unshared)).toBeUndefined();
    expect(dz4(emptyShare)).toBeUndefined();
  });

  test('reports "could not evaluate" when the sign-on type is a parameter', () => {
    const stack = testStack();
    domain(stack, { type: deployTimeParameter(stack, 'SignOnType') }, ['222222222222']);
    expect(dz4(stack, 'DataMesh-DZ4[Unverified]')?.description).toMatch(/could not evaluate: SingleSignOn.Type of domain Domain/);
  });
});
