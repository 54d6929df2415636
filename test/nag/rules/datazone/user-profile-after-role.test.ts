/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Aws, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as iam from 'aws-cdk-lib/aws-iam';
import { dataMeshViolations, testApp, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const DOMAIN = 'dzd_4f8a2b1c9e3d7h';
const PROJECT = 'b3kz9x2m4n5p6q';
const MEMBER = '222222222222';
const ROLE_NAME = 'cdk-data-mesh-dz-eu-west-1-1a2b3c4d';
const MEMBER_ROLE_ARN = `arn:aws:iam::${MEMBER}:role/${ROLE_NAME}`;

/** The member account's project member role, named at synth (its Region a pseudo parameter, as the library renders it). */
function memberRole(stack: Stack, roleName = `cdk-data-mesh-dz-${Aws.REGION}-1a2b3c4d`) {
  return new iam.CfnRole(stack, 'MemberRole', {
    roleName,
    assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  });
}

function userProfile(stack: Stack, userIdentifier: string = `arn:${Aws.PARTITION}:iam::${MEMBER}:role/${ROLE_NAME}`, userType = 'IAM_ROLE') {
  return new datazone.CfnUserProfile(stack, 'MemberUser', { domainIdentifier: DOMAIN, userIdentifier, userType, status: 'ACTIVATED' });
}

function member(app: App, id = 'Member') {
  return new Stack(app, id, { env: { account: MEMBER, region: 'eu-west-1' } });
}

const dz6 = (scope: Stack | App, id = 'DataMesh-DZ6') => dataMeshViolations(scope).find((v) => v.ruleName === id);

describe('DataMesh-DZ6: a DataZone user named by a role\'s ARN comes after the role', () => {
  test('accepts a profile of a role in its stack that it depends on, or names by Fn::GetAtt', () => {
    const dependsOn = member(testApp());
    const role = memberRole(dependsOn);
    userProfile(dependsOn).addResourceDependency(role);
    expect(dz6(dependsOn)).toBeUndefined();

    const byArn = member(testApp());
    userProfile(byArn, memberRole(byArn).attrArn);
    expect(dz6(byArn)).toBeUndefined();
  });

  test('accepts a profile in a stack that depends, directly or through another stack, on the role\'s stack', () => {
    const app = testApp();
    const memberStack = member(app);
    memberRole(memberStack);
    const governance = testStack({}, app);
    userProfile(governance);
    governance.addStackDependency(memberStack);
    expect(dz6(app)).toBeUndefined();

    const through = testApp();
    const first = member(through);
    memberRole(first);
    const second = member(through, 'MemberData');
    second.addStackDependency(first);
    const projects = testStack({}, through);
    userProfile(projects);
    projects.addStackDependency(second);
    expect(dz6(through)).toBeUndefined();
  });

  test('flags a profile of a role in its stack with no dependency on it, naming the role', () => {
    const stack = member(testApp());
    memberRole(stack);
    userProfile(stack);
    const violation = dz6(stack);
    expect(violation?.severity).toBe('error');
    expect(violation?.violatingResources.map((r: any) => r.constructPath)).toEqual(['Member/MemberUser']);
    expect(violation?.description).toContain(`found user ${MEMBER_ROLE_ARN}, role MemberRole (RoleName ${ROLE_NAME}) in this stack, with no dependency (DependsOn, Ref or Fn::GetAtt path) on MemberRole; create the role before its user`);
  });

  test('flags a profile in a stack that does not depend on the role\'s stack (the role made after its profile), naming both stacks and the role', () => {
    const app = testApp();
    const governance = testStack({}, app);
    userProfile(governance);
    const memberData = member(app, 'MemberData');
    memberRole(memberData);
    memberData.addStackDependency(governance);
    expect(dz6(app)?.description).toContain(`found user ${MEMBER_ROLE_ARN}, role MemberRole (RoleName ${ROLE_NAME}) in stack MemberData, which this stack (Test) does not depend on; create the role before its user`);
  });

  test('flags a membership and a policy grant that name the role\'s ARN as their user', () => {
    const app = testApp();
    memberRole(member(app));
    const governance = testStack({}, app);
    new datazone.CfnProjectMembership(governance, 'Membership', { domainIdentifier: DOMAIN, projectIdentifier: PROJECT, member: { userIdentifier: MEMBER_ROLE_ARN }, designation: 'PROJECT_CONTRIBUTOR' });
    new datazone.CfnPolicyGrant(governance, 'Grant', {
      domainIdentifier: DOMAIN,
      entityType: 'DOMAIN_UNIT',
      entityIdentifier: '6h2k9m3p4q5r7s',
      policyType: 'ADD_TO_PROJECT_MEMBER_POOL',
      detail: { addToProjectMemberPool: { includeChildDomainUnits: true } },
      principal: { user: { userIdentifier: MEMBER_ROLE_ARN } },
    });
    expect(dz6(app)?.violatingResources.map((r: any) => r.constructPath).sort()).toEqual(['Test/Grant', 'Test/Membership']);
  });

  test('does not apply to an SSO user, a user named by its profile id, nor a role the app does not create in that account', () => {
    const sso = member(testApp());
    memberRole(sso);
    userProfile(sso, '9f8e7d6c-5b4a-3210-fedc-ba9876543210', 'SSO_USER');
    expect(dz6(sso)).toBeUndefined();

    const byProfileId = member(testApp());
    memberRole(byProfileId);
    new datazone.CfnProjectMembership(byProfileId, 'Membership', { domainIdentifier: DOMAIN, projectIdentifier: PROJECT, member: { userIdentifier: userProfile(byProfileId, 'data-engineer', 'SSO_USER').attrId }, designation: 'PROJECT_CONTRIBUTOR' });
    expect(dz6(byProfileId)).toBeUndefined();

    const otherName = member(testApp());
    memberRole(otherName, 'data-engineer');
    userProfile(otherName);
    expect(dz6(otherName)).toBeUndefined();

    const otherAccount = testApp();
    memberRole(new Stack(otherAccount, 'Consumer', { env: { account: '333333333333', region: 'eu-west-1' } }));
    userProfile(testStack({}, otherAccount));
    expect(dz6(otherAccount)).toBeUndefined();

    const agnostic = testApp();
    memberRole(new Stack(agnostic, 'Anywhere'), ROLE_NAME);
    userProfile(testStack({}, agnostic));
    expect(dz6(agnostic)).toBeUndefined();
  });

  test('reports "could not evaluate" when the user is a parameter and the app creates a named role', () => {
    const app = testApp();
    memberRole(member(app));
    const governance = testStack({}, app);
    userProfile(governance, deployTimeParameter(governance, 'MemberRoleArn'));
    expect(dz6(app, 'DataMesh-DZ6[Unverified]')?.description)
      .toMatch(new RegExp(`could not evaluate: the user of MemberUser \\(which may be the ARN of role MemberRole \\(${ROLE_NAME}\\)\\) \\(parameter MemberRoleArn, no default\\)`));
    expect(dz6(app)).toBeUndefined();

    const unnamed = testStack();
    userProfile(unnamed, deployTimeParameter(unnamed, 'MemberRoleArn'));
    expect(dataMeshViolations(unnamed).filter((v) => v.ruleName.startsWith('DataMesh-DZ6'))).toEqual([]);
  });
  test('matches the role name without regard to case, and through a role path', () => {
    for (const arn of [`arn:aws:iam::${MEMBER}:role/${ROLE_NAME.toUpperCase()}`, `arn:aws:iam::${MEMBER}:role/team/data/${ROLE_NAME}`]) {
      const stack = member(testApp());
      memberRole(stack);
      userProfile(stack, arn);
      expect(dz6(stack)?.description).toContain('role MemberRole (RoleName cdk-data-mesh-dz-eu-west-1-1a2b3c4d) in this stack');
    }
  });

  test('reads a profile without UserType as an IAM role\'s, and does not apply to an IAM user\'s profile', () => {
    const untyped = member(testApp());
    memberRole(untyped);
    userProfile(untyped).addPropertyDeletionOverride('UserType');
    expect(dz6(untyped)?.description).toContain('role MemberRole');
    const iamUser = member(testApp());
    memberRole(iamUser);
    userProfile(iamUser, MEMBER_ROLE_ARN, 'IAM_USER');
    expect(dz6(iamUser)).toBeUndefined();
  });

  test('does not apply to an ARN that is not a role\'s, nor to a user naming a resource of the app that is not a role', () => {
    for (const arn of [`arn:aws:iam::${MEMBER}:user/${ROLE_NAME}`, `x-arn:aws:iam::${MEMBER}:role/${ROLE_NAME}`, `arn:aws:iam::${MEMBER}:role/${ROLE_NAME}/`]) {
      const stack = member(testApp());
      memberRole(stack);
      userProfile(stack, arn);
      expect(dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-DZ6'))).toEqual([]);
    }
    const other = member(testApp());
    memberRole(other);
    const profile = userProfile(other, 'data-engineer', 'SSO_USER');
    new datazone.CfnProjectMembership(other, 'Membership', { domainIdentifier: DOMAIN, projectIdentifier: PROJECT, member: { userIdentifier: profile.attrId }, designation: 'PROJECT_CONTRIBUTOR' });
    expect(dataMeshViolations(other).filter((v) => v.ruleName.startsWith('DataMesh-DZ6'))).toEqual([]);
  });

  test('names every role of that name it is not ordered after, one per stack', () => {
    const app = testApp();
    memberRole(member(app, 'MemberData'));
    memberRole(member(app, 'MemberTools'));
    userProfile(testStack({}, app), MEMBER_ROLE_ARN);
    expect(dz6(app)?.description).toMatch(/role MemberRole .* in stack MemberData, which this stack \(Test\) does not depend on; create the role before its user; user .*, role MemberRole .* in stack MemberTools/);
  });

  test('lists five named roles and how many more when the user is a parameter, leaving out roles whose name is not a string', () => {
    const app = testApp();
    const stack = member(app);
    for (let i = 0; i < 7; i++) {
      memberRole(new Stack(app, `Roles${i}`, { env: { account: MEMBER, region: 'eu-west-1' } }), `role-${i}`);
    }
    const unnamed = new Stack(app, 'Unnamed', { env: { account: MEMBER, region: 'eu-west-1' } });
    memberRole(unnamed, deployTimeParameter(unnamed, 'Name'));
    userProfile(stack, deployTimeParameter(stack, 'MemberRoleArn'));
    expect(dz6(app, 'DataMesh-DZ6[Unverified]')?.description).toMatch(/which may be the ARN of role MemberRole \(role-0\), MemberRole \(role-1\), MemberRole \(role-2\), MemberRole \(role-3\), MemberRole \(role-4\) and 2 more\)/);
  });
  test('lists exactly five named roles with no "more", and in a stack of unknown account matches a role of that stack', () => {
    const app = testApp();
    const stack = member(app);
    for (let i = 0; i < 5; i++) {
      memberRole(new Stack(app, `Roles${i}`, { env: { account: MEMBER, region: 'eu-west-1' } }), `role-${i}`);
    }
    userProfile(stack, deployTimeParameter(stack, 'MemberRoleArn'));
    expect(dz6(app, 'DataMesh-DZ6[Unverified]')?.description).toMatch(/MemberRole \(role-4\)\) \(parameter MemberRoleArn/);
    const agnostic = new Stack(testApp(), 'Anywhere');
    memberRole(agnostic, ROLE_NAME);
    userProfile(agnostic, MEMBER_ROLE_ARN);
    expect(dz6(agnostic)?.description).toContain('role MemberRole (RoleName cdk-data-mesh-dz-eu-west-1-1a2b3c4d) in this stack');
  });
});
