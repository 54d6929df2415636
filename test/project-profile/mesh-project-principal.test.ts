/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CatalogDomain, ConsumerProjectProfile, MeshProjectDesignation, MeshProjectPrincipal } from '../../src';
import { dataMeshFindings, testStack } from '../util';

const CONSUMER = '333333333333';
const USER = '90676a1234-11112222-3333-4444-5555-666677778888';
const GROUP = 'a1b2c3d4-1111-2222-3333-444455556666';
const ROLE = `arn:aws:iam::${CONSUMER}:role/analysts`;

function project(members: MeshProjectPrincipal[], domainUnitId?: string): { stack: Stack; template: Template } {
  const stack = testStack();
  const domain = new CatalogDomain(stack, 'Domain', { domainName: 'mesh', associatedAccounts: [CONSUMER] });
  const profile = new ConsumerProjectProfile(stack, 'ConsumerProfile', { domain, profileName: 'consumer-project-profile', account: CONSUMER });
  profile.addProject('Consumer', { projectName: 'Consumer', ownerUserIds: ['owner-1'], members, domainUnitId });
  return { stack, template: Template.fromStack(stack) };
}

const profileRef = (prefix: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^ConsumerProfile${prefix}`), 'Id'] });

describe('MeshProjectProfile.addProject members', () => {
  let stack: Stack;
  let template: Template;
  beforeAll(() => {
    ({ stack, template } = project([
      MeshProjectPrincipal.identityCenterUser(USER),
      MeshProjectPrincipal.identityCenterGroup(GROUP, MeshProjectDesignation.OWNER),
      MeshProjectPrincipal.iamRole(ROLE),
    ]));
  });

  test('creates an Identity Center user\'s profile, an Identity Center group\'s profile and an IAM role\'s profile', () => {
    template.hasResourceProperties('AWS::DataZone::UserProfile', { UserIdentifier: USER, UserType: 'SSO_USER', Status: 'ASSIGNED' });
    template.hasResourceProperties('AWS::DataZone::GroupProfile', { GroupIdentifier: GROUP, Status: 'ASSIGNED' });
    template.hasResourceProperties('AWS::DataZone::UserProfile', { UserIdentifier: ROLE, UserType: 'IAM_ROLE', Status: 'ACTIVATED' });
  });

  test('puts each in the project member pool of the root domain unit, by its profile', () => {
    template.resourcePropertiesCountIs('AWS::DataZone::PolicyGrant', { PolicyType: 'ADD_TO_PROJECT_MEMBER_POOL' }, 3);
    template.hasResourceProperties('AWS::DataZone::PolicyGrant', {
      PolicyType: 'ADD_TO_PROJECT_MEMBER_POOL',
      EntityType: 'DOMAIN_UNIT',
      EntityIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Domain'), 'RootDomainUnitId'] },
      Detail: { AddToProjectMemberPool: { IncludeChildDomainUnits: true } },
      Principal: { Group: { GroupIdentifier: profileRef('ConsumerMember1Profile') } },
    });
    template.hasResourceProperties('AWS::DataZone::PolicyGrant', { Principal: { User: { UserIdentifier: profileRef('ConsumerMember0Profile') } } });
  });

  test('lists the owners and the members with their designations in the project, after their grants', () => {
    template.hasResourceProperties('AWS::DataZone::Project', {
      MembershipAssignments: [
        { Designation: 'PROJECT_OWNER', Member: { UserIdentifier: 'owner-1' } },
        { Designation: 'PROJECT_CONTRIBUTOR', Member: { UserIdentifier: profileRef('ConsumerMember0Profile') } },
        { Designation: 'PROJECT_OWNER', Member: { GroupIdentifier: profileRef('ConsumerMember1Profile') } },
        { Designation: 'PROJECT_CONTRIBUTOR', Member: { UserIdentifier: profileRef('ConsumerMember2Profile') } },
      ],
    });
    const grants = Object.keys(template.findResources('AWS::DataZone::PolicyGrant', { Properties: { PolicyType: 'ADD_TO_PROJECT_MEMBER_POOL' } }));
    template.hasResource('AWS::DataZone::Project', { DependsOn: Match.arrayWith(grants.sort()) });
  });

  test('meets the DataZone rules of DataMeshChecks: profiles before grants and memberships, grants per unit', () => {
    // (DataMesh-BP3 cannot verify the consumer account's blueprints without its stack in the app.)
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-DZ'))).toEqual([]);
    expect(dataMeshFindings(stack)).toEqual(['DataMesh-BP3[Unverified]']);
  });

  test('grants the member pool on the project\'s domain unit', () => {
    const { template: inUnit } = project([MeshProjectPrincipal.identityCenterUser(USER)], 'unit_team_a');
    inUnit.hasResourceProperties('AWS::DataZone::PolicyGrant', { PolicyType: 'ADD_TO_PROJECT_MEMBER_POOL', EntityIdentifier: 'unit_team_a' });
    inUnit.hasResourceProperties('AWS::DataZone::Project', { DomainUnitId: 'unit_team_a' });
  });

  test('refuses a role that is not a role ARN, and an Identity Center id that is not one, before it creates anything', () => {
    expect(() => project([MeshProjectPrincipal.iamRole(`arn:aws:iam::${CONSUMER}:root`)]))
      .toThrow(/'members\[0\]' is 'arn:aws:iam::333333333333:root': expected an IAM role ARN/);
    expect(() => project([MeshProjectPrincipal.identityCenterGroup('analysts')]))
      .toThrow(/'members\[0\]' is 'analysts': expected an IAM Identity Center user or group id/);
  });
});
