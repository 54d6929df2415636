/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Fn, Stack } from 'aws-cdk-lib';
import * as ram from 'aws-cdk-lib/aws-ram';
import * as s3 from 'aws-cdk-lib/aws-s3';
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
  /** The DataMesh-RAM1 finding ids for a share of `resourceArns` with no permission. */
  function ram1(resourceArns: unknown, build?: (stack: Stack) => unknown[]) {
    const stack = testStack();
    new ram.CfnResourceShare(stack, 'Share', { name: 'mesh', resourceArns: (build ? build(stack) : resourceArns) as string[], principals: ['222222222222'] });
    return dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-RAM1'));
  }

  test('read a literal ARN as a domain\'s only when it names datazone, a domain and a dzd id', () => {
    expect(ram1(['arn:aws-cn:datazone:cn-north-1:111111111111:domain/dzd-abc123'])).toEqual(['DataMesh-RAM1']);
    expect(ram1(['arn:aws:datazone:eu-west-1:111111111111:project/dzd_abc123'])).toEqual([]);
    expect(ram1(['arn:aws:datazone:eu-west-1:111111111111:domain/abc123'])).toEqual([]);
    expect(ram1(['x-arn:aws:datazone:eu-west-1:111111111111:domain/dzd_abc123'])).toEqual([]);
    expect(ram1(['arn:aws:glue:eu-west-1:111111111111:catalog', 'arn:aws:datazone:eu-west-1:111111111111:domain/dzd_abc123'])).toEqual(['DataMesh-RAM1']);
  });

  test('read a reference to another resource of the template as not a domain, and go on to the next entry', () => {
    expect(ram1(undefined, (stack) => [new s3.CfnBucket(stack, 'Bucket').attrArn])).toEqual([]);
    expect(ram1(undefined, (stack) => [new s3.CfnBucket(stack, 'Bucket').attrArn, 'arn:aws:datazone:eu-west-1:111111111111:domain/dzd_abc123'])).toEqual(['DataMesh-RAM1']);
  });

  test('read a joined ARN by its literal service and resource type', () => {
    const joined = (stack: Stack, service: string, type: string) => Fn.join('', [`arn:aws:${service}:eu-west-1:111111111111:${type}/`, deployTimeParameter(stack, 'Id')]);
    expect(ram1(undefined, (stack) => [joined(stack, 'datazone', 'domain')])).toEqual(['DataMesh-RAM1']);
    expect(ram1(undefined, (stack) => [joined(stack, 'datazone', 'project')])).toEqual(['DataMesh-RAM1[Unverified]']);
    expect(ram1(undefined, (stack) => [Fn.join(':', ['arn', 'aws', 'ec2', 'eu-west-1', deployTimeParameter(stack, 'Rest')])])).toEqual([]);
    expect(ram1(undefined, (stack) => [Fn.join('', [deployTimeParameter(stack, 'Prefix'), ':domain/dzd_abc123'])])).toEqual(['DataMesh-RAM1[Unverified]']);
  });

  test('read the text of Fn::Sub given with its variables as a list', () => {
    expect(ram1([{ 'Fn::Sub': ['arn:aws:datazone:eu-west-1:111111111111:domain/${Id}', { Id: 'dzd_abc123' }] }])).toEqual(['DataMesh-RAM1']);
    expect(ram1([{ 'Fn::Sub': ['arn:aws:s3:::${Bucket}', { Bucket: 'b' }] }])).toEqual([]);
  });

  test('report "could not evaluate" when ResourceArns is not a list, naming every entry it cannot read', () => {
    expect(ram1(undefined, (stack) => Fn.split(',', deployTimeParameter(stack, 'Arns')) as unknown[])).toEqual(['DataMesh-RAM1[Unverified]']);
    const stack = testStack();
    new ram.CfnResourceShare(stack, 'Share', { name: 'mesh', resourceArns: [deployTimeParameter(stack, 'A'), deployTimeParameter(stack, 'B')], principals: ['222222222222'] });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-RAM1[Unverified]')?.description).toMatch(/its ResourceArns \(\[parameter A, no default; parameter B, no default\]\) is not known at synth/);
  });

  test('name every permission of a share without a V2 one', () => {
    const stack = testStack();
    l1Governance(stack, { permissionArns: ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionAmazonDataZoneDomain', 'arn:aws:ram::aws:permission/Other'] });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-RAM1')?.description).toMatch(/found PermissionArns AWSRAMDefaultPermissionAmazonDataZoneDomain, Other/);
  });
});
