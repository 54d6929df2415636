/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnParameter, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { deployTimeParameter, l1Governance, l1Network } from './fixtures';
import { DataMeshChecks } from '../../src';
import { describeValue } from '../../src/nag/could-not-evaluate';
import { resolveKnown } from '../../src/nag/mesh-index';
import { testApp, testStack } from '../util';

/** A network whose first subnet's zone is a parameter and whose other subnets are all in one zone. */
function halfReadableNetwork(stack: Stack) {
  const { vpc } = l1Network(stack, { zones: ['eu-west-1a', 'eu-west-1a'] });
  new ec2.CfnSubnet(stack, 'ParameterSubnet', { vpcId: vpc.ref, cidrBlock: '10.0.9.0/24', availabilityZone: deployTimeParameter(stack, 'Zone') });
}

describe('DataMeshChecks: findings that could not be verified', () => {
  test('are warnings by default, under the rule id with [Unverified], naming the value and what to acknowledge', () => {
    const stack = testStack();
    new datazone.CfnDomain(stack, 'Domain', {
      name: 'mesh',
      domainExecutionRole: 'arn:aws:iam::111111111111:role/service-role/AmazonSageMakerDomainExecution',
      domainVersion: new CfnParameter(stack, 'Version', { type: 'String', default: 'V2' }).valueAsString,
      singleSignOn: { type: 'IAM_IDC', userAssignment: 'AUTOMATIC' },
    });
    const report = new DataMeshChecks().validateScope(stack);
    const violation = report.violations.find((v) => v.ruleName === 'DataMesh-DZ1[Unverified]');
    expect(violation?.severity).toBe('warning');
    expect(violation?.description).toMatch(/^Could not verify at synth: /);
    expect(violation?.description).toMatch(/could not evaluate: DomainVersion of Domain \(parameter Version, default "V2", which the deployment may override\)/);
    expect(violation?.description).toMatch(/acknowledge DataMesh-DZ1\[Unverified\] on the resource/);
    expect(report.violations.map((v) => v.ruleName)).not.toContain('DataMesh-DZ1');
    expect(report.success).toBe(true);
  });

  test('are errors of an error rule with strict: true, and stay warnings of a warning rule', () => {
    const stack = testStack();
    const { domain } = l1Governance(stack, { permissionArns: [deployTimeParameter(stack, 'Permission')] });
    domain.domainVersion = deployTimeParameter(stack, 'Version');
    const report = new DataMeshChecks(undefined, { strict: true }).validateScope(stack);
    expect(report.violations.find((v) => v.ruleName === 'DataMesh-DZ1[Unverified]')?.severity).toBe('error');
    expect(report.violations.find((v) => v.ruleName === 'DataMesh-RAM2[Unverified]')?.severity).toBe('warning');
    expect(report.success).toBe(false);
    expect(new DataMeshChecks(undefined, { strict: true }).strict).toBe(true);
    expect(new DataMeshChecks().strict).toBe(false);
  });

  test('come from a rule that decides on what it can read: two subnets in one zone and one unknown are unverified, not a breach', () => {
    const stack = testStack();
    halfReadableNetwork(stack);
    const names = new DataMeshChecks().validateScope(stack).violations.map((v) => v.ruleName);
    expect(names).toContain('DataMesh-VPC1[Unverified]');
    expect(names).not.toContain('DataMesh-VPC1');
    expect(new DataMeshChecks().validateScope(stack).violations.find((v) => v.ruleName === 'DataMesh-VPC1[Unverified]')?.description)
      .toMatch(/the Availability Zone of subnet ParameterSubnet \(Test\/ParameterSubnet\) \(parameter Zone, no default\)/);
  });

  test('are acknowledged with the id the message names', () => {
    const stack = testStack();
    const domain = new datazone.CfnDomain(stack, 'Domain', {
      name: 'mesh',
      domainExecutionRole: 'arn:aws:iam::111111111111:role/service-role/AmazonSageMakerDomainExecution',
      domainVersion: deployTimeParameter(stack, 'Version'),
      singleSignOn: { type: 'IAM_IDC', userAssignment: 'AUTOMATIC' },
    });
    Validations.of(domain).acknowledge({ id: 'DataMesh-DZ1[Unverified]', reason: 'the deployment passes V2' });
    expect(new DataMeshChecks().validateScope(stack).violations.map((v) => v.ruleName)).not.toContain('DataMesh-DZ1[Unverified]');
  });
});

