/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Validations } from 'aws-cdk-lib';
import * as ram from 'aws-cdk-lib/aws-ram';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { API_AND_PORTAL, API_ONLY, deployTimeParameter, l1Governance } from '../../fixtures';

describe('DataMesh-RAM2: the domain share lets IAM users log in to the portal', () => {
  test('accepts the API-and-portal permission', () => {
    const stack = testStack();
    l1Governance(stack);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-RAM2');
  });

  test('warns about the API-only permission, and can be acknowledged', () => {
    const stack = testStack();
    const { share } = l1Governance(stack, { permissionArns: [API_ONLY] });
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-RAM2');
    expect(violation?.severity).toBe('warning');
    expect(violation?.description).toMatch(/found PermissionArns AWSRAMPermissionsAmazonDatazoneDomainExtendedServiceAccess/);
    Validations.of(share).acknowledge({ id: 'DataMesh-RAM2', reason: 'Identity Center users only' });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-RAM2');
  });

  test('does not apply to shares of other resources', () => {
    const stack = testStack();
    new ram.CfnResourceShare(stack, 'Subnets', { name: 'subnets', resourceArns: ['arn:aws:ec2:eu-west-1:111111111111:subnet/subnet-1'], permissionArns: [API_ONLY] });
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the permissions are a parameter, naming the property and the share', () => {
    const stack = testStack();
    const { share } = l1Governance(stack);
    share.permissionArns = [deployTimeParameter(stack, 'Permission')];
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-RAM2[Unverified]')?.description).toMatch(/Test\/Share: could not evaluate: PermissionArns of resource share Share \(parameter Permission, no default\) is not known at synth/);
  });
  test('accepts both permissions together, and leaves a share with neither to DataMesh-RAM1', () => {
    const both = testStack();
    l1Governance(both, { permissionArns: [API_ONLY, API_AND_PORTAL] });
    expect(dataMeshFindings(both).filter((id) => id.startsWith('DataMesh-RAM2'))).toEqual([]);
    const neither = testStack();
    l1Governance(neither, { permissionArns: ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionAmazonDataZoneDomain'] });
    expect(dataMeshFindings(neither).filter((id) => id.startsWith('DataMesh-RAM'))).toEqual(['DataMesh-RAM1']);
  });
});
