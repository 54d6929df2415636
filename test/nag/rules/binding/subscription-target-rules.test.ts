/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnParameter, CfnResource, CustomResource, Fn, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { dataMeshFindings, dataMeshViolations, testApp, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const MANAGE_ACCESS = 'arn:aws:iam::111111111111:role/service-role/AmazonSageMakerManageAccess-eu-west-1-dzd_abc123';

function target(stack: Stack, principals: string[], extra: Partial<datazone.CfnSubscriptionTargetProps> = {}) {
  return new datazone.CfnSubscriptionTarget(stack, 'Target', {
    domainIdentifier: 'dzd_abc123',
    environmentIdentifier: 'env1',
    name: 'workload',
    type: 'GlueSubscriptionTargetType',
    provider: 'Amazon DataZone',
    applicableAssetTypes: ['GlueTableAssetType'],
    authorizedPrincipals: principals,
    manageAccessRole: MANAGE_ACCESS,
    subscriptionTargetConfig: [{ formName: 'GlueSubscriptionTargetConfigForm', content: '{"databaseName":"mesh_db"}' }],
    ...extra,
  });
}

function glueRole(stack: Stack, ...statements: iam.PolicyStatement[]): iam.Role {
  const role = new iam.Role(stack, 'GlueJobRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  statements.forEach((s) => role.addToPolicy(s));
  return role;
}

function violation(stack: Stack, id: string) {
  return dataMeshViolations(stack).find((v) => v.ruleName === id)?.description;
}

describe('DataMesh-BIND2: a role bound through a subscription target reads only through Lake Formation grants', () => {
  test('accepts a role with the catalog calls of a governed read and S3 reads of its own bucket', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Scripts');
    const role = glueRole(stack,
      new iam.PolicyStatement({ actions: ['lakeformation:GetDataAccess', 'glue:GetTable'], resources: ['*'] }),
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));
    target(stack, [role.roleArn]);
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-BIND2'))).toEqual([]);
  });

  test('flags S3 reads of every bucket and Lake Formation grants, naming the actions and the role', () => {
    const stack = testStack();
    const role = glueRole(stack, new iam.PolicyStatement({ actions: ['s3:GetObject', 'lakeformation:GrantPermissions'], resources: ['*'] }));
    target(stack, [role.roleArn]);
    expect(violation(stack, 'DataMesh-BIND2')).toMatch(/found s3:GetObject, lakeformation:GrantPermissions on role GlueJobRole[0-9A-F]+/);
  });

  test('flags every action', () => {
    const stack = testStack();
    const role = glueRole(stack, new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    target(stack, [role.roleArn]);
    expect(violation(stack, 'DataMesh-BIND2')).toMatch(/found \* on role/);
  });

  test('does not apply to a role of another template (its owner\'s stack is checked)', () => {
    const stack = testStack();
    target(stack, ['arn:aws:iam::111111111111:role/bi-service']);
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-BIND2'))).toEqual([]);
  });

  test('does not apply to other resources', () => {
    const stack = testStack();
    glueRole(stack, new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-BIND2'))).toEqual([]);
  });

  test('reports "could not evaluate" when a parameter supplies an action of the role', () => {
    const stack = testStack();
    const role = glueRole(stack, new iam.PolicyStatement({ actions: [deployTimeParameter(stack, 'Action')], resources: ['*'] }));
    target(stack, [role.roleArn]);
    expect(violation(stack, 'DataMesh-BIND2[Unverified]')).toMatch(/could not evaluate: an Action of a policy on role GlueJobRole[0-9A-F]+/);
  });
});

describe('DataMesh-BIND3: a workload bound through a subscription target is in the target\'s account', () => {
  test('accepts a role of the account, by ARN, by name (Fn::Join on the account) and of the template', () => {
    const stack = testStack();
    const role = glueRole(stack);
    target(stack, ['arn:aws:iam::111111111111:role/bi-service', iam.Role.fromRoleName(stack, 'Named', 'job').roleArn, role.roleArn]);
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-BIND3'))).toEqual([]);
  });

  test('flags a role of another account, naming it and both accounts', () => {
    const stack = testStack();
    target(stack, ['arn:aws:iam::222222222222:role/etl']);
    expect(violation(stack, 'DataMesh-BIND3')).toMatch(/found arn:aws:iam::222222222222:role\/etl \(account 222222222222\); the target is in account 111111111111/);
  });

  test('does not apply to other resources', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" for a principal given as a parameter', () => {
    const stack = testStack();
    target(stack, [deployTimeParameter(stack, 'Principal')]);
    expect(violation(stack, 'DataMesh-BIND3[Unverified]')).toMatch(/could not evaluate: AuthorizedPrincipals\[0\] of Target/);
  });
});

describe('DataMesh-BIND4: a subscription target\'s manage-access role is its account\'s', () => {
  test('accepts the account\'s manage-access role, literal or built on the account', () => {
    const stack = testStack();
    target(stack, ['arn:aws:iam::111111111111:role/r']);
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-BIND4'))).toEqual([]);
    const built = testStack();
    target(built, ['arn:aws:iam::111111111111:role/r'], { manageAccessRole: Fn.sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/service-role/m') });
    expect(dataMeshFindings(built).filter((id) => id.startsWith('DataMesh-BIND4'))).toEqual([]);
  });

  test('flags another account\'s role', () => {
    const stack = testStack();
    target(stack, ['arn:aws:iam::111111111111:role/r'], { manageAccessRole: 'arn:aws:iam::999999999999:role/service-role/m' });
    expect(violation(stack, 'DataMesh-BIND4')).toMatch(/found arn:aws:iam::999999999999:role\/service-role\/m \(account 999999999999\); the target is in account 111111111111/);
  });

  test('does not apply to a target without a manage-access role', () => {
    const stack = testStack();
    target(stack, ['arn:aws:iam::111111111111:role/r'], { manageAccessRole: undefined });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-BIND4'))).toEqual([]);
  });

  test('reports "could not evaluate" for a role given as a parameter', () => {
    const stack = testStack();
    target(stack, ['arn:aws:iam::111111111111:role/r'], { manageAccessRole: deployTimeParameter(stack, 'ManageAccess') });
    expect(violation(stack, 'DataMesh-BIND4[Unverified]')).toMatch(/could not evaluate: the ManageAccessRole of Target/);
  });

  test('reports "could not evaluate" for a role a custom resource gives at deploy', () => {
    const stack = testStack();
    const reader = new CustomResource(stack, 'Reader', { serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:r', resourceType: 'Custom::RoleReader' });
    target(stack, ['arn:aws:iam::111111111111:role/r'], { manageAccessRole: reader.getAttString('RoleArn') });
    expect(violation(stack, 'DataMesh-BIND4[Unverified]')).toMatch(/Custom::RoleReader Reader gives it at deploy/);
  });
});

describe('DataMesh-BIND5: a subscription target names roles, never account roots', () => {
  test('accepts roles', () => {
    const stack = testStack();
    target(stack, ['arn:aws:iam::111111111111:role/r', glueRole(stack).roleArn]);
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-BIND5'))).toEqual([]);
  });

  test('flags an account root and a bare account id, literal or built', () => {
    const stack = testStack();
    target(stack, ['arn:aws:iam::111111111111:root', '111111111111', Fn.sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root')]);
    expect(violation(stack, 'DataMesh-BIND5')).toMatch(/found principal arn:aws:iam::111111111111:root, 111111111111, arn:aws:iam::111111111111:root\.$/);
  });

  test('does not apply to a Redshift target, whose principals are database roles', () => {
    const stack = testStack();
    target(stack, ['reporting_role'], { type: 'RedshiftSubscriptionTargetType' });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-BIND5'))).toEqual([]);
  });

  test('reports "could not evaluate" for a principal given as a parameter', () => {
    const stack = testStack();
    target(stack, [deployTimeParameter(stack, 'Principal')]);
    expect(violation(stack, 'DataMesh-BIND5[Unverified]')).toMatch(/could not evaluate: AuthorizedPrincipals\[0\] of Target/);
  });
});

const NOT_KNOWN = ' is not known at synth (a token, parameter or intrinsic function)';
const NAMES_NO_RESOURCE = '(a parameter or an intrinsic function that names no resource of the template)';

/** What each finding of the rules whose id starts with `prefix` says on `scope`: `<rule id> <text after the resource's path>`, sorted. */
function said(scope: IConstruct, prefix = 'DataMesh-BIND'): string[] {
  return dataMeshViolations(scope)
    .filter((v) => v.ruleName.startsWith(prefix))
    .map((v) => {
      const text = v.description.replace(/\. To accept: [^]*$/, '').replace(/\.$/, '');
      const path = / (?:Test|Agnostic)\/[\w/-]+: /.exec(text)!;
      return `${v.ruleName} ${text.slice(path.index + path[0].length)}`;
    })
    .sort();
}

/** A Glue subscription target whose AuthorizedPrincipals and ManageAccessRole are written as given (raw CloudFormation). */
function rawTarget(scope: Construct, principals: unknown, manageAccessRole: unknown = MANAGE_ACCESS) {
  const t = target(scope as Stack, []);
  t.addPropertyOverride('AuthorizedPrincipals', principals);
  t.addPropertyOverride('ManageAccessRole', manageAccessRole);
  return t;
}

/** A hand-written role with one inline policy of `statements` (none without). */
function l1Role(stack: Stack, id: string, statements?: unknown) {
  return new iam.CfnRole(stack, id, {
    assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    policies: statements === undefined ? undefined : [{ policyName: 'inline', policyDocument: { Version: '2012-10-17', Statement: statements } }],
  });
}

function customReader(stack: Stack) {
  return new CfnResource(stack, 'Reader', { type: 'Custom::RoleReader', properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:r' } });
}

const unverified = (rule: string, ...whats: string[]) => `DataMesh-${rule}[Unverified] ${whats.map((w) => `could not evaluate: ${w}${NOT_KNOWN}`).join('; ')}`;

describe('subscription-target: how the BIND rules read a principal or role of a subscription target', () => {
  test('reads literal principals as roles, users, roots, account ids and other text, and names each that is not a role', () => {
    const stack = testStack();
    rawTarget(stack, ['arn:aws:iam::111111111111:role/r', 'arn:aws:iam::111111111111:user/u', '111111111111', 'arn:aws:sts::111111111111:assumed-role/r/s', 'reporting_role']);
    expect(said(stack)).toEqual([
      unverified('BIND3', 'the account of AuthorizedPrincipals[3] of Target (arn:aws:sts::111111111111:assumed-role/r/s)', 'the account of AuthorizedPrincipals[4] of Target (reporting_role)'),
      'DataMesh-BIND5 found principal arn:aws:iam::111111111111:user/u, 111111111111, arn:aws:sts::111111111111:assumed-role/r/s, reporting_role',
    ]);
  });

  test('reads a role whose name is 12 digits as a role, not as an account id', () => {
    const stack = testStack();
    rawTarget(stack, ['arn:aws:iam::111111111111:role/123456789012']);
    expect(said(stack)).toEqual([]);
  });

  test('names every principal of another account, an account id included, and cannot read an account of 13 digits', () => {
    const stack = testStack();
    rawTarget(stack, ['arn:aws:iam::222222222222:role/etl', '333333333333', 'arn:aws:iam::1111111111112:role/x']);
    expect(said(stack)).toEqual([
      'DataMesh-BIND3 found arn:aws:iam::222222222222:role/etl (account 222222222222), 333333333333 (account 333333333333); the target is in account 111111111111',
      unverified('BIND3', 'the account of AuthorizedPrincipals[2] of Target (arn:aws:iam::1111111111112:role/x)'),
      'DataMesh-BIND5 found principal 333333333333',
    ]);
  });

  test('accepts a role of the template by Fn::GetAtt or Ref, and a role a custom resource gives at deploy', () => {
    const stack = testStack();
    const role = l1Role(stack, 'GlueJobRole', [{ Effect: 'Allow', Action: 'glue:GetTable', Resource: '*' }]);
    rawTarget(stack, [role.attrArn, role.ref, customReader(stack).getAtt('RoleArn')], role.attrArn);
    expect(said(stack)).toEqual([]);
  });

  test('cannot read a parameter, null, a number or an Fn::GetAtt written as one string', () => {
    const stack = testStack();
    rawTarget(stack, [deployTimeParameter(stack, 'Principal'), null, 5, { 'Fn::GetAtt': 'GlueJobRole.Arn' }]);
    const whats = [0, 1, 2, 3].map((i) => `AuthorizedPrincipals[${i}] of Target ${NAMES_NO_RESOURCE}`);
    expect(said(stack)).toEqual([unverified('BIND2', ...whats), unverified('BIND3', ...whats), unverified('BIND5', ...whats)]);
  });

  test('cannot read AuthorizedPrincipals given as a list parameter, naming it', () => {
    const stack = testStack();
    const list = new CfnParameter(stack, 'Principals', { type: 'CommaDelimitedList' });
    rawTarget(stack, list.valueAsList);
    const what = 'the AuthorizedPrincipals of Target (parameter Principals, no default)';
    expect(said(stack)).toEqual([unverified('BIND2', what), unverified('BIND3', what), unverified('BIND5', what)]);
  });

  test('reads an ARN built with Fn::Join or Fn::Sub by its literal parts, a part known only at deploy as <token>', () => {
    const stack = testStack();
    rawTarget(stack, [
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'Account' }, ':role/r']] },
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${Account}:root' },
      { 'Fn::Sub': ['arn:aws:iam::${Account}:role/${Name}', { Name: 'etl' }] },
      { 'Fn::Join': ['', [null, 'arn:aws:iam::', { Ref: 'Account' }, ':role/etl']] },
      { 'Fn::Sub': '${Prefix}role/etl' },
    ]);
    const account = (i: number, arn: string) => `the account of AuthorizedPrincipals[${i}] of Target (${arn})`;
    const unread = ['AuthorizedPrincipals[3] of Target (<token>arn:aws:iam::<token>:role/etl)', 'AuthorizedPrincipals[4] of Target (<token>role/etl)'];
    expect(said(stack)).toEqual([
      unverified('BIND2', ...unread),
      unverified('BIND3', account(0, 'arn:aws:iam::<token>:role/r'), account(1, 'arn:aws:iam::<token>:root'), account(2, 'arn:aws:iam::<token>:role/<token>'), ...unread),
      'DataMesh-BIND5 found principal arn:aws:iam::<token>:root',
      unverified('BIND5', ...unread),
    ].sort());
  });

  test('cannot read an Fn::Join whose delimiter or list is known only at deploy, or that has more than a delimiter and a list', () => {
    const stack = testStack();
    rawTarget(stack, [
      { 'Fn::Join': [{ Ref: 'Delimiter' }, ['arn:aws:iam::222222222222:role/etl']] },
      { 'Fn::Join': [',', { Ref: 'Roles' }] },
      { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'Account' }, ':role/etl'], 'extra'] },
    ]);
    const whats = [0, 1, 2].map((i) => `AuthorizedPrincipals[${i}] of Target ${NAMES_NO_RESOURCE}`);
    expect(said(stack)).toEqual([unverified('BIND2', ...whats), unverified('BIND3', ...whats), unverified('BIND5', ...whats)]);
  });

  test('reads the account pseudo parameter of an environment-agnostic stack as the target\'s account, and cannot compare a literal account with it', () => {
    const stack = new Stack(testApp(), 'Agnostic');
    const own = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/service-role/m';
    const joined = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/etl']] };
    rawTarget(stack, ['arn:aws:iam::111111111111:role/r', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/etl' }, joined], { 'Fn::Sub': own });
    expect(said(stack)).toEqual([
      unverified('BIND3', 'the account of the stack of Target (an environment-agnostic stack), to compare with arn:aws:iam::111111111111:role/r'),
    ]);
    const root = new Stack(testApp(), 'Agnostic');
    rawTarget(root, [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' }], { 'Fn::Sub': own });
    expect(said(root)).toEqual(['DataMesh-BIND5 found principal arn:<token>:iam::<AWS::AccountId>:root']);
  });
});

describe('DataMesh-BIND4: how the manage-access role is read', () => {
  const cases: Array<[string, (stack: Stack) => unknown, string[]]> = [
    ['an account id', () => '111111111111', ['DataMesh-BIND4 found 111111111111, not a role']],
    ['a user', () => 'arn:aws:iam::111111111111:user/u', ['DataMesh-BIND4 found arn:aws:iam::111111111111:user/u, not a role']],
    ['a role of the template', (stack) => l1Role(stack, 'ManageAccess').attrArn, []],
    ['a role of another account', () => 'arn:aws:iam::999999999999:role/service-role/m',
      ['DataMesh-BIND4 found arn:aws:iam::999999999999:role/service-role/m (account 999999999999); the target is in account 111111111111']],
    ['a role of an account known only at deploy', () => ({ 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'Account' }, ':role/service-role/m']] }),
      [unverified('BIND4', 'the account of the ManageAccessRole of Target (arn:aws:iam::<token>:role/service-role/m)')]],
    ['a parameter', (stack) => deployTimeParameter(stack, 'ManageAccess'), [unverified('BIND4', `the ManageAccessRole of Target ${NAMES_NO_RESOURCE}`)]],
    ['a role a custom resource gives', (stack) => customReader(stack).getAtt('RoleArn'),
      [unverified('BIND4', 'the ManageAccessRole of Target (Custom::RoleReader Reader gives it at deploy)')]],
  ];
  test.each(cases)('reads %s', (_, value, expected) => {
    const stack = testStack();
    rawTarget(stack, ['arn:aws:iam::111111111111:role/r'], value(stack));
    expect(said(stack, 'DataMesh-BIND4')).toEqual(expected);
  });

  test('reads a role of the template outside the checked scope as given at deploy, naming the resource', () => {
    const stack = testStack();
    const role = l1Role(stack, 'WorkloadRole');
    const binding = new Construct(stack, 'Binding');
    const t = rawTarget(binding, [role.attrArn], role.attrArn);
    expect(said(binding)).toEqual([unverified('BIND4', `the ManageAccessRole of ${stack.getLogicalId(t)} (resource WorkloadRole gives it at deploy)`)]);
  });
});

describe('DataMesh-BIND2: which actions of a bound role read beside Lake Formation', () => {
  test('flags S3 object reads on every bucket, Lake Formation grants and admin settings, and every action, each named once', () => {
    const stack = testStack();
    const role = l1Role(stack, 'GlueJobRole', [
      { Effect: 'Allow', Action: ['s3:*', 's3:Get*', 's3:GetObject', 's3:GetObjectVersion'], Resource: ['arn:aws:s3:::scripts/*', '*'] },
      { Effect: 'Allow', Action: ['s3:*Object', 's3:GetObject*'], Resource: 'arn:aws:s3:::*' },
      { Effect: 'Allow', Action: ['s3:GetObjectTagging', 's3:GetObject'], Resource: 'arn:aws:s3:::*/*' },
      { Effect: 'Allow', Action: ['lakeformation:*', 'lakeformation:GrantPermissions', 'lakeformation:BatchGrantPermissions', 'lakeformation:PutDataLakeSettings'], Resource: '*' },
      { Effect: 'Allow', Action: ['lakeformation:Put*', 'lakeformation:Batch*', 'lakeformation:G*', 'lakeformation:*Permissions', '*'], Resource: '*' },
    ]);
    rawTarget(stack, [role.attrArn]);
    expect(said(stack)).toEqual([
      'DataMesh-BIND2 found s3:*, s3:Get*, s3:GetObject, s3:GetObjectVersion, s3:*Object, s3:GetObject*, lakeformation:*, lakeformation:GrantPermissions, '
      + 'lakeformation:BatchGrantPermissions, lakeformation:PutDataLakeSettings, lakeformation:Put*, lakeformation:Batch*, lakeformation:G*, lakeformation:*Permissions, * on role GlueJobRole',
    ]);
  });

  test('accepts reads of object metadata on every bucket, object reads on buckets a wildcard only narrows, and names that only begin like a grant', () => {
    const stack = testStack();
    const role = l1Role(stack, 'GlueJobRole', [
      { Effect: 'Allow', Action: ['s3:GetObjectAcl', 's3:GetObjectTagging', 's3:Get*Acl'], Resource: '*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::*-logs/*', 'arn:aws:s3:::*-logs'] },
      { Effect: 'Allow', Action: ['lakeformation:GrantPermissionsToMe', 'xlakeformation:GrantPermissions', 'lakeformation:Revoke*'], Resource: '*' },
    ]);
    rawTarget(stack, [role.attrArn]);
    expect(said(stack)).toEqual([]);
  });

  test('accepts S3 reads of named buckets, governed reads, other S3 and Lake Formation calls on every resource, and denied actions', () => {
    const stack = testStack();
    const bucket = new s3.CfnBucket(stack, 'Scripts');
    const role = l1Role(stack, 'GlueJobRole', [
      { Effect: 'Allow', Action: ['s3:*', 's3:Get*', 's3:GetObject'], Resource: ['arn:aws:s3:::scripts/*', 'arn:aws:s3:::scripts', bucket.attrArn] },
      { Effect: 'Allow', Action: ['s3:ListBucket', 's3:PutObject', 'lakeformation:GetDataAccess', 'lakeformation:RevokePermissions', 'glue:GetTable'], Resource: '*' },
      { Effect: 'Deny', Action: '*', Resource: '*' },
    ]);
    rawTarget(stack, [role.attrArn]);
    expect(said(stack)).toEqual([]);
  });

  test('reads action names case-insensitively, as IAM does', () => {
    const stack = testStack();
    const role = l1Role(stack, 'GlueJobRole', [{ Effect: 'Allow', Action: ['S3:GetObject', 'LakeFormation:grantPermissions', 'glue:gettable'], Resource: '*' }]);
    rawTarget(stack, [role.attrArn]);
    expect(said(stack)).toEqual(['DataMesh-BIND2 found S3:GetObject, LakeFormation:grantPermissions on role GlueJobRole']);
  });

  test('reads the statements of every policy of the stack that names the role among others, a single statement object, and skips other policies', () => {
    const stack = testStack();
    const role = l1Role(stack, 'GlueJobRole');
    const other = l1Role(stack, 'OtherRole');
    new iam.CfnPolicy(stack, 'Shared', { policyName: 'shared', roles: [other.ref, role.ref], policyDocument: { Statement: { Effect: 'Allow', Action: 'lakeformation:GrantPermissions', Resource: '*' } } });
    new iam.CfnPolicy(stack, 'OfOther', { policyName: 'other', roles: [other.ref], policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } });
    new iam.CfnPolicy(stack, 'OfUsers', { policyName: 'users', users: ['analyst'], policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } });
    rawTarget(stack, [role.attrArn]);
    expect(said(stack)).toEqual(['DataMesh-BIND2 found lakeformation:GrantPermissions on role GlueJobRole']);
  });

  test('skips an inline policy entry that is null and a policy document without statements', () => {
    const stack = testStack();
    const role = l1Role(stack, 'GlueJobRole');
    role.addPropertyOverride('Policies', [null, { PolicyName: 'empty', PolicyDocument: {} }, { PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }]);
    rawTarget(stack, [role.attrArn]);
    expect(said(stack)).toEqual(['DataMesh-BIND2 found * on role GlueJobRole']);
  });

  test('names each bound role of the template, and what it could not read beside what it found', () => {
    const stack = testStack();
    const first = l1Role(stack, 'First', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    const second = l1Role(stack, 'Second', [{ Effect: 'Allow', Action: 'lakeformation:Grant*', Resource: '*' }]);
    const third = l1Role(stack, 'Third', [{ Effect: 'Allow', Action: [deployTimeParameter(stack, 'Action')], Resource: '*' }]);
    rawTarget(stack, [first.attrArn, 'arn:aws:iam::111111111111:role/r', second.attrArn, third.attrArn]);
    expect(said(stack)).toEqual([
      'DataMesh-BIND2 found * on role First; lakeformation:Grant* on role Second',
      unverified('BIND2', 'an Action of a policy on role Third (a parameter or intrinsic function may grant a read beside Lake Formation)'),
    ]);
  });
});
