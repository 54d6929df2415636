/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Fn, Stack } from 'aws-cdk-lib';
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
  test('reports "could not evaluate" when SingleSignOn is an intrinsic, a string or a list, or its Type is not a string', () => {
    for (const singleSignOn of [{ 'Fn::If': ['Cond', { Type: 'IAM_IDC' }, { Type: 'DISABLED' }] }, 'IAM_IDC', [{ Type: 'IAM_IDC' }]]) {
      const stack = testStack();
      domain(stack, undefined, ['222222222222']).addPropertyOverride('SingleSignOn', singleSignOn);
      expect(dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-DZ4')).map((v) => v.ruleName)).toEqual(['DataMesh-DZ4[Unverified]']);
    }
    const typed = testStack();
    domain(typed, undefined, ['222222222222']).addPropertyOverride('SingleSignOn', { Type: ['IAM_IDC'] });
    expect(dz4(typed, 'DataMesh-DZ4[Unverified]')?.description).toMatch(/could not evaluate: SingleSignOn.Type of domain Domain/);
    expect(dz4(typed)).toBeUndefined();
  });

  test('finds the domain in a share whose ARN is built around its Fn::GetAtt, and names every share of it', () => {
    const stack = testStack();
    const resource = domain(stack, { type: 'DISABLED' }, ['222222222222']);
    new ram.CfnResourceShare(stack, 'Joined', { name: 'joined', resourceArns: [Fn.join('', [resource.attrArn, ''])], principals: ['333333333333'] });
    expect(dz4(stack)?.description).toMatch(/shared with other accounts by Share, Joined; allowed/);
  });

  test('does not apply to shares of other resources, shares without ResourceArns or without Principals', () => {
    const stack = testStack();
    const resource = domain(stack, { type: 'DISABLED' });
    new ram.CfnResourceShare(stack, 'Other', { name: 'other', resourceArns: ['arn:aws:glue:eu-west-1:111111111111:catalog', 'arn:aws:datazone:eu-west-1:111111111111:domain/Domain'], principals: ['333333333333'] });
    new ram.CfnResourceShare(stack, 'Empty', { name: 'empty', principals: ['333333333333'] });
    new ram.CfnResourceShare(stack, 'Nobody', { name: 'nobody', resourceArns: [resource.attrArn] });
    expect(dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-DZ4'))).toEqual([]);
  });

  test('reports "could not evaluate" when a share\'s ResourceArns is not a list', () => {
    const stack = testStack();
    domain(stack, { type: 'DISABLED' });
    new ram.CfnResourceShare(stack, 'Listed', { name: 'listed', resourceArns: Fn.split(',', deployTimeParameter(stack, 'Arns')), principals: ['333333333333'] });
    expect(dz4(stack, 'DataMesh-DZ4[Unverified]')?.description).toMatch(/could not evaluate: ResourceArns of resource share Listed/);
  });
  test('reports "could not evaluate" for a SingleSignOn given by Ref, and flags a domain shared beside another resource', () => {
    const byRef = testStack();
    domain(byRef, undefined, ['222222222222']).addPropertyOverride('SingleSignOn', { Ref: deployTimeParameter(byRef, 'SignOn') });
    expect(dataMeshViolations(byRef).filter((v) => v.ruleName.startsWith('DataMesh-DZ4')).map((v) => v.ruleName)).toEqual(['DataMesh-DZ4[Unverified]']);
    const beside = testStack();
    const resource = domain(beside, { type: 'DISABLED' });
    new ram.CfnResourceShare(beside, 'Mixed', { name: 'mixed', resourceArns: [resource.attrArn, 'arn:aws:glue:eu-west-1:111111111111:catalog'], principals: ['333333333333'] });
    expect(dz4(beside)?.description).toMatch(/shared with other accounts by Mixed; allowed/);
  });
});
