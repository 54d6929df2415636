/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CatalogDomain, ConsumerProjectProfile, DataMeshChecks, DomainGrantPrincipal, ManagedBlueprint, ProducerProjectProfile } from '../../src';
import { dataMeshFindings, testStack } from '../util';

const PRODUCER = '222222222222';
const CONSUMER = '333333333333';

function governance() {
  const stack = testStack();
  const domain = new CatalogDomain(stack, 'Domain', { domainName: 'mesh', associatedAccounts: [PRODUCER, CONSUMER] });
  return { stack, domain };
}

describe('ProducerProjectProfile', () => {
  let stack: Stack;
  let template: Template;
  beforeAll(() => {
    const g = governance();
    stack = g.stack;
    const profile = new ProducerProjectProfile(stack, 'ProducerProfile', { domain: g.domain, profileName: 'producer-project-profile', account: PRODUCER });
    profile.addProject('Producer', { projectName: 'Producer', ownerUserIds: ['user-1'] });
    template = Template.fromStack(stack);
  });

  test('defines an enabled profile in the root unit whose Tooling environment deploys to the producer account on creation, first', () => {
    template.hasResourceProperties('AWS::DataZone::ProjectProfile', {
      Name: 'producer-project-profile',
      Status: 'ENABLED',
      DomainIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Domain'), 'Id'] },
      DomainUnitIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Domain'), 'RootDomainUnitId'] },
      EnvironmentConfigurations: [{
        Name: 'Tooling',
        EnvironmentBlueprintId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DomainBlueprintIdTooling'), 'Id'] },
        AwsAccount: { AwsAccountId: PRODUCER },
        AwsRegion: { RegionName: 'eu-west-1' },
        DeploymentMode: 'ON_CREATE',
        DeploymentOrder: 0,
      }],
    });
  });

  test('looks the Tooling blueprint id up in the domain by its exact name, with the library\'s lookup handler', () => {
    template.hasResourceProperties('Custom::ManagedBlueprintId', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkDataMeshBlueprintIdProviderframeworkonEvent'), 'Arn'] },
      DomainId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Domain'), 'Id'] },
      BlueprintName: 'Tooling',
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'blueprint_id.index.on_event' });
  });

  test('lets the lookup list blueprints in this domain only, with no KMS permission for a domain with an AWS owned key', () => {
    const policy = lookupPolicy(template);
    expect(policy.filter((s: any) => JSON.stringify(s).includes('datazone:'))).toEqual([
      { Action: 'datazone:ListEnvironmentBlueprints', Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Domain/), 'Arn'] } },
    ]);
    expect(JSON.stringify(policy)).not.toMatch(/kms:/);
  });

  test('lets the lookup use the domain\'s customer managed key, which DataZone requires of every caller', () => {
    const other = testStack();
    const key = new kms.Key(other, 'Key', { enableKeyRotation: true });
    const domain = new CatalogDomain(other, 'Domain', { domainName: 'mesh', associatedAccounts: [PRODUCER], encryptionKey: key });
    new ProducerProjectProfile(other, 'ProducerProfile', { domain, profileName: 'producer-project-profile', account: PRODUCER });
    expect(lookupPolicy(Template.fromStack(other))).toEqual(expect.arrayContaining([
      { Action: 'datazone:ListEnvironmentBlueprints', Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Domain/), 'Arn'] } },
      { Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] } },
    ]));
  });

  test('lets all users and groups create projects from it', () => {
    template.hasResourceProperties('AWS::DataZone::PolicyGrant', {
      PolicyType: 'CREATE_PROJECT_FROM_PROJECT_PROFILE',
      Detail: { CreateProjectFromProjectProfile: { IncludeChildDomainUnits: true, ProjectProfiles: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^ProducerProfile'), 'Id'] }] } },
      Principal: { User: { AllUsersGrantFilter: {} } },
    });
  });

  test('creates the producer project with its owners after the grant', () => {
    template.hasResource('AWS::DataZone::Project', {
      Properties: {
        Name: 'Producer',
        ProjectProfileId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ProducerProfile'), 'Id'] },
        MembershipAssignments: [{ Designation: 'PROJECT_OWNER', Member: { UserIdentifier: 'user-1' } }],
      },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^CdkDataMeshProjectCreationGrant[0-9a-f]{8}')]),
    });
  });

  test('orders the project after its profile by the Fn::GetAtt alone, with no redundant DependsOn (cfn-lint W3005)', () => {
    const [project] = Object.values(template.findResources('AWS::DataZone::Project', { Properties: { Name: 'Producer' } }));
    const profileId = project.Properties.ProjectProfileId['Fn::GetAtt'][0];
    expect(project.DependsOn).not.toContain(profileId);
  });

  test('is clean under AwsSolutionsChecks, and DataMeshChecks reports only that Tooling in an account outside this app cannot be verified', () => {
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
    const violations = new DataMeshChecks().validateScope(stack).violations;
    expect(violations.map((v) => `${v.ruleName} ${v.severity}`)).toEqual(['DataMesh-BP3[Unverified] warning']);
  });

  test('synthesizes with CloudFormation schema violations turned into errors', () => {
    expect(() => (stack.node.root as App).synth()).not.toThrow();
  });

  test('grants project creation to a group instead when told to, and can start disabled', () => {
    const g = governance();
    new ProducerProjectProfile(g.stack, 'P', { domain: g.domain, profileName: 'p', account: PRODUCER, projectCreators: DomainGrantPrincipal.group('stewards'), enabled: false });
    const groupTemplate = Template.fromStack(g.stack);
    groupTemplate.hasResourceProperties('AWS::DataZone::ProjectProfile', { Status: 'DISABLED' });
    groupTemplate.hasResourceProperties('AWS::DataZone::PolicyGrant', { Principal: { Group: { GroupIdentifier: 'stewards' } } });
  });

  test('shares one project-creation grant with the other profiles of its stack and principal, so the 20 grants per policy and domain unit DataZone allows are not a limit on profiles', () => {
    const g = governance();
    for (let i = 0; i < 25; i++) {
      new ProducerProjectProfile(g.stack, `P${i}`, { domain: g.domain, profileName: `p${i}`, account: PRODUCER });
    }
    new ProducerProjectProfile(g.stack, 'Stewards', { domain: g.domain, profileName: 'stewards', account: PRODUCER, projectCreators: DomainGrantPrincipal.group('stewards') });
    const grants = Object.values(Template.fromStack(g.stack).findResources('AWS::DataZone::PolicyGrant', { Properties: { PolicyType: 'CREATE_PROJECT_FROM_PROJECT_PROFILE' } }));
    const listed = (grant: any) => grant.Properties.Detail.CreateProjectFromProjectProfile.ProjectProfiles.length;
    expect(grants.map((grant) => [grant.Properties.Principal, listed(grant)])).toEqual([
      [{ User: { AllUsersGrantFilter: {} } }, 25],
      [{ Group: { GroupIdentifier: 'stewards' } }, 1],
    ]);
    expect(grants[0].Properties.Detail.CreateProjectFromProjectProfile.ProjectProfiles).toEqual(
      Array.from({ length: 25 }, (_, i) => ({ 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^P${i}[0-9A-F]{8}$`)), 'Id'] })));
  });

  describe('fails if', () => {
    test.each([
      [{ account: '111111111111' }, /'account' is '111111111111': it is the governance account, which stores no data/],
      [{ account: '2222' }, /'account' is '2222': an AWS account id is exactly 12 digits/],
      [{ region: 'us-east-1' }, /'region' is 'us-east-1': the mesh lives in one Region: the domain's is eu-west-1/],
      [{ region: 'mars' }, /'region' is 'mars': it is not an AWS Region/],
      [{ profileName: 'no/slash' }, /'profileName' is 'no\/slash': a profile name is a literal of 1-64/],
    ])('given %j', (props, message) => {
      const g = governance();
      expect(() => new ProducerProjectProfile(g.stack, 'P', { domain: g.domain, profileName: 'p', account: PRODUCER, ...props })).toThrow(message);
    });

    test('a project name is invalid', () => {
      const g = governance();
      const profile = new ProducerProjectProfile(g.stack, 'P', { domain: g.domain, profileName: 'p', account: PRODUCER });
      expect(() => profile.addProject('X', { projectName: 'x'.repeat(65) })).toThrow(/'projectName' is 'x{65}': a DataZone project name has 1-64/);
    });
  });
});

describe('ConsumerProjectProfile', () => {
  test('lists Tooling, then DataLake ("Lakehouse Database"), both in the consumer account, sharing one lookup per blueprint', () => {
    const g = governance();
    new ConsumerProjectProfile(g.stack, 'ConsumerProfile', { domain: g.domain, profileName: 'consumer-project-profile', account: CONSUMER });
    new ProducerProjectProfile(g.stack, 'ProducerProfile', { domain: g.domain, profileName: 'producer-project-profile', account: PRODUCER });
    const template = Template.fromStack(g.stack);
    template.hasResourceProperties('AWS::DataZone::ProjectProfile', {
      Name: 'consumer-project-profile',
      EnvironmentConfigurations: [
        Match.objectLike({ Name: 'Tooling', DeploymentOrder: 0, AwsAccount: { AwsAccountId: CONSUMER } }),
        Match.objectLike({ Name: 'Lakehouse Database', DeploymentOrder: 1, AwsAccount: { AwsAccountId: CONSUMER }, EnvironmentBlueprintId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DomainBlueprintIdDataLake'), 'Id'] } }),
      ],
    });
    template.resourceCountIs('Custom::ManagedBlueprintId', 2);
  });

  test('declares the Lakehouse Database name editable, so that a project\'s glueDatabaseName is honoured', () => {
    const g = governance();
    new ConsumerProjectProfile(g.stack, 'ConsumerProfile', { domain: g.domain, profileName: 'consumer-project-profile', account: CONSUMER })
      .addProject('ConsumerProject', { projectName: 'consumer', glueDatabaseName: 'consumer_db' });
    const template = Template.fromStack(g.stack);
    template.hasResourceProperties('AWS::DataZone::ProjectProfile', {
      EnvironmentConfigurations: [
        Match.objectLike({ Name: 'Tooling', ConfigurationParameters: Match.absent() }),
        Match.objectLike({ Name: 'Lakehouse Database', ConfigurationParameters: { ParameterOverrides: [{ Name: 'glueDbName', Value: 'glue_db', IsEditable: true }] } }),
      ],
    });
    template.hasResourceProperties('AWS::DataZone::Project', {
      UserParameters: [{ EnvironmentConfigurationName: 'Lakehouse Database', EnvironmentParameters: [{ Name: 'glueDbName', Value: 'consumer_db' }] }],
    });
    expect(dataMeshFindings(g.stack).filter((f) => f.startsWith('DataMesh-PP3'))).toEqual([]);
  });

  test('fails if its blueprints leave DataLake out', () => {
    const g = governance();
    expect(() => new ConsumerProjectProfile(g.stack, 'C', { domain: g.domain, profileName: 'c', account: CONSUMER, blueprints: [ManagedBlueprint.TOOLING] }))
      .toThrow(/'blueprints' is \["Tooling"\]: a consumer profile needs DataLake \("Lakehouse Database"\)/);
  });
});

/** The statements of the blueprint-id lookup handler's role. */
describe('a governance stack with many projects', () => {
  test('a stack with 13 projects has one share-association provider and one blueprint-id provider', () => {
    const { stack, domain } = governance();
    const profile = new ProducerProjectProfile(stack, 'ProducerProfile', { domain, profileName: 'producer-project-profile', account: PRODUCER });
    for (let i = 0; i < 13; i++) {
      profile.addProject(`Producer${i}`, { projectName: `Producer${i}`, ownerUserIds: ['user-1'] });
    }
    const template = Template.fromStack(stack);
    // The domain's association and each project's id share wait for their shares, all through one provider.
    template.resourceCountIs('Custom::ShareAssociationWaiter', 14);
    const handlers = Object.values(template.findResources('AWS::Lambda::Function')).map((f: any) => String(f.Properties.Handler));
    expect(handlers.filter((h) => h.startsWith('share_association.'))).toEqual(['share_association.index.on_event', 'share_association.index.is_complete']);
    expect(handlers.filter((h) => h.startsWith('blueprint_id.'))).toEqual(['blueprint_id.index.on_event']);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    // The waiter's one statement is not repeated per project.
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => s.Sid === 'ReadShareAssociations');
    expect(statements).toEqual([{ Sid: 'ReadShareAssociations', Effect: 'Allow', Action: 'ram:GetResourceShareAssociations', Resource: '*' }]);
    // The acknowledgements cover the shared provider (the profile's targets are other apps', which DataMeshChecks cannot see).
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });
});

function lookupPolicy(template: Template): any[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as any[];
  const policy = policies.find((p) => p.Properties.Roles.some((r: any) => /^CdkDataMeshBlueprintIdProviderHandlerRole/.test(r.Ref)));
  return policy.Properties.PolicyDocument.Statement;
}
