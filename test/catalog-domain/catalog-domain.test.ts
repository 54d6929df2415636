/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, CfnResource, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { CatalogDomain, DomainGrantPrincipal, DomainSharePermission, UserAssignment } from '../../src';
import { expectCleanUnderBothPacks, newestPython, testApp, testStack } from '../util';

const PRODUCER = '222222222222';
const CONSUMER = '333333333333';

function governance(app: App = testApp()): Stack {
  return testStack({}, app);
}

describe('CatalogDomain', () => {
  describe('with two associated accounts', () => {
    let stack: Stack;
    let domain: CatalogDomain;
    let template: Template;
    beforeAll(() => {
      stack = governance();
      domain = new CatalogDomain(stack, 'Domain', { domainName: 'data mesh', associatedAccounts: [PRODUCER, CONSUMER] });
      template = Template.fromStack(stack);
    });

    test('defines a V2 domain with Identity Center sign-on, encrypted with an AWS owned key (no key policy to open to the accounts)', () => {
      template.hasResourceProperties('AWS::DataZone::Domain', {
        Name: 'data mesh',
        DomainVersion: 'V2',
        SingleSignOn: { Type: 'IAM_IDC', UserAssignment: 'AUTOMATIC' },
        KmsKeyIdentifier: Match.absent(),
        DomainExecutionRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DomainExecutionRole'), 'Arn'] },
        ServiceRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DomainServiceRole'), 'Arn'] },
      });
      template.resourceCountIs('AWS::KMS::Key', 0);
      expect(domain.encryptionKey).toBeUndefined();
    });

    test('records the AWS owned key as a choice: DataMesh-DZ2 is acknowledged on the domain with a reason', () => {
      const acknowledged = domain.node.defaultChild!.node.metadata
        .filter((e) => e.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((e) => e.data);
      expect(acknowledged).toEqual([{ 'annotation::DataMesh-DZ2': expect.stringMatching(/^CatalogDomain uses an AWS owned key by default/) }]);
    });

    test('retains the domain and the hand-off parameters by default', () => {
      template.hasResource('AWS::DataZone::Domain', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      template.allResources('AWS::SSM::Parameter', { DeletionPolicy: 'Retain' });
    });

    test('defines an execution role trusted by DataZone for this account only, with session tags and context', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: Match.stringLikeRegexp('^AmazonSageMakerDomainExecution-'),
        Path: '/service-role/',
        AssumeRolePolicyDocument: {
          Statement: [
            { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'datazone.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } },
            {
              Action: ['sts:TagSession', 'sts:SetContext'],
              Effect: 'Allow',
              Principal: { Service: 'datazone.amazonaws.com' },
              Condition: { 'StringEquals': { 'aws:SourceAccount': '111111111111' }, 'ForAllValues:StringLike': { 'aws:TagKeys': 'datazone*' } },
            },
          ],
        },
        ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/SageMakerStudioDomainExecutionRolePolicy']] }],
      });
    });

    test('defines a service role trusted by DataZone for this account only', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: Match.stringLikeRegexp('^AmazonSageMakerDomainService-'),
        AssumeRolePolicyDocument: {
          Statement: [{ Action: 'sts:AssumeRole', Principal: { Service: 'datazone.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } }],
        },
        ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/SageMakerStudioDomainServiceRolePolicy']] }],
      });
    });

    test('gives the domain roles no KMS permission, as none is needed', () => {
      expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toMatch(/kms:/);
    });

    test('shares the domain once, by AWS RAM, with the V2 API-and-portal permission, inside the Organization', () => {
      template.resourcePropertiesCountIs('AWS::RAM::ResourceShare', { PermissionArns: Match.anyValue() }, 1);
      template.hasResourceProperties('AWS::RAM::ResourceShare', {
        Name: { 'Fn::Join': ['-', ['DataZone-data-mesh', { 'Fn::GetAtt': [Match.stringLikeRegexp('^Domain'), 'Id'] }]] },
        ResourceArns: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Domain'), 'Arn'] }],
        Principals: [PRODUCER, CONSUMER],
        PermissionArns: ['arn:aws:ram::aws:permission/AWSRAMPermissionsAmazonDatazoneDomainExtendedServiceWithPortalAccess'],
        AllowExternalPrincipals: false,
      });
    });

    test('hands the domain id and root unit id over in advanced SSM parameters shared with the same accounts', () => {
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: '/cdk-data-mesh/domains/data-mesh/domain-id',
        Tier: 'Advanced',
        Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Domain'), 'Id'] },
      });
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: '/cdk-data-mesh/domains/data-mesh/root-domain-unit-id',
        Tier: 'Advanced',
        Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Domain'), 'RootDomainUnitId'] },
      });
      const handoff = template.findResources('AWS::RAM::ResourceShare', { Properties: { Name: 'cdk-data-mesh-data-mesh-handoff' } });
      const [share] = Object.values(handoff) as any[];
      expect(share.Properties.Principals).toEqual([PRODUCER, CONSUMER]);
      expect(share.Properties.PermissionArns).toBeUndefined();
      expect(JSON.stringify(share.Properties.ResourceArns)).toMatch(/:ssm:eu-west-1:111111111111:parameter",\{"Ref":"DomainDomainIdParameter.*:ssm:eu-west-1:111111111111:parameter",\{"Ref":"DomainRootDomainUnitIdParameter/);
    });

    test('waits at deploy until both accounts are associated with both shares', () => {
      template.hasResourceProperties('Custom::ShareAssociationWaiter', {
        ResourceShareArns: [
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^DomainDomainShare'), 'Arn'] },
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^DomainHandoffShare'), 'Arn'] },
        ],
        Principals: [PRODUCER, CONSUMER],
        TimeoutSeconds: '600',
      });
      template.hasResourceProperties('AWS::Lambda::Function', { Runtime: newestPython(), Handler: 'share_association.index.is_complete' });
    });

    test('gives the waiter only read access to share associations', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^CdkDataMeshShareAssociationProviderHandlerRole') }],
        PolicyDocument: { Statement: Match.arrayWith([{ Sid: 'ReadShareAssociations', Effect: 'Allow', Action: 'ram:GetResourceShareAssociations', Resource: '*' }]) },
      });
    });

    test('lists the associated accounts', () => {
      expect(domain.associatedAccounts).toEqual([PRODUCER, CONSUMER]);
    });

    test('is clean under DataMeshChecks and AwsSolutionsChecks', () => {
      expectCleanUnderBothPacks(stack);
    });

    test('synthesizes with CloudFormation schema violations turned into errors', () => {
      expect(() => (stack.node.root as App).synth()).not.toThrow();
    });
  });

  describe('with a customer managed key', () => {
    let stack: Stack;
    let key: kms.Key;
    let domain: CatalogDomain;
    let template: Template;
    beforeAll(() => {
      stack = governance();
      key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      domain = new CatalogDomain(stack, 'Domain', { domainName: 'mesh', associatedAccounts: [PRODUCER], encryptionKey: key });
      domain.associateAccount(CONSUMER);
      template = Template.fromStack(stack);
    });

    test('encrypts the domain with it', () => {
      template.hasResourceProperties('AWS::DataZone::Domain', { KmsKeyIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } });
      expect(domain.encryptionKey).toBe(key);
    });

    test('lets each associated account, also one added later, use the key through DataZone in this Region only', () => {
      for (const account of [PRODUCER, CONSUMER]) {
        template.hasResourceProperties('AWS::KMS::Key', {
          KeyPolicy: {
            Statement: Match.arrayWith([{
              Sid: `AssociatedAccount${account}ThroughDataZone`,
              Effect: 'Allow',
              Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:root`]] } },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
              Resource: '*',
              Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': 'datazone.eu-west-1.amazonaws.com' } },
            }]),
          },
        });
      }
    });

    test('lets the execution role create the domain with it (CreateGrant) and the service role use it, and only that key', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^DomainExecutionRole') }],
        PolicyDocument: {
          Statement: [{
            Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
          }],
        },
      });
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^DomainServiceRole') }],
        PolicyDocument: {
          Statement: [{
            Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
          }],
        },
      });
    });

    test('creates the domain only after the roles may use the key', () => {
      const resource = template.toJSON().Resources[stack.resolve((domain.node.defaultChild as CfnResource).logicalId)];
      expect(resource.DependsOn).toEqual(expect.arrayContaining([
        expect.stringMatching(/^DomainExecutionRoleDefaultPolicy/), expect.stringMatching(/^DomainServiceRoleDefaultPolicy/),
      ]));
    });

    test('is clean under DataMeshChecks (DZ2 and DZ3 included) and AwsSolutionsChecks', () => {
      expectCleanUnderBothPacks(stack);
    });

    test('synthesizes with CloudFormation schema violations turned into errors', () => {
      expect(() => (stack.node.root as App).synth()).not.toThrow();
    });
  });

  test('warns, naming the statement to add, when the key is imported and its policy cannot be changed', () => {
    const stack = governance();
    const key = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000');
    new CatalogDomain(stack, 'Domain', { domainName: 'mesh', associatedAccounts: [PRODUCER], encryptionKey: key });
    Annotations.fromStack(stack).hasWarning('/Test/Domain', Match.stringLikeRegexp(
      'add a statement that allows kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey to arn:aws:iam::222222222222:root with the conditions kms:CallerAccount = 222222222222 and kms:ViaService = datazone.eu-west-1.amazonaws.com'));
  });

  test('exposes the association as something to depend on', () => {
    const stack = governance();
    const domain = new CatalogDomain(stack, 'Domain', { domainName: 'mesh', associatedAccounts: [PRODUCER] });
    const later = new ssm.StringParameter(stack, 'AfterAssociation', { stringValue: domain.domainId });
    later.node.addDependency(domain.associationComplete);
    const after = Template.fromStack(stack).toJSON().Resources[stack.resolve((later.node.defaultChild as ssm.CfnParameter).logicalId)];
    expect(after.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^DomainAssociationWaiter[A-F0-9]{8}$/)]));
  });

  test('without associated accounts, defines no share and no waiter', () => {
    const stack = governance();
    new CatalogDomain(stack, 'Domain', { domainName: 'mesh' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::RAM::ResourceShare', 0);
    template.resourceCountIs('Custom::ShareAssociationWaiter', 0);
    template.resourceCountIs('AWS::SSM::Parameter', 2);
  });

  test('associates accounts added later with associateAccount()', () => {
    const stack = governance();
    const domain = new CatalogDomain(stack, 'Domain', { domainName: 'mesh', associatedAccounts: [PRODUCER] });
    domain.associateAccount(CONSUMER);
    Template.fromStack(stack).hasResourceProperties('Custom::ShareAssociationWaiter', { Principals: [PRODUCER, CONSUMER] });
  });

  test('shares with the API-only permission, outside the Organization and with a longer wait when told to', () => {
    const stack = governance();
    new CatalogDomain(stack, 'Domain', {
      domainName: 'mesh',
      associatedAccounts: [PRODUCER],
      sharePermission: DomainSharePermission.API_ACCESS,
      allowExternalPrincipals: true,
      associationTimeout: Duration.minutes(30),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::RAM::ResourceShare', {
      PermissionArns: ['arn:aws:ram::aws:permission/AWSRAMPermissionsAmazonDatazoneDomainExtendedServiceAccess'],
      AllowExternalPrincipals: true,
    });
    template.hasResourceProperties('Custom::ShareAssociationWaiter', { TimeoutSeconds: '1800' });
  });

  test('uses the roles, key, user assignment and Identity Center instance it is given', () => {
    const stack = governance();
    const executionRole = iam.Role.fromRoleArn(stack, 'Exec', 'arn:aws:iam::111111111111:role/service-role/AmazonSageMakerDomainExecution');
    const serviceRole = iam.Role.fromRoleArn(stack, 'Svc', 'arn:aws:iam::111111111111:role/service-role/AmazonSageMakerDomainService');
    new CatalogDomain(stack, 'Domain', {
      domainName: 'mesh',
      executionRole,
      serviceRole,
      userAssignment: UserAssignment.MANUAL,
      identityCenterInstanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef',
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.hasResourceProperties('AWS::DataZone::Domain', {
      DomainExecutionRole: 'arn:aws:iam::111111111111:role/service-role/AmazonSageMakerDomainExecution',
      ServiceRole: 'arn:aws:iam::111111111111:role/service-role/AmazonSageMakerDomainService',
      SingleSignOn: { Type: 'IAM_IDC', UserAssignment: 'MANUAL', IdcInstanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef' },
    });
  });

  test('warns, acknowledgeably, when removalPolicy is DESTROY', () => {
    const stack = governance();
    new CatalogDomain(stack, 'Domain', { domainName: 'mesh', removalPolicy: RemovalPolicy.DESTROY });
    Annotations.fromStack(stack).hasWarning('/Test/Domain', Match.stringLikeRegexp('removalPolicy DESTROY deletes the domain mesh'));
    Template.fromStack(stack).hasResource('AWS::DataZone::Domain', { DeletionPolicy: 'Delete' });
  });

  test('adds domain units under the root unit', () => {
    const stack = governance();
    const domain = new CatalogDomain(stack, 'Domain', { domainName: 'mesh' });
    domain.addDomainUnit('Sales', { name: 'Sales', description: 'Sales data products' });
    Template.fromStack(stack).hasResourceProperties('AWS::DataZone::DomainUnit', {
      Name: 'Sales',
      ParentDomainUnitIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Domain'), 'RootDomainUnitId'] },
    });
  });

  test('grants project creation from profiles to all users by default, or to a group', () => {
    const stack = governance();
    const domain = new CatalogDomain(stack, 'Domain', { domainName: 'mesh' });
    domain.grantProjectCreation('AllUsers', { projectProfileIds: ['profile1'] });
    domain.grantProjectCreation('Stewards', { projectProfileIds: ['profile2'], principal: DomainGrantPrincipal.group('group-1'), includeChildDomainUnits: false });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::DataZone::PolicyGrant', {
      EntityType: 'DOMAIN_UNIT',
      PolicyType: 'CREATE_PROJECT_FROM_PROJECT_PROFILE',
      Detail: { CreateProjectFromProjectProfile: { IncludeChildDomainUnits: true, ProjectProfiles: ['profile1'] } },
      Principal: { User: { AllUsersGrantFilter: {} } },
    });
    template.hasResourceProperties('AWS::DataZone::PolicyGrant', {
      Detail: { CreateProjectFromProjectProfile: { IncludeChildDomainUnits: false, ProjectProfiles: ['profile2'] } },
      Principal: { Group: { GroupIdentifier: 'group-1' } },
    });
  });

  describe('in a member account', () => {
    test('reads the shared domain from the governance account\'s hand-off parameters, with no id copied by hand', () => {
      const app = testApp();
      const member = new Stack(app, 'Producer', { env: { account: PRODUCER, region: 'eu-west-1' } });
      const domain = CatalogDomain.fromSharedDomain(member, 'Domain', { domainName: 'data mesh', governanceAccount: '111111111111' });
      new ssm.StringParameter(member, 'Uses', { stringValue: `${domain.domainId}/${domain.rootDomainUnitId}` });
      const template = Template.fromStack(member);
      template.hasParameter('*', {
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: 'arn:aws:ssm:eu-west-1:111111111111:parameter/cdk-data-mesh/domains/data-mesh/domain-id',
      });
      template.hasParameter('*', {
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: 'arn:aws:ssm:eu-west-1:111111111111:parameter/cdk-data-mesh/domains/data-mesh/root-domain-unit-id',
      });
      expect(domain.governanceAccount).toBe('111111111111');
      expect(JSON.stringify(member.resolve(domain.domainArn))).toMatch(/:datazone:eu-west-1:111111111111:domain\/".*"Ref":"DomainDomainIdParameter/);
      expect(() => app.synth()).not.toThrow();
    });

    test('references a domain by its attributes', () => {
      const member = testStack({ env: { account: PRODUCER, region: 'eu-west-1' } });
      const domain = CatalogDomain.fromCatalogDomainAttributes(member, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'unit1', governanceAccount: '111111111111' });
      expect(member.resolve(domain.domainArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':datazone:eu-west-1:111111111111:domain/dzd_abc123']] });
      expect(domain.env.account).toBe('111111111111');
    });

    test('fails if the attributes hold a malformed domain id or account', () => {
      const member = testStack({ env: { account: PRODUCER, region: 'eu-west-1' } });
      expect(() => CatalogDomain.fromCatalogDomainAttributes(member, 'Domain', { domainId: 'abc', rootDomainUnitId: 'u', governanceAccount: '1234' }))
        .toThrow(/'governanceAccount' is '1234': an AWS account id is exactly 12 digits[^]*'domainId' is 'abc': a domain id looks like dzd_abc123/);
    });
  });

  describe('fails if', () => {
    test.each([
      [{ associatedAccounts: ['12345'] }, /'account' is '12345': an AWS account id is exactly 12 digits/],
      [{ associatedAccounts: ['111111111111'] }, /'account' is '111111111111': it is the governance account that owns the domain/],
      [{ associatedAccounts: [PRODUCER, PRODUCER] }, /'account' is '222222222222': it is already associated/],
      [{ associatedAccounts: ['arn:aws:organizations::111111111111:organization/o-abc123'] }, /an AWS Organization or organizational unit cannot be associated: AWS documents only account principals/],
      [{ associatedAccounts: ['ou-ab12-cd34ef56'] }, /an AWS Organization or organizational unit cannot be associated/],
      [{ associatedAccounts: [Token.asString({ Ref: 'Account' })] }, /an account id must be a literal here, known at synth/],
      [{ associatedAccounts: [PRODUCER], identityCenter: false }, /'identityCenter' is false: associating accounts needs an IAM Identity Center domain/],
      [{ associatedAccounts: [PRODUCER], associationTimeout: Duration.minutes(56) }, /'associationTimeout' is '3360 seconds': the deploy waits whole seconds, from 60 to 3300 \(55 minutes\)/],
      [{ associatedAccounts: [PRODUCER], associationTimeout: Duration.millis(90_500) }, /'associationTimeout' is '90.5 seconds': the deploy waits whole seconds/],
      [{ domainName: 'x'.repeat(65) }, /'domainName' is 'x{65}': a domain name has 1-64 letters, digits, _, - and spaces/],
      [{ domainName: 'bad/name!' }, /'domainName' is 'bad\/name!': a domain name has 1-64 letters/],
      [{ domainName: '' }, /'domainName' is '': a domain name has 1-64 letters/],
      [{ domainName: Token.asString({ Ref: 'Name' }) }, /the name must be a literal: member accounts find the shared domain by it/],
      [{ identityCenterInstanceArn: 'arn:aws:sso:::instance/nope' }, /'identityCenterInstanceArn' is 'arn:aws:sso:::instance\/nope': expected arn:aws:sso:::instance\/ssoins-/],
    ])('given %j', (props, message) => {
      expect(() => new CatalogDomain(governance(), 'Domain', { domainName: 'mesh', ...props } as any)).toThrow(message);
    });

    test('a project creation grant names no profile', () => {
      const domain = new CatalogDomain(governance(), 'Domain', { domainName: 'mesh' });
      expect(() => domain.grantProjectCreation('None', { projectProfileIds: [] })).toThrow(/'projectProfileIds' is \[\]: name at least one project profile/);
    });
  });
});
