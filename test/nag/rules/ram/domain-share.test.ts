/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import * as ram from 'aws-cdk-lib/aws-ram';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { MeshIndex } from '../../../../src/nag/mesh-index';
import { literalStrings, sharesDataZoneDomain } from '../../../../src/nag/rules/ram/domain-share';
import { testStack } from '../../../util';
import { couldNotEvaluate, deployTimeParameter, l1Governance } from '../../fixtures';

const DOMAIN_ARN = 'arn:aws:datazone:eu-west-1:111111111111:domain/dzd_abc123';

/** Whether the share `Share` of `stack`, with `resourceArns` written as given, shares a DataZone domain. */
function shares(resourceArns: unknown, stack: Stack = testStack()): boolean {
  const share = new ram.CfnResourceShare(stack, 'Share', { name: 'share', principals: ['222222222222'] });
  if (resourceArns !== undefined) {
    share.addPropertyOverride('ResourceArns', resourceArns);
  }
  const mesh = MeshIndex.build(stack);
  return sharesDataZoneDomain(mesh.get(share)!, mesh);
}


describe('sharesDataZoneDomain: whether a RAM share shares a DataZone domain', () => {
  test('is true for a domain of the stack, by reference, and for a domain ARN written out', () => {
    const stack = testStack();
    const { domain } = l1Governance(stack, { principals: ['222222222222'] });
    const mesh = MeshIndex.build(stack);
    expect(sharesDataZoneDomain(mesh.allOfType('AWS::RAM::ResourceShare')[0], mesh)).toBe(true);
    expect(shares([DOMAIN_ARN])).toBe(true);
    expect(shares([{ Ref: 'Other' }, DOMAIN_ARN])).toBe(true);
    expect(domain).toBeDefined();
  });

  test('is false for a share without ResourceArns, with an empty list, or of other resources of the template or written out', () => {
    expect(shares(undefined)).toBe(false);
    expect(shares([])).toBe(false);
    expect(shares(['arn:aws:ec2:eu-west-1:111111111111:subnet/subnet-1'])).toBe(false);
    expect(shares(['x-arn:aws:datazone:eu-west-1:111111111111:domain/dzd_abc123', 'arn:aws:datazone:eu-west-1:111111111111:project/dzd_abc123'])).toBe(false);
    const stack = testStack();
    new ssm.CfnParameter(stack, 'Parameter', { type: 'String', value: 'x' });
    expect(shares([{ Ref: 'Parameter' }, { 'Fn::GetAtt': ['Parameter', 'Value'] }], stack)).toBe(false);
  });

  test('reads an ARN built with Fn::Join or Fn::Sub by its literal service and resource type', () => {
    expect(shares([{ 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'datazone', 'eu-west-1', { Ref: 'Account' }, 'domain/dzd_abc123']] }])).toBe(true);
    expect(shares([{ 'Fn::Sub': 'arn:${AWS::Partition}:datazone:${Region}:${Account}:domain/${DomainId}' }])).toBe(true);
    expect(shares([{ 'Fn::Sub': ['arn:${Partition}:datazone:eu-west-1:${Account}:domain/dzd_1', { Partition: 'aws' }] }])).toBe(true);
    expect(shares([{ 'Fn::Join': ['', ['arn:aws:ssm:eu-west-1:', { Ref: 'Account' }, ':parameter/x']] }])).toBe(false);
    expect(shares([{ 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${Region}:${Account}:subnet/${SubnetId}' }])).toBe(false);
  });

  test('cannot decide when the service or the resource type of a built ARN is only known at deploy', () => {
    const serviceAsParameter = { 'Fn::Join': [':', ['arn', 'aws', { Ref: 'Service' }, 'eu-west-1', '111111111111', 'domain/dzd_1']] };
    const serviceAfterUnknownPart = { 'Fn::Join': ['', ['arn:aws:', { Ref: 'Prefix' }, 'datazone:eu-west-1:111111111111:domain/dzd_1']] };
    const subServiceVariable = { 'Fn::Sub': 'arn:aws:${Service}:eu-west-1:111111111111:domain/dzd_1' };
    const subServiceAfterVariable = { 'Fn::Sub': 'arn:aws:${Prefix}datazone:eu-west-1:111111111111:domain/dzd_1' };
    const arnAfterUnknownPart = { 'Fn::Sub': '${Prefix}arn:aws:datazone:eu-west-1:111111111111:domain/dzd_1' };
    const datazoneOtherType = { 'Fn::Sub': 'arn:aws:datazone:eu-west-1:111111111111:${Type}/dzd_1' };
    const unknowable = [serviceAsParameter, serviceAfterUnknownPart, subServiceVariable, subServiceAfterVariable, arnAfterUnknownPart];
    unknowable.push(datazoneOtherType);
    for (const arn of unknowable) {
      expect(couldNotEvaluate(() => shares([arn])))
        .toMatch(/^could not evaluate: whether resource share Share shares a DataZone domain: its ResourceArns entry \(/);
    }
  });

  test('cannot decide on a join whose delimiter is only known at deploy, even of a single part', () => {
    expect(couldNotEvaluate(() => shares([{ 'Fn::Join': [{ Ref: 'Delimiter' }, [DOMAIN_ARN]] }]))).toMatch(/its ResourceArns entry \(\{"Fn::Join"/);
  });

  test('names the one entry it cannot read, or each of several, and reads a null entry as unknown', () => {
    const stack = testStack();
    const one = couldNotEvaluate(() => shares([deployTimeParameter(stack, 'Arn'), 'arn:aws:ec2:eu-west-1:111111111111:subnet/subnet-1'], stack));
    expect(one).toBe('could not evaluate: whether resource share Share shares a DataZone domain: its ResourceArns entry (parameter Arn, no default) is not known at synth (a token, parameter or intrinsic function)');
    expect(couldNotEvaluate(() => shares([{ 'Fn::ImportValue': 'A' }, { 'Fn::ImportValue': 'B' }]))).toMatch(/its ResourceArns \(\[Fn::ImportValue A; Fn::ImportValue B\]\) is not known/);
    expect(couldNotEvaluate(() => shares([null]))).toMatch(/its ResourceArns entry \(null\)/);
  });

  test('cannot decide when ResourceArns is not a list, naming the property and the share', () => {
    expect(couldNotEvaluate(() => shares({ 'Fn::Split': [',', { Ref: 'Arns' }] })))
      .toBe('could not evaluate: ResourceArns of resource share Share ({"Fn::Split":[",",{"Ref":"Arns"}]}) is not known at synth (a token, parameter or intrinsic function)');
  });
});

describe('literalStrings: a list of literal strings', () => {
  test('is the list itself, or nothing when the value is absent', () => {
    expect(literalStrings(['a', 'b'], 'X')).toEqual(['a', 'b']);
    expect(literalStrings([], 'X')).toEqual([]);
    expect(literalStrings(undefined, 'X')).toEqual([]);
  });

  test('cannot decide on a list with an entry known only at deploy, naming only that entry', () => {
    expect(couldNotEvaluate(() => literalStrings(['a', { Ref: 'B' }, 'c', { Ref: 'D' }], 'PermissionArns of resource share S')))
      .toBe("could not evaluate: PermissionArns of resource share S ([{ Ref: B } (a parameter or a resource's id); { Ref: D } (a parameter or a resource's id)]) is not known at synth (a token, parameter or intrinsic function)");
    expect(couldNotEvaluate(() => literalStrings([{ Ref: 'B' }, 'c'], 'X'))).toMatch(/^could not evaluate: X \(\{ Ref: B \} \(a parameter or a resource's id\)\) is not/);
  });

  test('cannot decide on a value that is not a list, naming it whole', () => {
    expect(couldNotEvaluate(() => literalStrings({ 'Fn::Split': [',', 'a,b'] }, 'X'))).toMatch(/^could not evaluate: X \(\{"Fn::Split":\[",","a,b"\]\}\) is not known/);
    expect(couldNotEvaluate(() => literalStrings('a', 'X'))).toMatch(/^could not evaluate: X \('a'\) is not known/);
  });
});
