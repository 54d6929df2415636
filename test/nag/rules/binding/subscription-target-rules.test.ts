/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CustomResource, Fn, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
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
