/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, CustomResource, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CatalogDomain, ConsumerSubscription, MeshProjectMember } from '../../../../src';
import { dataMeshViolations, testApp, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const DOMAIN = 'dzd_4f8a2b1c9e3d7h';
const PROJECT = 'b3kz9x2m4n5p6q';
const EXEC_ROLE = 'arn:aws:iam::222222222222:role/cdk-hnb659fds-cfn-exec-role-222222222222-eu-west-1';

/** The MDAA registration pattern: the member account's deploy role as an IAM_ROLE user profile. */
function userProfile(stack: Stack) {
  return new datazone.CfnUserProfile(stack, 'DeployRoleUser', { domainIdentifier: DOMAIN, userIdentifier: EXEC_ROLE, userType: 'IAM_ROLE', status: 'ACTIVATED' });
}

function membership(stack: Stack, userIdentifier: string) {
  return new datazone.CfnProjectMembership(stack, 'Membership', {
    domainIdentifier: DOMAIN,
    projectIdentifier: PROJECT,
    member: { userIdentifier },
    designation: 'PROJECT_CONTRIBUTOR',
  });
}

const dz5 = (scope: Stack | App, id = 'DataMesh-DZ5') => dataMeshViolations(scope).find((v) => v.ruleName === id);

describe('DataMesh-DZ5: a membership, policy grant or owner of a user comes after that user\'s profile', () => {
  test('accepts a membership naming the profile by its id, one depending on it, and one in a stack that depends on the profile\'s stack', () => {
    const byId = testStack();
    membership(byId, userProfile(byId).attrId);
    expect(dz5(byId)).toBeUndefined();

    const dependsOn = testStack();
    const profile = userProfile(dependsOn);
    membership(dependsOn, EXEC_ROLE).addResourceDependency(profile);
    expect(dz5(dependsOn)).toBeUndefined();

    const app = testApp();
    const governance = testStack({}, app);
    userProfile(governance);
    const member = new Stack(app, 'Member', { env: { account: '222222222222', region: 'eu-west-1' } });
    membership(member, EXEC_ROLE);
    member.addStackDependency(governance);
    expect(dz5(app)).toBeUndefined();
  });

  test('accepts the library\'s own subscription handler: its memberships and member-pool grant name its user profile by id', () => {
    const stack = testStack();
    const domain = CatalogDomain.fromCatalogDomainAttributes(stack, 'Domain', { domainId: DOMAIN, rootDomainUnitId: '6h2k9m3p4q5r7s', governanceAccount: '111111111111' });
    new ConsumerSubscription(stack, 'Trees', { domain, consumerProjectId: PROJECT, producerProjectId: 'c8n3v5x7z9b2d4', assetName: 'trees' });
    expect(dz5(stack)).toBeUndefined();
  });

  test('accepts MeshProjectMember with an existing profile: its grant and membership name the Custom::UserProfile\'s Id', () => {
    const stack = testStack();
    const domain = CatalogDomain.fromCatalogDomainAttributes(stack, 'Domain', { domainId: DOMAIN, rootDomainUnitId: '6h2k9m3p4q5r7s', governanceAccount: '111111111111' });
    new MeshProjectMember(stack, 'Deployer', { domain, roleArn: EXEC_ROLE, projectId: PROJECT, existingUserProfile: true });
    expect(dz5(stack)).toBeUndefined();
  });

  test('flags a membership naming the role of a Custom::UserProfile (the library\'s get-or-create profile) with no dependency on it', () => {
    const stack = testStack();
    new CustomResource(stack, 'DeployerProfile', {
      serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:user-profile',
      resourceType: 'Custom::UserProfile',
      properties: { DomainId: DOMAIN, UserIdentifier: EXEC_ROLE },
    });
    membership(stack, EXEC_ROLE);
    expect(dz5(stack)?.description).toMatch(/the user of profile DeployerProfile in this stack, with no dependency/);
  });

  test('flags a membership, and a policy grant, naming the profile\'s user with no dependency on it; and one in a stack that does not depend on the profile\'s stack', () => {
    const stack = testStack();
    userProfile(stack);
    membership(stack, EXEC_ROLE);
    new datazone.CfnPolicyGrant(stack, 'Grant', {
      domainIdentifier: DOMAIN,
      entityType: 'DOMAIN_UNIT',
      entityIdentifier: '6h2k9m3p4q5r7s',
      policyType: 'ADD_TO_PROJECT_MEMBER_POOL',
      detail: { addToProjectMemberPool: { includeChildDomainUnits: true } },
      principal: { user: { userIdentifier: EXEC_ROLE } },
    });
    const violation = dz5(stack);
    expect(violation?.severity).toBe('error');
    expect(violation?.violatingResources.map((r: any) => r.constructPath).sort()).toEqual(['Test/Grant', 'Test/Membership']);
    expect(violation?.description).toMatch(new RegExp(`found user ${EXEC_ROLE.replace(/[/.-]/g, '\\$&')}, the user of profile DeployRoleUser in this stack, with no dependency \\(DependsOn, Ref or Fn::GetAtt path\\) on DeployRoleUser; order it after the user profile`));

    const app = testApp();
    userProfile(testStack({}, app));
    membership(new Stack(app, 'Member', { env: { account: '222222222222', region: 'eu-west-1' } }), EXEC_ROLE);
    expect(dz5(app)?.description).toMatch(/the user of profile DeployRoleUser in stack Test, which this stack \(Member\) does not depend on; order it after the user profile/);
  });

  test('does not apply to a group member, nor to a user the app has no profile of', () => {
    const group = testStack();
    userProfile(group);
    new datazone.CfnProjectMembership(group, 'Membership', { domainIdentifier: DOMAIN, projectIdentifier: PROJECT, member: { groupIdentifier: '9f8e7d6c-5b4a-3210-fedc-ba9876543210' }, designation: 'PROJECT_CONTRIBUTOR' });
    expect(dz5(group)).toBeUndefined();
    const other = testStack();
    userProfile(other);
    membership(other, 'arn:aws:iam::222222222222:role/data-engineer');
    expect(dz5(other)).toBeUndefined();
  });

  test('reports "could not evaluate" when the member is a parameter and the app has user profiles', () => {
    const stack = testStack();
    userProfile(stack);
    membership(stack, deployTimeParameter(stack, 'MemberUser'));
    expect(dz5(stack, 'DataMesh-DZ5[Unverified]')?.description).toMatch(/could not evaluate: the user of Membership \(which may be user profile DeployRoleUser\)/);
  });
  test('matches the profile\'s user without regard to case', () => {
    const stack = testStack();
    userProfile(stack);
    membership(stack, EXEC_ROLE.toUpperCase());
    expect(dz5(stack)?.description).toMatch(/the user of profile DeployRoleUser in this stack/);
  });

  test('matches a user written as the same intrinsic as the profile\'s in one stack, naming it as JSON, but not across stacks', () => {
    const stack = testStack();
    const role = new iam.CfnRole(stack, 'Role', { assumeRolePolicyDocument: {} });
    new datazone.CfnUserProfile(stack, 'RoleUser', { domainIdentifier: DOMAIN, userIdentifier: role.attrArn, userType: 'IAM_ROLE' });
    membership(stack, role.attrArn);
    expect(dz5(stack)?.description).toMatch(/found user \{"Fn::GetAtt":\["Role","Arn"\]\}, the user of profile RoleUser in this stack/);

    const app = testApp();
    const governance = testStack({}, app);
    const governanceRole = new iam.CfnRole(governance, 'Role', { assumeRolePolicyDocument: {} });
    new datazone.CfnUserProfile(governance, 'RoleUser', { domainIdentifier: DOMAIN, userIdentifier: governanceRole.attrArn, userType: 'IAM_ROLE' });
    const member = new Stack(app, 'Member', { env: { account: '111111111111', region: 'eu-west-1' } });
    membership(member, new iam.CfnRole(member, 'Role', { assumeRolePolicyDocument: {} }).attrArn);
    expect(dataMeshViolations(app).filter((v) => v.ruleName.startsWith('DataMesh-DZ5'))).toEqual([]);
  });

  test('names every profile of the user it is not ordered after', () => {
    const stack = testStack();
    userProfile(stack);
    new CustomResource(stack, 'DeployerProfile', { serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:user-profile', resourceType: 'Custom::UserProfile', properties: { DomainId: DOMAIN, UserIdentifier: EXEC_ROLE } });
    membership(stack, EXEC_ROLE);
    expect(dz5(stack)?.description).toMatch(/the user of profile DeployRoleUser in this stack, .*; user .*, the user of profile DeployerProfile in this stack/);
  });

  test('does not apply to a member that is a parameter when the app has no user profile, nor to one naming another resource of the app', () => {
    const none = testStack();
    membership(none, deployTimeParameter(none, 'MemberUser'));
    expect(dataMeshViolations(none).filter((v) => v.ruleName.startsWith('DataMesh-DZ5'))).toEqual([]);
    const resource = testStack();
    userProfile(resource);
    membership(resource, new iam.CfnRole(resource, 'Role', { assumeRolePolicyDocument: {} }).attrArn);
    expect(dataMeshViolations(resource).filter((v) => v.ruleName.startsWith('DataMesh-DZ5'))).toEqual([]);
  });

  test('lists every profile the parameter may be when it cannot evaluate', () => {
    const stack = testStack();
    userProfile(stack);
    new datazone.CfnUserProfile(stack, 'OtherUser', { domainIdentifier: DOMAIN, userIdentifier: 'arn:aws:iam::222222222222:role/other', userType: 'IAM_ROLE' });
    membership(stack, deployTimeParameter(stack, 'MemberUser'));
    expect(dz5(stack, 'DataMesh-DZ5[Unverified]')?.description).toMatch(/which may be user profile DeployRoleUser, OtherUser\)/);
  });
  test('does not apply, not even as "could not evaluate", to a group member or a literal user the app has no profile of', () => {
    const group = testStack();
    userProfile(group);
    new datazone.CfnProjectMembership(group, 'Membership', { domainIdentifier: DOMAIN, projectIdentifier: PROJECT, member: { groupIdentifier: '9f8e7d6c-5b4a-3210-fedc-ba9876543210' }, designation: 'PROJECT_CONTRIBUTOR' });
    expect(dataMeshViolations(group).filter((v) => v.ruleName.startsWith('DataMesh-DZ5'))).toEqual([]);
    const other = testStack();
    userProfile(other);
    membership(other, 'arn:aws:iam::222222222222:role/data-engineer');
    expect(dataMeshViolations(other).filter((v) => v.ruleName.startsWith('DataMesh-DZ5'))).toEqual([]);
  });

  test('compares a literal user with no profile whose user is an intrinsic', () => {
    const stack = testStack();
    const role = new iam.CfnRole(stack, 'Role', { assumeRolePolicyDocument: {} });
    new datazone.CfnUserProfile(stack, 'RoleUser', { domainIdentifier: DOMAIN, userIdentifier: role.attrArn, userType: 'IAM_ROLE' });
    membership(stack, EXEC_ROLE);
    expect(dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-DZ5'))).toEqual([]);
  });
});
