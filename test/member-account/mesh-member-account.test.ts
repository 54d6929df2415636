/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CatalogDomain, ManagedBlueprint, MeshMemberAccount, TwoAzPrivateVpc } from '../../src';
import { dataMeshFindings, expectCleanUnderBothPacks, testApp } from '../util';

const GOVERNANCE = '111111111111';
const PRODUCER = '222222222222';

function producerStack(app: App = testApp(), account = PRODUCER): Stack {
  return new Stack(app, 'Producer', { env: { account, region: 'eu-west-1' } });
}

function member(stack: Stack, blueprints?: ManagedBlueprint[]) {
  const domain = CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: GOVERNANCE });
  const network = new TwoAzPrivateVpc(stack, 'Network');
  return { domain, network, account: new MeshMemberAccount(stack, 'Member', { domain, network, blueprints }) };
}

describe('MeshMemberAccount', () => {
  describe('for a domain with a customer managed key (F1)', () => {
    const KEY = `arn:aws:kms:eu-west-1:${GOVERNANCE}:key/0f1e2d3c-4b5a-6978-8877-665544332211`;

    test('lets its provisioning and manage-access roles use the domain key, before the blueprints are enabled', () => {
      const stack = producerStack();
      const domain = CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: GOVERNANCE, encryptionKeyArn: KEY });
      new MeshMemberAccount(stack, 'Member', { domain, network: new TwoAzPrivateVpc(stack, 'Network') });
      const template = Template.fromStack(stack);
      for (const role of ['^MemberProvisioningRole', '^MemberManageAccessRole']) {
        template.hasResourceProperties('AWS::IAM::Policy', {
          Roles: [{ Ref: Match.stringLikeRegexp(role) }],
          PolicyDocument: { Statement: Match.arrayWith([{ Sid: 'UseTheDomainKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], Resource: KEY }]) },
        });
      }
      const policies = Object.keys(template.findResources('AWS::IAM::Policy')).filter((id) => /^Member(Provisioning|ManageAccess)Role/.test(id));
      expect(policies).toHaveLength(2);
      const configuration = Object.values(template.findResources('AWS::DataZone::EnvironmentBlueprintConfiguration'))[0];
      expect(configuration.DependsOn).toEqual(expect.arrayContaining(policies));
    });

    test('grants no key to a domain with an AWS owned key', () => {
      const stack = producerStack();
      member(stack);
      expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toMatch(/UseTheDomainKey/);
    });

    test('refuses a key alias instead of a key ARN, naming the property', () => {
      const stack = producerStack();
      expect(() => CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: GOVERNANCE, encryptionKeyArn: `arn:aws:kms:eu-west-1:${GOVERNANCE}:alias/mesh` }))
        .toThrow(/'encryptionKeyArn' is 'arn:aws:kms:eu-west-1:111111111111:alias\/mesh': the ARN of a KMS key/);
    });
  });

  describe('in a producer account, by default', () => {
    let stack: Stack;
    let template: Template;
    beforeAll(() => {
      stack = producerStack();
      member(stack);
      template = Template.fromStack(stack);
    });

    test('enables only the Tooling blueprint, in the stack\'s Region, with the network and the Tooling bucket', () => {
      template.resourceCountIs('AWS::DataZone::EnvironmentBlueprintConfiguration', 1);
      template.hasResourceProperties('AWS::DataZone::EnvironmentBlueprintConfiguration', {
        DomainIdentifier: { Ref: Match.stringLikeRegexp('DomainIdParameter') },
        EnvironmentBlueprintIdentifier: 'Tooling',
        EnabledRegions: ['eu-west-1'],
        RegionalParameters: [{
          Region: 'eu-west-1',
          Parameters: {
            VpcId: { Ref: Match.stringLikeRegexp('^NetworkVpc') },
            Subnets: { 'Fn::Join': [',', [{ Ref: Match.stringLikeRegexp('PrivateSubnet1Subnet') }, { Ref: Match.stringLikeRegexp('PrivateSubnet2Subnet') }]] },
            S3Location: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^MemberToolingBucket') }]] },
          },
        }],
        ProvisioningRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MemberProvisioningRole'), 'Arn'] },
        ManageAccessRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MemberManageAccessRole'), 'Arn'] },
      });
    });

    test('declares the zones of the Tooling subnets it verified', () => {
      template.hasResource('AWS::DataZone::EnvironmentBlueprintConfiguration', { Metadata: { 'cdk-data-mesh:subnetZones': ['eu-west-1a', 'eu-west-1b'] } });
    });

    test('lets project contributors of every domain unit create environments from the blueprint', () => {
      template.hasResourceProperties('AWS::DataZone::PolicyGrant', {
        EntityType: 'ENVIRONMENT_BLUEPRINT_CONFIGURATION',
        EntityIdentifier: { 'Fn::Join': [':', ['222222222222', { 'Fn::GetAtt': [Match.stringLikeRegexp('^MemberToolingBlueprint'), 'EnvironmentBlueprintId'] }]] },
        PolicyType: 'CREATE_ENVIRONMENT_FROM_BLUEPRINT',
        Detail: { CreateEnvironmentFromBlueprint: {} },
        Principal: { Project: { ProjectDesignation: 'CONTRIBUTOR', ProjectGrantFilter: { DomainUnitFilter: { DomainUnit: { Ref: Match.stringLikeRegexp('RootDomainUnitIdParameter') }, IncludeChildDomainUnits: true } } } },
      });
    });

    test('defines a provisioning role trusted by DataZone for the governance account only', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: 'AmazonSageMakerProvisioning-111111111111',
        Path: '/service-role/',
        AssumeRolePolicyDocument: {
          Statement: [
            { Action: 'sts:AssumeRole', Principal: { Service: 'datazone.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': GOVERNANCE } } },
            { Action: 'sts:TagSession', Principal: { Service: 'datazone.amazonaws.com' }, Condition: { 'StringEquals': { 'aws:SourceAccount': GOVERNANCE }, 'ForAllValues:StringLike': { 'aws:TagKeys': 'datazone*' } } },
          ],
        },
        ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/SageMakerStudioProjectProvisioningRolePolicy']] }],
      });
    });

    test('defines a manage-access role trusted by DataZone for this domain of the governance account only', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: { 'Fn::Join': ['-', ['AmazonSageMakerManageAccess-eu-west-1', { Ref: Match.stringLikeRegexp('DomainIdParameter') }]] },
        AssumeRolePolicyDocument: {
          Statement: [{
            Action: 'sts:AssumeRole',
            Principal: { Service: 'datazone.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': GOVERNANCE },
              ArnEquals: { 'aws:SourceArn': Match.objectLike({ 'Fn::Join': Match.anyValue() }) },
            },
          }],
        },
      });
    });

    test('gives the manage-access role the Glue, Redshift and SageMaker manage-access policies, as AWS\'s samples do', () => {
      const arn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] });
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: { 'Fn::Join': ['-', ['AmazonSageMakerManageAccess-eu-west-1', Match.anyValue()]] },
        ManagedPolicyArns: [
          arn('service-role/AmazonDataZoneGlueManageAccessRolePolicy'),
          arn('service-role/AmazonDataZoneRedshiftManageAccessRolePolicy'),
          arn('AmazonDataZoneSageMakerManageAccessRolePolicy'),
        ],
      });
    });

    test('keeps the Tooling bucket encrypted with S3 managed keys (no key the project roles cannot use), TLS only, private, versioned, logged and retained', () => {
      template.hasResource('AWS::S3::Bucket', {
        Properties: {
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          VersioningConfiguration: { Status: 'Enabled' },
          LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^MemberToolingAccessLogs') }, LogFilePrefix: 'tooling/' },
        },
        DeletionPolicy: 'Retain',
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: Match.stringLikeRegexp('^MemberToolingBucket') },
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
      const configuration = Object.values(template.findResources('AWS::DataZone::EnvironmentBlueprintConfiguration'))[0] as any;
      expect(Object.keys(configuration.Properties.RegionalParameters[0].Parameters).sort()).toEqual(['S3Location', 'Subnets', 'VpcId']);
    });

    test('creates the account\'s project-member role, trusted by Lambda and with no permission of its own, under the name the other stacks import', () => {
      const made = stack.node.findChild('Member') as MeshMemberAccount;
      expect(made.projectMemberRoleName).toBe('cdk-data-mesh-project-member-eu-west-1');
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: 'cdk-data-mesh-project-member-eu-west-1',
        AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }] },
        ManagedPolicyArns: Match.absent(),
        Policies: Match.absent(),
      });
      const roleId = Object.keys(template.findResources('AWS::IAM::Role', { Properties: { RoleName: made.projectMemberRoleName } }))[0];
      expect(Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))).toEqual([]);
    });

    test('is clean under DataMeshChecks and AwsSolutionsChecks', () => {
      expectCleanUnderBothPacks(stack);
    });

    test('synthesizes with CloudFormation schema violations turned into errors', () => {
      expect(() => (stack.node.root as App).synth()).not.toThrow();
    });
  });

  test('encrypts the Tooling bucket with a given key, announces it to Tooling and lets CloudWatch Logs use it for Tooling\'s log groups', () => {
    const stack = producerStack();
    const domain = CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: GOVERNANCE });
    const network = new TwoAzPrivateVpc(stack, 'Network');
    const key = new kms.Key(stack, 'ProjectsKey', { enableKeyRotation: true });
    new MeshMemberAccount(stack, 'Member', { domain, network, toolingBucketKey: key });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ProjectsKey'), 'Arn'] } }, BucketKeyEnabled: true }] },
    });
    template.hasResourceProperties('AWS::DataZone::EnvironmentBlueprintConfiguration', {
      RegionalParameters: [{ Region: 'eu-west-1', Parameters: Match.objectLike({ KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ProjectsKey'), 'Arn'] } }) }],
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowCloudWatchLogsForToolingLogGroups', Principal: { Service: 'logs.eu-west-1.amazonaws.com' } })]) },
    });
    expect(dataMeshFindings(stack).filter((f) => f.startsWith('DataMesh-BP4'))).toEqual([]);
  });

  test('gives DataLake a Lake Formation configuration when a location registration role is given', () => {
    const stack = producerStack(testApp(), '333333333333');
    const domain = CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: GOVERNANCE });
    const network = new TwoAzPrivateVpc(stack, 'Network');
    const role = iam.Role.fromRoleArn(stack, 'Registration', 'arn:aws:iam::333333333333:role/lf-registration');
    new MeshMemberAccount(stack, 'Member', { domain, network, blueprints: [ManagedBlueprint.TOOLING, ManagedBlueprint.DATA_LAKE], dataLakeLocationRegistrationRole: role });
    Template.fromStack(stack).hasResourceProperties('AWS::DataZone::EnvironmentBlueprintConfiguration', {
      EnvironmentBlueprintIdentifier: 'DataLake',
      ProvisioningConfigurations: [{ LakeFormationConfiguration: { LocationRegistrationRole: 'arn:aws:iam::333333333333:role/lf-registration' } }],
    });
  });

  test('in a consumer account, enables Tooling then DataLake, one after the other, with no empty Lake Formation configuration', () => {
    const stack = producerStack(testApp(), '333333333333');
    const { account } = member(stack, [ManagedBlueprint.DATA_LAKE, ManagedBlueprint.TOOLING]);
    const template = Template.fromStack(stack);
    template.hasResource('AWS::DataZone::EnvironmentBlueprintConfiguration', {
      Properties: { EnvironmentBlueprintIdentifier: 'DataLake', ProvisioningConfigurations: Match.absent() },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^MemberToolingBlueprint')]),
    });
    expect(account.blueprints.map((b) => b.name)).toEqual(['DataLake', 'Tooling']);
    expect(stack.resolve(account.blueprintId(ManagedBlueprint.DATA_LAKE))).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^MemberDataLakeBlueprint/), 'EnvironmentBlueprintId'] });
  });

  test('creates no project-member role with createProjectMemberRole false (another MeshMemberAccount of the account and Region does)', () => {
    const stack = producerStack();
    const domain = CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: GOVERNANCE });
    const made = new MeshMemberAccount(stack, 'Member', { domain, network: new TwoAzPrivateVpc(stack, 'Network'), createProjectMemberRole: false });
    expect(made.projectMemberRole).toBeUndefined();
    expect(made.projectMemberRoleName).toBe('cdk-data-mesh-project-member-eu-west-1');
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::IAM::Role', { RoleName: 'cdk-data-mesh-project-member-eu-west-1' }, 0);
  });

  describe('fails if', () => {
    test('Tooling is not among the blueprints', () => {
      expect(() => member(producerStack(), [ManagedBlueprint.DATA_LAKE]))
        .toThrow(/'blueprints' is \["DataLake"\]: Tooling must be enabled in every account a project profile targets/);
    });

    test('a blueprint is listed twice', () => {
      expect(() => member(producerStack(), [ManagedBlueprint.TOOLING, ManagedBlueprint.TOOLING])).toThrow(/each blueprint may be enabled once/);
    });

    test('the member account is the governance account', () => {
      expect(() => member(producerStack(testApp(), GOVERNANCE))).toThrow(/'domain' is '111111111111': the member account is the governance account itself/);
    });

    test('the network\'s subnets sit in one Availability Zone', () => {
      const stack = producerStack();
      const domain = CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: GOVERNANCE });
      const network = new TwoAzPrivateVpc(stack, 'Network', {
        vpc: ec2.Vpc.fromVpcAttributes(stack, 'Existing', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'], isolatedSubnetIds: ['subnet-1', 'subnet-2'] }),
      });
      (network as any).availabilityZones = ['eu-west-1a', 'eu-west-1a'];
      expect(() => new MeshMemberAccount(stack, 'Member', { domain, network })).toThrow(/'network' is \["eu-west-1a","eu-west-1a"\]: the Tooling subnets must span at least two distinct Availability Zones/);
    });

    test('the network is in another stack', () => {
      const app = testApp();
      const stack = producerStack(app);
      const other = new Stack(app, 'Other', { env: { account: PRODUCER, region: 'eu-west-1' } });
      const domain = CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: GOVERNANCE });
      const network = new TwoAzPrivateVpc(other, 'Network');
      expect(() => new MeshMemberAccount(stack, 'Member', { domain, network })).toThrow(/'network' is 'Other\/Network': the network must be in this stack/);
    });

    test('an unknown blueprint id is asked for', () => {
      const { account } = member(producerStack());
      expect(() => account.blueprintId(ManagedBlueprint.DATA_LAKE)).toThrow(/blueprint 'DataLake' is not enabled here; enabled: Tooling/);
    });
  });
});
