/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CatalogDomain, MeshProjectDesignation, MeshProjectMember } from '../../src';
import { dataMeshFindings, expectCleanUnderBothPacks, testApp } from '../util';

const ROLE = 'arn:aws:iam::222222222222:role/cdk-data-mesh-dz-eu-west-1-1a2b3c4d';
const KEY = 'arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000';

function governance() {
  const stack = new Stack(testApp(), 'Projects', { env: { account: '111111111111', region: 'eu-west-1' } });
  const domain = CatalogDomain.fromCatalogDomainAttributes(stack, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'du7root', governanceAccount: '111111111111' });
  return { stack, domain };
}

describe('MeshProjectMember', () => {
  test('registers the role as a DataZone user, puts that user alone in the member pool, then makes it a member', () => {
    const { stack, domain } = governance();
    new MeshProjectMember(stack, 'Member', { domain, roleArn: ROLE, projectId: 'prj5producer', designation: MeshProjectDesignation.OWNER });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::DataZone::UserProfile', { DomainIdentifier: 'dzd_abc123', UserIdentifier: ROLE, UserType: 'IAM_ROLE', Status: 'ACTIVATED' });
    template.hasResourceProperties('AWS::DataZone::PolicyGrant', {
      EntityIdentifier: 'du7root',
      PolicyType: 'ADD_TO_PROJECT_MEMBER_POOL',
      Detail: { AddToProjectMemberPool: { IncludeChildDomainUnits: true } },
      Principal: { User: { UserIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MemberUser'), 'Id'] } } },
    });
    template.hasResource('AWS::DataZone::ProjectMembership', {
      Properties: { ProjectIdentifier: 'prj5producer', Designation: 'PROJECT_OWNER', Member: { UserIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MemberUser'), 'Id'] } } },
      DependsOn: [Match.stringLikeRegexp('^MemberMemberPoolGrant')],
    });
  });

  test('without a project, only enters the member pool', () => {
    const { stack, domain } = governance();
    const member = new MeshProjectMember(stack, 'Deployer', { domain, roleArn: ROLE });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::DataZone::ProjectMembership', 0);
    template.hasResourceProperties('AWS::DataZone::PolicyGrant', { Principal: { User: { UserIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DeployerUser'), 'Id'] } } } });
    expect(member.membership).toBeUndefined();
  });

  describe('with existingUserProfile', () => {
    const EXEC = 'arn:aws:iam::222222222222:role/cdk-hnb659fds-cfn-exec-role-222222222222-eu-west-1';

    test('finds or creates the role\'s profile with a custom resource, and the grant and the membership name its Id', () => {
      const { stack, domain } = governance();
      new MeshProjectMember(stack, 'Deployer', { domain, roleArn: EXEC, projectId: 'prj5producer', existingUserProfile: true });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::DataZone::UserProfile', 0);
      template.hasResourceProperties('Custom::UserProfile', { DomainId: 'dzd_abc123', UserIdentifier: EXEC });
      const profileId = { 'Fn::GetAtt': [Match.stringLikeRegexp('^DeployerUser'), 'Id'] };
      template.hasResourceProperties('AWS::DataZone::PolicyGrant', { PolicyType: 'ADD_TO_PROJECT_MEMBER_POOL', Principal: { User: { UserIdentifier: profileId } } });
      template.hasResource('AWS::DataZone::ProjectMembership', {
        Properties: { Member: { UserIdentifier: profileId } },
        DependsOn: [Match.stringLikeRegexp('^DeployerMemberPoolGrant')],
      });
      expect(dataMeshFindings(stack)).toEqual([]);
    });

    test('lets the handler read, create and activate the domain\'s user profiles, and use the domain\'s key', () => {
      const stack = new Stack(testApp(), 'Projects', { env: { account: '111111111111', region: 'eu-west-1' } });
      const encryptionKey = kms.Key.fromKeyArn(stack, 'Key', KEY);
      const domain = CatalogDomain.fromCatalogDomainAttributes(stack, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'du7root', governanceAccount: '111111111111', encryptionKey });
      new MeshProjectMember(stack, 'Deployer', { domain, roleArn: EXEC, existingUserProfile: true });
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'user_profile.index.on_event' });
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Action: ['datazone:GetUserProfile', 'datazone:CreateUserProfile', 'datazone:UpdateUserProfile'], Resource: Match.anyValue() }),
            Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: KEY }),
          ]),
        },
      });
      expectCleanUnderBothPacks(stack);
    });

    test('uses one provider for every profile of the stack', () => {
      const { stack, domain } = governance();
      new MeshProjectMember(stack, 'Deployer', { domain, roleArn: EXEC, existingUserProfile: true });
      new MeshProjectMember(stack, 'Other', { domain, roleArn: ROLE, projectId: 'prj5producer', existingUserProfile: true });
      const template = Template.fromStack(stack);
      const tokens = Object.values(template.findResources('Custom::UserProfile')).map((r) => JSON.stringify(r.Properties.ServiceToken));
      expect(tokens).toHaveLength(2);
      expect(new Set(tokens).size).toBe(1);
      expect(Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'user_profile.index.on_event' } }))).toHaveLength(1);
      expectCleanUnderBothPacks(stack);
    });
  });

  test('a contributor by default', () => {
    const { stack, domain } = governance();
    new MeshProjectMember(stack, 'Member', { domain, roleArn: ROLE, projectId: 'prj5producer' });
    Template.fromStack(stack).hasResourceProperties('AWS::DataZone::ProjectMembership', { Designation: 'PROJECT_CONTRIBUTOR' });
  });

  describe('fails if', () => {
    test('the role is not a role ARN', () => {
      const { stack, domain } = governance();
      expect(() => new MeshProjectMember(stack, 'Member', { domain, roleArn: 'cdk-data-mesh-dz', projectId: 'prj5producer' }))
        .toThrow(/'roleArn' is 'cdk-data-mesh-dz': expected an IAM role ARN/);
    });

    test('a designation is given without a project', () => {
      const { stack, domain } = governance();
      expect(() => new MeshProjectMember(stack, 'Member', { domain, roleArn: ROLE, designation: MeshProjectDesignation.OWNER }))
        .toThrow(/'designation' is 'PROJECT_OWNER': a designation needs a project/);
    });

    test('the stack holds another membership of the same project (cfn-lint E3019)', () => {
      const { stack, domain } = governance();
      new MeshProjectMember(stack, 'Member', { domain, roleArn: ROLE, projectId: 'prj5producer' });
      new datazone.CfnProjectMembership(stack, 'ByHand', { domainIdentifier: 'dzd_abc123', projectIdentifier: 'prj5producer', member: { userIdentifier: 'up9' }, designation: 'PROJECT_CONTRIBUTOR' });
      expect(() => Template.fromStack(stack)).toThrow(/'projectId' is a project that 'Projects\/ByHand' is also a member of in this stack.*E3019/);
    });
  });
});
