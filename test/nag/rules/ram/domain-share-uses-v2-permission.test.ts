/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Fn } from 'aws-cdk-lib';
import * as ram from 'aws-cdk-lib/aws-ram';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { API_ONLY, deployTimeParameter, l1Governance } from '../../fixtures';

describe('DataMesh-RAM1: the domain share uses a V2 managed permission', () => {
  test('accepts either V2 permission, also for a domain shared by literal ARN', () => {
    const stack = testStack();
    l1Governance(stack, { literalArn: true, permissionArns: [API_ONLY] });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-RAM1');
  });

  test('flags a share without a permission (RAM attaches the V1 default) and one with a V1 permission', () => {
    const none = testStack();
    l1Governance(none, { permissionArns: null });
    expect(dataMeshViolations(none).find((v) => v.ruleName === 'DataMesh-RAM1')?.description).toMatch(/found no PermissionArns \(RAM attaches the V1 default permission\)/);
    const v1 = testStack();
    l1Governance(v1, { permissionArns: ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionAmazonDataZoneDomain'] });
    expect(dataMeshViolations(v1).find((v) => v.ruleName === 'DataMesh-RAM1')?.description).toMatch(/found PermissionArns AWSRAMDefaultPermissionAmazonDataZoneDomain/);
  });

  test('does not apply to shares of other resources', () => {
    const stack = testStack();
    new ram.CfnResourceShare(stack, 'Subnets', { name: 'subnets', resourceArns: ['arn:aws:ec2:eu-west-1:111111111111:subnet/subnet-1'], principals: ['222222222222'] });
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the permissions are a parameter', () => {
    const stack = testStack();
    const { share } = l1Governance(stack);
    share.permissionArns = [deployTimeParameter(stack, 'Permission')];
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-RAM1[Unverified]')?.description).toMatch(/could not evaluate: PermissionArns of resource share Share/);
  });

  test('reports "could not evaluate", naming the parameter, when the shared ARN is a parameter (AWS\'s nested share template)', () => {
    const stack = testStack();
    new ram.CfnResourceShare(stack, 'Share', {
      name: 'DataZone-mesh',
      resourceArns: [deployTimeParameter(stack, 'DomainARN')],
      principals: ['222222222222'],
      permissionArns: ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionAmazonDataZoneDomain'],
    });
    const names = dataMeshFindings(stack);
    for (const rule of ['RAM1', 'RAM2', 'RAM3']) {
      expect(names).not.toContain(`DataMesh-${rule}`);
      expect(dataMeshViolations(stack).find((v) => v.ruleName === `DataMesh-${rule}[Unverified]`)?.description)
        .toMatch(/could not evaluate: whether resource share Share shares a DataZone domain: its ResourceArns entry \(parameter DomainARN, no default\)/);
    }
  });
});

describe('DataMesh-RAM1 to RAM3 read a shared ARN built around unknown parts', () => {
  test('do not apply to a share of SSM parameters whose ARN is joined around a parameter name', () => {
    const stack = testStack();
    new ram.CfnResourceShare(stack, 'Handoff', {
      name: 'handoff',
      resourceArns: [Fn.join('', ['arn:aws:ssm:eu-west-1:111111111111:parameter', deployTimeParameter(stack, 'Name')])],
      principals: ['222222222222'],
    });
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('apply to a domain ARN built with Fn::Sub around the domain id', () => {
    const stack = testStack();
    new ram.CfnResourceShare(stack, 'Share', {
      name: 'mesh',
      resourceArns: [Fn.sub('arn:${AWS::Partition}:datazone:${AWS::Region}:${AWS::AccountId}:domain/${DomainId}', { DomainId: deployTimeParameter(stack, 'DomainId') })],
      principals: ['222222222222'],
    });
    expect(dataMeshFindings(stack)).toContain('DataMesh-RAM1');
  });
});
