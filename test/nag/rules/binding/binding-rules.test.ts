/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnResource, CustomResource, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

function trustBinding(stack: Stack, principalArn: string) {
  return new CustomResource(stack, 'Trust', {
    serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:trust',
    resourceType: 'Custom::ConsumerTrustBinding',
    properties: { RoleName: 'datazone_usr_role_p_e', PrincipalArn: principalArn, Sid: 'S' },
  });
}

function boundFunction(stack: Stack, extra?: iam.PolicyStatement) {
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.PYTHON_3_13,
    handler: 'index.handler',
    code: lambda.Code.fromInline('def handler(e, c):\n  return 1'),
    environment: { MESH_ROLE_ARN: 'arn:aws:iam::111111111111:role/datazone_usr_role_p_e' },
  });
  if (extra) {
    fn.addToRolePolicy(extra);
  }
  return fn;
}

describe('DataMesh-IAM2: the binding\'s trust statement names a role, not an account root', () => {
  test('accepts a role ARN, and a role of the template', () => {
    const stack = testStack();
    trustBinding(stack, 'arn:aws:iam::111111111111:role/smus_consumer_lambda');
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM2');
    const other = testStack();
    trustBinding(other, new iam.Role(other, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }).roleArn);
    expect(dataMeshFindings(other)).not.toContain('DataMesh-IAM2');
  });

  test('flags an account root', () => {
    const stack = testStack();
    trustBinding(stack, 'arn:aws:iam::111111111111:root');
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-IAM2')?.description).toMatch(/found principal arn:aws:iam::111111111111:root/);
  });

  test('does not apply to other resources', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reads a role ARN or an account root built with Fn::Join or Fn::Sub (Role.fromRoleName, formatArn)', () => {
    const stack = testStack();
    trustBinding(stack, iam.Role.fromRoleName(stack, 'Named', 'smus_consumer_lambda').roleArn);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM2');
    const root = testStack();
    trustBinding(root, Fn.sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root'));
    expect(dataMeshViolations(root).find((v) => v.ruleName === 'DataMesh-IAM2')?.description).toMatch(/found principal arn:aws:iam::111111111111:root/);
  });

  test('reports "could not evaluate" for a principal given as a parameter', () => {
    const stack = testStack();
    trustBinding(stack, deployTimeParameter(stack, 'Principal'));
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-IAM2[Unverified]')?.description)
      .toMatch(/^Could not verify at synth: The consumer binding trusts an account root[^]*could not evaluate: the PrincipalArn of Trust \(a parameter or an intrinsic function that names no resource of the template\)/);
  });

  test('accepts a principal read at deploy by a custom resource (the imported function\'s role reader)', () => {
    const stack = testStack();
    const reader = new CustomResource(stack, 'Reader', { serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:r', resourceType: 'Custom::ConsumerFunctionBinding' });
    trustBinding(stack, reader.getAttString('RoleArn'));
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-IAM2');
  });
});

describe('DataMesh-BIND1: a bound function reads data only through the project role', () => {
  test('accepts a bound function whose role may only assume the project role', () => {
    const stack = testStack();
    boundFunction(stack, new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: ['arn:aws:iam::111111111111:role/datazone_usr_role_p_e'] }));
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-BIND1');
  });

  test('flags direct S3 and Glue reads on its role, naming the actions', () => {
    const stack = testStack();
    boundFunction(stack, new iam.PolicyStatement({ actions: ['s3:GetObject', 'glue:GetTable'], resources: ['*'] }));
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-BIND1')?.description).toMatch(/found s3:GetObject, glue:GetTable on role FnServiceRole/);
  });

  test('reports "could not evaluate" when a parameter supplies an action of the function\'s role', () => {
    const stack = testStack();
    boundFunction(stack, new iam.PolicyStatement({ actions: [deployTimeParameter(stack, 'Action')], resources: ['*'] }));
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-BIND1[Unverified]')?.description)
      .toMatch(/could not evaluate: an Action of a policy on role FnServiceRole[0-9A-F]+ \(a parameter or intrinsic function may grant a direct read\)/);
  });

  test('does not apply to functions that are not bound', () => {
    const stack = testStack();
    new lambda.Function(stack, 'Plain', { runtime: lambda.Runtime.PYTHON_3_13, handler: 'i.h', code: lambda.Code.fromInline('x = 1'), initialPolicy: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-BIND1');
  });

  test('does not apply when the function\'s role is not in the template (its owner\'s role is checked where it is defined)', () => {
    const stack = testStack();
    new lambda.CfnFunction(stack, 'Raw', { role: deployTimeParameter(stack, 'Role'), code: { zipFile: 'x' }, runtime: 'python3.13', handler: 'i.h', environment: { variables: { MESH_ROLE_ARN: 'arn:aws:iam::111111111111:role/r' } } });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-BIND1');
  });
});

const NOT_KNOWN = ' is not known at synth (a token, parameter or intrinsic function)';

/** What each finding of the rules whose id starts with `prefix` says on `stack`: `<rule id> <text after the resource's path>`, sorted. */
function said(stack: Stack, prefix: string): string[] {
  return dataMeshViolations(stack)
    .filter((v) => v.ruleName.startsWith(prefix))
    .map((v) => {
      const text = v.description.replace(/\. To accept: [^]*$/, '').replace(/\.$/, '');
      const path = / Test\/[\w/-]+: /.exec(text)!;
      return `${v.ruleName} ${text.slice(path.index + path[0].length)}`;
    })
    .sort();
}

/** A hand-written role with one inline policy of `statements` (none without). */
function l1Role(stack: Stack, id: string, statements?: unknown) {
  return new iam.CfnRole(stack, id, {
    assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    policies: statements === undefined ? undefined : [{ policyName: 'inline', policyDocument: { Version: '2012-10-17', Statement: statements } }],
  });
}

/** A hand-written function with the given role and environment variables (no Environment without). */
function l1Function(stack: Stack, role: string, variables?: Record<string, string>, environment = true) {
  return new lambda.CfnFunction(stack, 'Fn', {
    role,
    runtime: 'python3.13',
    handler: 'index.handler',
    code: { zipFile: 'def handler(e, c):\n  return 1' },
    environment: environment ? { variables } : undefined,
  });
}

const BOUND = { MESH_ROLE_ARN: 'arn:aws:iam::111111111111:role/datazone_usr_role_p_e' };

describe('DataMesh-BIND1: which actions of a bound function\'s role read data directly', () => {
  test('flags each S3, Glue, Lake Formation and Athena read and every action, named once, in the order written', () => {
    const stack = testStack();
    const role = l1Role(stack, 'FnRole', [
      { Effect: 'Allow', Action: ['s3:*', 's3:Get*', 's3:GetObject', 's3:GetObjectVersion', 's3:List*', 's3:ListBucket'], Resource: '*' },
      { Effect: 'Allow', Action: ['glue:*', 'glue:Get*', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartitions', 'glue:GetDatabase'], Resource: '*' },
      { Effect: 'Allow', Action: ['glue:GetTableVersion', 'glue:GetTableVersions', 'glue:GetPartition', 'glue:GetDatabases'], Resource: '*' },
      { Effect: 'Allow', Action: ['lakeformation:*', 'lakeformation:GetDataAccess', 'athena:*', '*', 's3:GetObject'], Resource: '*' },
      { Effect: 'Allow', Action: 'S3:getobject', Resource: '*' },
    ]);
    l1Function(stack, role.attrArn, BOUND);
    expect(said(stack, 'DataMesh-BIND1')).toEqual([
      'DataMesh-BIND1 found s3:*, s3:Get*, s3:GetObject, s3:GetObjectVersion, s3:List*, s3:ListBucket, glue:*, glue:Get*, glue:GetTable, glue:GetTables, '
      + 'glue:GetPartitions, glue:GetDatabase, glue:GetTableVersion, glue:GetTableVersions, glue:GetPartition, glue:GetDatabases, '
      + 'lakeformation:*, lakeformation:GetDataAccess, athena:*, *, S3:getobject on role FnRole',
    ]);
  });

  test('reads IAM\'s wildcards anywhere in an action: a pattern that allows a read is a read', () => {
    const stack = testStack();
    const role = l1Role(stack, 'FnRole', [
      { Effect: 'Allow', Action: ['s3:*Object', 's3:G?tObject*', 's3:L*Bucket', 'glue:GetTable*', 'glue:Get*s', 'lakeformation:Get*', 'athena:GetQueryResults', 'athena:Get*'], Resource: '*' },
    ]);
    l1Function(stack, role.attrArn, BOUND);
    expect(said(stack, 'DataMesh-BIND1')).toEqual([
      'DataMesh-BIND1 found s3:*Object, s3:G?tObject*, s3:L*Bucket, glue:GetTable*, glue:Get*s, lakeformation:Get*, athena:GetQueryResults, athena:Get* on role FnRole',
    ]);
  });

  test('accepts an action whose name only begins like a read\'s, or that has text before the service', () => {
    const stack = testStack();
    const role = l1Role(stack, 'FnRole', [
      { Effect: 'Allow', Action: ['s3:GetObjectAcl', 's3:GetObjectTagging', 's3:Get*Acl', 's3:ListBucketVersions', 'glue:GetConnection', 'lakeformation:Get*Settings', 'xs3:GetObject', 'mys3:*'], Resource: '*' },
    ]);
    l1Function(stack, role.attrArn, BOUND);
    expect(said(stack, 'DataMesh-BIND1')).toEqual([]);
  });

  test('accepts writes, other services\' wildcards, other S3 listings and denied reads', () => {
    const stack = testStack();
    const role = l1Role(stack, 'FnRole', [
      { Effect: 'Allow', Action: ['sts:AssumeRole', 's3:PutObject', 's3:ListBucketMultipartUploads', 'glue:CreateTable', 'athena:StartQueryExecution', 'lakeformation:GrantPermissions', 'ec2:*'], Resource: '*' },
      { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' },
    ]);
    l1Function(stack, role.attrArn, BOUND);
    expect(said(stack, 'DataMesh-BIND1')).toEqual([]);
  });

  test('reads the policies of the stack that name the role, and a single statement object', () => {
    const stack = testStack();
    const role = l1Role(stack, 'FnRole');
    new iam.CfnPolicy(stack, 'Reads', { policyName: 'reads', roles: [role.ref], policyDocument: { Statement: { Effect: 'Allow', Action: 'glue:GetTable', Resource: '*' } } });
    l1Function(stack, role.attrArn, BOUND);
    expect(said(stack, 'DataMesh-BIND1')).toEqual(['DataMesh-BIND1 found glue:GetTable on role FnRole']);
  });

  test('does not apply to a function without environment, without variables or without the role variable, whatever its role reads', () => {
    for (const [variables, environment] of [[undefined, false], [undefined, true], [{ OTHER: 'x' }, true]] as const) {
      const stack = testStack();
      const role = l1Role(stack, 'FnRole', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
      l1Function(stack, role.attrArn, variables, environment);
      expect(said(stack, 'DataMesh-BIND1')).toEqual([]);
    }
  });

  test('does not apply to a role that a resource other than a role gives (it is not this template\'s to check), even with a policy on it', () => {
    const stack = testStack();
    const reader = new CfnResource(stack, 'Reader', { type: 'Custom::RoleReader', properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:r' } });
    new iam.CfnPolicy(stack, 'Reads', { policyName: 'reads', roles: [reader.getAtt('RoleName').toString()], policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } });
    l1Function(stack, reader.getAtt('RoleArn').toString(), BOUND);
    expect(said(stack, 'DataMesh-BIND1')).toEqual([]);
  });

  test('cannot read an action given as a parameter, naming the role', () => {
    const stack = testStack();
    const role = l1Role(stack, 'FnRole', [{ Effect: 'Allow', Action: [deployTimeParameter(stack, 'Action'), 's3:GetObject'], Resource: '*' }]);
    l1Function(stack, role.attrArn, BOUND);
    expect(said(stack, 'DataMesh-BIND1')).toEqual([
      `DataMesh-BIND1[Unverified] could not evaluate: an Action of a policy on role FnRole (a parameter or intrinsic function may grant a direct read)${NOT_KNOWN}`,
    ]);
  });
});

describe('DataMesh-IAM2: how the binding\'s PrincipalArn is read', () => {
  const unread = `DataMesh-IAM2[Unverified] could not evaluate: the PrincipalArn of Trust (a parameter or an intrinsic function that names no resource of the template)${NOT_KNOWN}`;
  const cases: Array<[string, (stack: Stack) => unknown, string[]]> = [
    ['a role of aws-cn', () => 'arn:aws-cn:iam::111111111111:role/fn', []],
    ['a role of aws-us-gov with a path', () => 'arn:aws-us-gov:iam::111111111111:role/path/fn', []],
    ['a role of the template', (stack) => l1Role(stack, 'FnRole').attrArn, []],
    ['a role read by a custom resource', (stack) => new CfnResource(stack, 'Reader', { type: 'Custom::Reader' }).getAtt('RoleArn'), []],
    ['a role built with Fn::Sub on a parameter', () => ({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${Account}:role/fn' }), []],
    ['a role built with Fn::Sub in its list form', () => ({ 'Fn::Sub': ['arn:aws:iam::${Account}:role/${Name}', { Name: 'fn' }] }), []],
    ['a role built with Fn::Join on parameters', () => ({ 'Fn::Join': ['', ['arn:', { Ref: 'Partition' }, ':iam::', { Ref: 'Account' }, ':role/fn']] }), []],
    ['an account id', () => '111111111111', ['DataMesh-IAM2 found principal 111111111111']],
    ['an account of 11 digits', () => 'arn:aws:iam::11111111111:role/fn', ['DataMesh-IAM2 found principal arn:aws:iam::11111111111:role/fn']],
    ['a role without a name', () => 'arn:aws:iam::111111111111:role/', ['DataMesh-IAM2 found principal arn:aws:iam::111111111111:role/']],
    ['a role ARN after a space', () => ' arn:aws:iam::111111111111:role/fn', ['DataMesh-IAM2 found principal  arn:aws:iam::111111111111:role/fn']],
    ['an assumed-role session', () => 'arn:aws:sts::111111111111:assumed-role/fn/s', ['DataMesh-IAM2 found principal arn:aws:sts::111111111111:assumed-role/fn/s']],
    ['a root built with Fn::Sub', () => ({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${Account}:root' }), ['DataMesh-IAM2 found principal arn:aws:iam::<token>:root']],
    ['a root built with Fn::Join', () => ({ 'Fn::Join': [':', ['arn', { Ref: 'Partition' }, 'iam', '', { Ref: 'Account' }, 'root']] }),
      ['DataMesh-IAM2 found principal arn:<token>:iam::<token>:root']],
    ['a root built after other text (no ARN)', () => ({ 'Fn::Join': ['', ['x-arn:aws:iam::', { Ref: 'Account' }, ':root']] }), [unread]],
    ['a function of the template', (stack) => new lambda.CfnFunction(stack, 'Other', { role: 'arn:aws:iam::111111111111:role/r', code: { zipFile: 'x' } }).attrArn,
      ['DataMesh-IAM2 found principal AWS::Lambda::Function Other']],
    ['a parameter', (stack) => deployTimeParameter(stack, 'Principal'), [unread]],
    ['null', () => null, [unread]],
    ['a role after a part known only at deploy', () => ({ 'Fn::Sub': '${Prefix}arn:aws:iam::${Account}:role/fn' }), [unread]],
    ['a built ARN that is neither a role nor a root', () => ({ 'Fn::Sub': 'arn:aws:iam::${Account}:root-reader' }), [unread]],
    ['a join whose delimiter is a parameter', () => ({ 'Fn::Join': [{ Ref: 'Delimiter' }, ['arn:aws:iam::111111111111:role/fn']] }), [unread]],
    ['a join of a list parameter', () => ({ 'Fn::Join': [',', { Ref: 'Parts' }] }), [unread]],
    ['a join with more than a delimiter and a list', () => ({ 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'Account' }, ':role/fn'], 'extra'] }), [unread]],
  ];
  test.each(cases)('reads %s', (_, value, expected) => {
    const stack = testStack();
    const trust = new CfnResource(stack, 'Trust', { type: 'Custom::ConsumerTrustBinding', properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:trust', RoleName: 'r' } });
    trust.addPropertyOverride('PrincipalArn', value(stack));
    expect(said(stack, 'DataMesh-IAM2')).toEqual(expected);
  });
});
