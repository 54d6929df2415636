/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
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
        TimeoutSeconds: '3600',
      },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^TreesConsumerMembership'), Match.stringLikeRegexp('^TreesProducerMembership')]),
    });
  });

  test('makes its handler a DataZone user and a contributor of both projects', () => {
    template.hasResourceProperties('AWS::DataZone::UserProfile', {
      DomainIdentifier: 'dzd_abc123',
      UserIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TreesProviderHandlerRole'), 'Arn'] },
      UserType: 'IAM_ROLE',
      Status: 'ACTIVATED',
    });
    for (const project of ['prjconsumer', 'prjproducer']) {
      template.hasResourceProperties('AWS::DataZone::ProjectMembership', {
        ProjectIdentifier: project,
        Member: { UserIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TreesHandlerUser'), 'Id'] } },
        Designation: 'PROJECT_CONTRIBUTOR',
      });
    }
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

  test('fails if the consumer project is the producer project', () => {
    expect(() => subscription(testStack(), { consumerProjectId: 'prjproducer' })).toThrow(/'consumerProjectId' is 'prjproducer': the consumer project is the producer project/);
  });
});