describe('the index resolves what the stack decides, and nothing else', () => {
  test('replaces pseudo parameters with an explicit environment\'s account, Region, partition and URL suffix', () => {
    const stack = testStack();
    expect(resolveKnown({ Ref: 'AWS::Region' }, stack)).toBe('eu-west-1');
    expect(resolveKnown([{ Ref: 'AWS::AccountId' }, { Ref: 'AWS::Partition' }, { Ref: 'AWS::URLSuffix' }], stack)).toEqual(['111111111111', 'aws', 'amazonaws.com']);
    expect(resolveKnown({ 'Fn::Sub': 'arn:${AWS::Partition}:datazone:${AWS::Region}:${AWS::AccountId}:domain/${!Literal}' }, stack))
      .toBe('arn:aws:datazone:eu-west-1:111111111111:domain/${Literal}');
    expect(resolveKnown({ 'Fn::Join': [',', ['a', { Ref: 'AWS::Region' }]] }, stack)).toBe('a,eu-west-1');
  });

  test('keeps parameters, other intrinsics and the pseudo parameters of an environment-agnostic stack', () => {
    const agnostic = new Stack(testApp(), 'Agnostic');
    expect(resolveKnown({ Ref: 'AWS::Region' }, agnostic)).toEqual({ Ref: 'AWS::Region' });
    const stack = testStack();
    expect(resolveKnown({ 'Fn::Sub': 'arn:${AWS::Partition}:x:${Name}' }, stack)).toEqual({ 'Fn::Sub': 'arn:aws:x:${Name}' });
    expect(resolveKnown({ 'Fn::Join': [',', [{ Ref: 'Subnet' }, 'b']] }, stack)).toEqual({ 'Fn::Join': [',', [{ Ref: 'Subnet' }, 'b']] });
    expect(stack.resolve(resolveKnown({ 'Fn::Select': [0, Fn.getAzs()] }, stack))).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
  });
});

describe('a value that could not be evaluated is named in words', () => {
  test('a parameter, a pseudo parameter, a reference, an attribute, an import and an Fn::Sub', () => {
    const stack = testStack();
    const parameter = stack.resolve(deployTimeParameter(stack, 'Zone'));
    expect(describeValue(resolveKnown(parameter, stack))).toMatch(/^(parameter Zone, no default|\{ Ref: Zone \} \(a parameter or a resource's id\))$/);
    expect(describeValue({ Ref: 'AWS::StackName' })).toBe('pseudo parameter AWS::StackName');
    expect(describeValue({ Ref: 'Bucket' })).toBe("{ Ref: Bucket } (a parameter or a resource's id)");
    expect(describeValue({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('{ Fn::GetAtt: Bucket.Arn }');
    expect(describeValue({ 'Fn::GetAtt': 'Bucket.Arn' })).toBe('{ Fn::GetAtt: Bucket.Arn }');
    expect(describeValue({ 'Fn::ImportValue': 'SharedVpc' })).toBe('Fn::ImportValue SharedVpc');
    expect(describeValue({ 'Fn::ImportValue': { 'Fn::Sub': '${Env}-Vpc' } })).toBe('Fn::ImportValue {"Fn::Sub":"${Env}-Vpc"}');
    expect(describeValue({ 'Fn::Sub': 'arn:${AWS::Partition}:x' })).toBe("Fn::Sub 'arn:${AWS::Partition}:x'");
    expect(describeValue({ 'Fn::Sub': ['arn:${P}:x', { P: 'aws' }] })).toBe("Fn::Sub 'arn:${P}:x'");
  });

  test('a list as its one entry, or as each entry in brackets; other values as short JSON', () => {
    expect(describeValue([{ Ref: 'AWS::Region' }])).toBe('pseudo parameter AWS::Region');
    expect(describeValue(['a', { Ref: 'B' }])).toBe("['a'; { Ref: B } (a parameter or a resource's id)]");
    expect(describeValue([])).toBe('[]');
    expect(describeValue(Array.from({ length: 40 }, (_, i) => `value${i}`))).toMatch(/^\['value0'; 'value1'; .{200,}\.\.\.$/);
    expect(describeValue(Array.from({ length: 40 }, (_, i) => `value${i}`))).toHaveLength(240);
    expect(describeValue({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] })).toBe('{"Fn::Select":[0,{"Fn::GetAZs":""}]}');
    expect(describeValue({ 'Fn::If': ['C', 'a'.repeat(200), 'b'] })).toHaveLength(120);
    expect(describeValue(42)).toBe('42');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(null)).toBe('null');
    expect(describeValue({ 'Fn::Sub': [{ Ref: 'Template' }, {}] })).toBe('{"Fn::Sub":[{"Ref":"Template"},{}]}');
  });

  test('shortens a list\'s words past 240 characters and JSON past 120, and keeps them whole at those lengths', () => {
    expect(describeValue(['a'.repeat(116), 'b'.repeat(116)])).toBe(`['${'a'.repeat(116)}'; '${'b'.repeat(116)}']`);
    expect(describeValue(['a'.repeat(116), 'b'.repeat(117)])).toMatch(/^\['a{116}'; 'b{115}\.\.\.$/);
    expect(describeValue({ 'Fn::If': ['C', 'a'.repeat(97), 'b'] })).toBe(`{"Fn::If":["C","${'a'.repeat(97)}","b"]}`);
    expect(describeValue({ 'Fn::If': ['C', 'a'.repeat(98), 'b'] })).toMatch(/^\{"Fn::If":\["C","a{98}","\.\.\.$/);
  });
});
