/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CatalogDomain, ConsumerSubscription, ConsumerSubscriptionProps } from '../../src';
import { expectCleanUnderBothPacks, testStack } from '../util';

function subscription(stack: Stack, props: Partial<ConsumerSubscriptionProps> = {}) {
  const domain = CatalogDomain.fromCatalogDomainAttributes(stack, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'root', governanceAccount: '111111111111' });
  return new ConsumerSubscription(stack, 'Trees', { domain, consumerProjectId: 'prjconsumer', producerProjectId: 'prjproducer', assetName: 'trees', ...props });
}

describe('ConsumerSubscription', () => {
  let stack: Stack;
  let template: Template;
  beforeAll(() => {
    stack = testStack();
    subscription(stack);
    template = Template.fromStack(stack);
  });

  test('subscribes the consumer project to the asset, approving it and cancelling on delete by default', () => {
    template.hasResource('Custom::ConsumerSubscription', {
      Properties: {
        DomainId: 'dzd_abc123',
        ConsumerProjectId: 'prjconsumer',
        ProducerProjectId: 'prjproducer',
        AssetName: 'trees',
        AutoApprove: 'true',
        CancelOnDelete: 'true',
        TimeoutSeconds: '3000',
      },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^CdkDataMeshSubscriptionHandler[0-9a-f]{8}Membership')]),
    });
  });

  test('names its handler role, which its messages name when DataZone refuses it', () => {
    template.hasResourceProperties('Custom::ConsumerSubscription', {
      HandlerRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkDataMeshSubscriptionProviderHandlerRole'), 'Arn'] },
    });
  });

  test('makes its handler a DataZone user and a contributor of both projects', () => {
    template.hasResourceProperties('AWS::DataZone::UserProfile', {
      DomainIdentifier: 'dzd_abc123',
      UserIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkDataMeshSubscriptionProviderHandlerRole'), 'Arn'] },
      UserType: 'IAM_ROLE',
      Status: 'ACTIVATED',
    });
    for (const [project, designation] of [['prjconsumer', 'PROJECT_CONTRIBUTOR'], ['prjproducer', 'PROJECT_OWNER']]) {
      template.hasResource('AWS::DataZone::ProjectMembership', {
        Properties: {
          ProjectIdentifier: project,
          Member: { UserIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkDataMeshSubscriptionHandler[0-9a-f]{8}HandlerUser'), 'Id'] } },
          Designation: designation,
        },
        DependsOn: [Match.stringLikeRegexp('^CdkDataMeshSubscriptionHandler[0-9a-f]{8}MemberPoolGrant')],
      });
    }
  });

  test('puts its handler, and only its handler, in the project member pool before adding it to projects', () => {
    template.resourceCountIs('AWS::DataZone::PolicyGrant', 1);
    template.hasResourceProperties('AWS::DataZone::PolicyGrant', {
      DomainIdentifier: 'dzd_abc123',
      EntityType: 'DOMAIN_UNIT',
      EntityIdentifier: 'root',
      PolicyType: 'ADD_TO_PROJECT_MEMBER_POOL',
      Detail: { AddToProjectMemberPool: { IncludeChildDomainUnits: true } },
      Principal: { User: { UserIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkDataMeshSubscriptionHandler[0-9a-f]{8}HandlerUser'), 'Id'] } } },
    });
  });

  test('lets its handler make only subscription calls, on this domain only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'SubscribeAndApprove',
          Effect: 'Allow',
          Action: ['datazone:SearchListings', 'datazone:ListSubscriptions', 'datazone:ListSubscriptionRequests', 'datazone:CreateSubscriptionRequest', 'datazone:AcceptSubscriptionRequest', 'datazone:CancelSubscription'],
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':datazone:eu-west-1:111111111111:domain/dzd_abc123']] },
        }]),
      },
    });
  });

  test('gives its handler no KMS permission for a domain with an AWS owned key', () => {
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toMatch(/kms:/);
  });

  test('lets its handler use the domain\'s customer managed key, which DataZone requires of every caller', () => {
    const other = testStack();
    const encryptionKey = kms.Key.fromKeyArn(other, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000');
    const domain = CatalogDomain.fromCatalogDomainAttributes(other, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'root', governanceAccount: '111111111111', encryptionKey });
    new ConsumerSubscription(other, 'Trees', { domain, consumerProjectId: 'prjconsumer', producerProjectId: 'prjproducer', assetName: 'trees' });
    Template.fromStack(other).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'UseDomainKey',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: 'arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000',
        }]),
      },
    });
    expectCleanUnderBothPacks(other);
  });

  test('is clean under DataMeshChecks and AwsSolutionsChecks', () => {
    expectCleanUnderBothPacks(stack);
  });

  test('synthesizes with CloudFormation schema violations turned into errors', () => {
    expect(() => (stack.node.root as App).synth()).not.toThrow();
  });

  test('keeps the subscription on delete and leaves approval to the producer when told to', () => {
    const other = testStack();
    subscription(other, { cancelOnDelete: false, autoApprove: false, timeout: Duration.minutes(30) });
    Template.fromStack(other).hasResourceProperties('Custom::ConsumerSubscription', { AutoApprove: 'false', CancelOnDelete: 'false', TimeoutSeconds: '1800' });
  });

  test('two subscriptions to two domains in one stack share one provider, whose one statement names both domains', () => {
    const other = testStack();
    for (const id of ['abc123', 'def456']) {
      const domain = CatalogDomain.fromCatalogDomainAttributes(other, `Domain${id}`, { domainId: `dzd_${id}`, rootDomainUnitId: 'root', governanceAccount: '111111111111' });
      new ConsumerSubscription(other, `Trees${id}`, { domain, consumerProjectId: 'prjconsumer', producerProjectId: 'prjproducer', assetName: 'trees' });
    }
    const t = Template.fromStack(other);
    // Each domain has the handler's own user profile; the functions, the waiter and the role are the stack's.
    t.resourceCountIs('AWS::DataZone::UserProfile', 2);
    expect(Object.values(t.findResources('AWS::Lambda::Function')).filter((f: any) => String(f.Properties.Handler).startsWith('subscription.'))).toHaveLength(2);
    t.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => s.Sid === 'SubscribeAndApprove');
    expect(statements).toHaveLength(1);
    expect(JSON.stringify(statements[0].Resource)).toMatch(/dzd_abc123.*dzd_def456/);
    expectCleanUnderBothPacks(other);
  });

  test('shares one handler, one user profile and one membership per project among all the subscriptions of a stack', () => {
    const other = testStack();
    const domain = CatalogDomain.fromCatalogDomainAttributes(other, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'root', governanceAccount: '111111111111' });
    for (const [id, consumer, asset] of [['Trees', 'prjconsumer', 'trees'], ['Parks', 'prjconsumer', 'parks'], ['Rivers', 'prjother', 'rivers']]) {
      new ConsumerSubscription(other, id, { domain, consumerProjectId: consumer, producerProjectId: 'prjproducer', assetName: asset });
    }
    const t = Template.fromStack(other);
    t.resourceCountIs('Custom::ConsumerSubscription', 3);
    t.resourceCountIs('AWS::DataZone::UserProfile', 1);
    // One membership per (project, handler): prjconsumer, prjother, prjproducer.
    t.resourceCountIs('AWS::DataZone::ProjectMembership', 3);
    const memberships = t.findResources('AWS::DataZone::ProjectMembership');
    expect(Object.values(memberships).map((m: any) => `${m.Properties.ProjectIdentifier} ${m.Properties.Designation}`).sort())
      .toEqual(['prjconsumer PROJECT_CONTRIBUTOR', 'prjother PROJECT_CONTRIBUTOR', 'prjproducer PROJECT_OWNER']);
    t.resourceCountIs('AWS::DataZone::PolicyGrant', 1);
    // One on-event and one is-complete handler (plus the framework's own functions), not one set per subscription.
    expect(Object.values(t.findResources('AWS::Lambda::Function')).filter((f: any) => String(f.Properties.Handler).startsWith('subscription.'))).toHaveLength(2);
    // Each subscription waits for the memberships of its own two projects.
    const rivers = Object.values(t.findResources('Custom::ConsumerSubscription')).find((r: any) => r.Properties.AssetName === 'rivers') as any;
    const byProject = (project: string) => Object.entries(memberships).find(([, m]: any) => m.Properties.ProjectIdentifier === project)![0];
    expect(rivers.DependsOn).toEqual(expect.arrayContaining([byProject('prjother'), byProject('prjproducer')]));
    expect(rivers.DependsOn).not.toContain(byProject('prjconsumer'));
    expectCleanUnderBothPacks(other);
    expect(() => (other.node.root as App).synth()).not.toThrow();
  });

  test('makes the handler an owner of a project that one subscription consumes and another produces', () => {
    const other = testStack();
    const domain = CatalogDomain.fromCatalogDomainAttributes(other, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'root', governanceAccount: '111111111111' });
    new ConsumerSubscription(other, 'AConsumes', { domain, consumerProjectId: 'prja', producerProjectId: 'prjb', assetName: 'trees' });
    new ConsumerSubscription(other, 'BConsumes', { domain, consumerProjectId: 'prjb', producerProjectId: 'prja', assetName: 'birds' });
    const memberships = Template.fromStack(other).findResources('AWS::DataZone::ProjectMembership');
    expect(Object.values(memberships).map((m: any) => `${m.Properties.ProjectIdentifier} ${m.Properties.Designation}`).sort())
      .toEqual(['prja PROJECT_OWNER', 'prjb PROJECT_OWNER']);
  });

  test('gives each domain its own handler in a stack that subscribes in two domains', () => {
    const other = testStack();
    for (const domainId of ['dzd_abc123', 'dzd_def456']) {
      const domain = CatalogDomain.fromCatalogDomainAttributes(other, `Domain-${domainId}`, { domainId, rootDomainUnitId: 'root', governanceAccount: '111111111111' });
      new ConsumerSubscription(other, `Trees-${domainId}`, { domain, consumerProjectId: 'prjconsumer', producerProjectId: 'prjproducer', assetName: 'trees' });
    }
    const t = Template.fromStack(other);
    t.resourceCountIs('AWS::DataZone::UserProfile', 2);
    t.resourceCountIs('AWS::DataZone::ProjectMembership', 4);
  });

  test.each([
    ['more than 50 minutes', Duration.hours(1), '3600 seconds'],
    ['less than a minute', Duration.seconds(30), '30 seconds'],
    ['not whole seconds', Duration.millis(90500), '90.5 seconds'],
  ])('fails on a timeout of %s, naming the value, the range and the fix', (_, timeout, shown) => {
    expect(() => subscription(testStack(), { timeout })).toThrow(new RegExp(`'timeout' is '${shown.replace('.', '\\.')}': a subscription waits whole seconds, from 60 to 3000 \\(50 minutes\\): CloudFormation fails a custom resource after one hour\\. Pass e\\.g\\. Duration\\.minutes\\(30\\)`));
  });

  test('fails if the consumer project is the producer project', () => {
    expect(() => subscription(testStack(), { consumerProjectId: 'prjproducer' })).toThrow(/'consumerProjectId' is 'prjproducer': the consumer project is the producer project/);
  });
});
