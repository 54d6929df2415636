/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnResource, CfnWaitConditionHandle, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

/** Every IAM3 finding (its [Unverified] one and "the rule failed" included) as `<rule> <path>: <description>`. */
const iam3 = (stack: Stack) => dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-IAM3'))
  .flatMap((v) => v.violatingResources.map((r: any) => `${v.ruleName} ${r.constructPath}: ${v.description}`));

/** A managed policy of raw CloudFormation, so that shapes the L1 class would refuse can be tested. */
const policy = (stack: Stack, id: string, PolicyDocument: unknown) => new CfnResource(stack, id, { type: 'AWS::IAM::ManagedPolicy', properties: { PolicyDocument } });
const allow = (Action: unknown, Resource: unknown) => ({ Statement: [{ Effect: 'Allow', Action, Resource }] });

describe('DataMesh-IAM3: no policy allows every action on every resource', () => {
  test('accepts scoped statements', () => {
    const stack = testStack();
    new iam.Policy(stack, 'P', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })], roles: [new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() })] });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM3');
  });

  test('flags Action * on Resource *, in a policy and inline in a role', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Admin', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' }] },
      policies: [{ policyName: 'all', policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
    });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-IAM3')?.description).toMatch(/found Allow Action "\*" on Resource "\*"/);
  });

  test('does not apply to other resources', () => {
    const stack = testStack();
    new CfnWaitConditionHandle(stack, 'H');
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM3');
  });

  test('reports "could not evaluate" when a parameter supplies the Action of a statement on Resource *', () => {
    const stack = testStack();
    new iam.CfnManagedPolicy(stack, 'FromParameter', {
      policyDocument: { Statement: [{ Effect: 'Allow', Action: deployTimeParameter(stack, 'Action'), Resource: '*' }] },
    });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-IAM3[Unverified]')?.description)
      .toMatch(/could not evaluate: an Allow statement of FromParameter whose Effect, Action or Resource \(a parameter or condition\) may be "Allow", "\*"/);
  });

  test('reports "could not evaluate" for a whole policy document, an Effect or a Fn::Sub that a parameter supplies', () => {
    const stack = testStack();
    const parameter = deployTimeParameter(stack, 'P');
    new iam.CfnManagedPolicy(stack, 'Document', { policyDocument: Fn.parseDomainName(parameter) as any });
    new iam.CfnManagedPolicy(stack, 'Effect', { policyDocument: { Statement: [{ Effect: parameter, Action: '*', Resource: '*' }] } });
    new iam.CfnManagedPolicy(stack, 'Sub', { policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: Fn.sub('${P}') }] } });
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-IAM3[Unverified]');
    expect(violation?.violatingResources.map((r: any) => r.constructPath)).toEqual(['Test/Document', 'Test/Effect', 'Test/Sub']);
  });

  test('knows that a reference to a resource or a joined ARN is not "*"', () => {
    const stack = testStack();
    const bucket = new CfnWaitConditionHandle(stack, 'Handle');
    new iam.CfnManagedPolicy(stack, 'Scoped', {
      policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: [bucket.ref, `arn:aws:s3:::${bucket.ref}/*`] }] },
    });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM3');
  });

  test('accepts a Deny of everything', () => {
    const stack = testStack();
    new iam.CfnManagedPolicy(stack, 'Deny', { policyDocument: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM3');
  });

  test('reports nothing at all, not even "could not evaluate", for scoped statements and a Deny of everything', () => {
    const stack = testStack();
    policy(stack, 'Scoped', allow('s3:GetObject', 'arn:aws:s3:::b/*'));
    policy(stack, 'Deny', { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] });
    expect(iam3(stack)).toEqual([]);
  });

  test('reports a breach only once, without "could not evaluate"', () => {
    const stack = testStack();
    policy(stack, 'Admin', allow('*', '*'));
    expect(iam3(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM3 Test\/Admin: .*found Allow Action "\*" on Resource "\*"/)]);
  });

  test('reads a Statement given as a single object', () => {
    const stack = testStack();
    policy(stack, 'Single', { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } });
    expect(iam3(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM3 Test\/Single: .*found Allow Action "\*"/)]);
  });

  test('ignores an empty or missing statement, a policy without a document and a statement without Resource', () => {
    const stack = testStack();
    policy(stack, 'Empty', { Statement: [null, {}] });
    policy(stack, 'NoDocument', undefined);
    policy(stack, 'NotResource', { Statement: [{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::b' }] });
    new CfnResource(stack, 'Role', { type: 'AWS::IAM::Role', properties: { Policies: [{ PolicyName: 'none' }, null] } });
    expect(iam3(stack)).toEqual([]);
  });

  test('names the policy document that a parameter supplies', () => {
    const stack = testStack();
    policy(stack, 'Statements', { Statement: { Ref: deployTimeParameter(stack, 'StatementsParameter') } });
    expect(iam3(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM3\[Unverified\] Test\/Statements: .*could not evaluate: a policy document of Statements is not known at synth/)]);
  });

  test('names the Policies of a role that a parameter supplies', () => {
    const stack = testStack();
    new CfnResource(stack, 'Role', { type: 'AWS::IAM::Role', properties: { Policies: { Ref: deployTimeParameter(stack, 'Policies') } } });
    expect(iam3(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM3\[Unverified\] Test\/Role: .*could not evaluate: the Policies of Role is not known at synth/)]);
  });

  test('reports "could not evaluate" for a statement that a parameter supplies', () => {
    const stack = testStack();
    policy(stack, 'Statement', { Statement: [{ Ref: deployTimeParameter(stack, 'StatementParameter') }] });
    expect(iam3(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM3\[Unverified\] Test\/Statement: .*could not evaluate: an Allow statement of Statement/)]);
  });

  test('a parameter Action on a resource that is not "*", or any Action on a parameter resource that a literal scopes, is no finding', () => {
    const stack = testStack();
    const parameter = deployTimeParameter(stack, 'P');
    policy(stack, 'ActionOnArn', allow(parameter, 'arn:aws:s3:::b/*'));
    policy(stack, 'GetObjectOnParameter', allow('s3:GetObject', { Ref: 'P' }));
    expect(iam3(stack)).toEqual([]);
  });

  test('a parameter Effect with Action "*" on Resource "*" is unverified, not a breach', () => {
    const stack = testStack();
    policy(stack, 'Effect', { Statement: [{ Effect: deployTimeParameter(stack, 'EffectParameter'), Action: '*', Resource: '*' }] });
    expect(iam3(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM3\[Unverified\] Test\/Effect:/)]);
  });

  test('a parameter Action on Resource "*" is unverified, not a breach, even beside a scoped statement', () => {
    const stack = testStack();
    policy(stack, 'Action', { Statement: [{ Effect: 'Allow', Action: deployTimeParameter(stack, 'ActionParameter'), Resource: '*' }, { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
    expect(iam3(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM3\[Unverified\] Test\/Action:/)]);
  });

  test('an Action built with literal text is still read as possibly "*" (only resources are recognised)', () => {
    const stack = testStack();
    policy(stack, 'JoinedAction', allow({ 'Fn::Join': ['', ['s3:', { Ref: deployTimeParameter(stack, 'Verb') }]] }, '*'));
    expect(iam3(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM3\[Unverified\] Test\/JoinedAction:/)]);
  });

  test('Action "*" on a parameter Resource is unverified', () => {
    const stack = testStack();
    policy(stack, 'OnParameter', allow('*', { Ref: deployTimeParameter(stack, 'Target') }));
    expect(iam3(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM3\[Unverified\] Test\/OnParameter:/)]);
  });

  test('knows that a resource reference, an attribute, a joined ARN or a substituted ARN is not "*"', () => {
    const stack = testStack();
    new CfnWaitConditionHandle(stack, 'Handle');
    deployTimeParameter(stack, 'Name');
    policy(stack, 'Reference', allow('*', { Ref: 'Handle' }));
    policy(stack, 'Attribute', allow('*', { 'Fn::GetAtt': ['Handle', 'Arn'] }));
    policy(stack, 'AttributeOfAResourceElsewhere', allow('*', { 'Fn::GetAtt': ['NotInThisStack', 'Arn'] }));
    policy(stack, 'Joined', allow('*', { 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'Name' }]] }));
    policy(stack, 'Substituted', allow('*', { 'Fn::Sub': 'arn:aws:s3:::${Name}/*' }));
    policy(stack, 'SubstitutedWithMap', allow('*', { 'Fn::Sub': ['arn:aws:s3:::${Bucket}', { Bucket: { Ref: 'Name' } }] }));
    expect(iam3(stack)).toEqual([]);
  });

  test('a joined or substituted value with no literal text but "*" may be "*"', () => {
    const stack = testStack();
    deployTimeParameter(stack, 'Name');
    policy(stack, 'JoinedStar', allow('*', { 'Fn::Join': ['', ['*', '', { Ref: 'Name' }]] }));
    policy(stack, 'JoinedEmpty', allow('*', { 'Fn::Join': ['', ['', { Ref: 'Name' }]] }));
    policy(stack, 'JoinedParameterOnly', allow('*', { 'Fn::Join': ['', [{ Ref: 'Name' }]] }));
    policy(stack, 'SubstitutedStar', allow('*', { 'Fn::Sub': '${Name}*' }));
    policy(stack, 'SubstitutedLongName', allow('*', { 'Fn::Sub': '${Name}' }));
    policy(stack, 'SubstitutedWithMap', allow('*', { 'Fn::Sub': ['${Bucket}', { Bucket: { Ref: 'Name' } }] }));
    expect(iam3(stack).map((f) => f.split(':')[0])).toEqual([
      'DataMesh-IAM3[Unverified] Test/JoinedStar',
      'DataMesh-IAM3[Unverified] Test/JoinedEmpty',
      'DataMesh-IAM3[Unverified] Test/JoinedParameterOnly',
      'DataMesh-IAM3[Unverified] Test/SubstitutedStar',
      'DataMesh-IAM3[Unverified] Test/SubstitutedLongName',
      'DataMesh-IAM3[Unverified] Test/SubstitutedWithMap',
    ]);
  });

  test('a Resource that is neither a string nor an object (a number) is unverified, not a failure of the rule', () => {
    const stack = testStack();
    policy(stack, 'Number', allow('*', [5]));
    expect(iam3(stack)).toEqual([expect.stringMatching(/^DataMesh-IAM3\[Unverified\] Test\/Number:/)]);
  });
});
