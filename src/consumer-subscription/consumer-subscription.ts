/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CustomResource, Duration, Token } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ICatalogDomain } from '../catalog-domain/catalog-domain';
import { PythonProvider } from '../private/python-provider';
import { InputProblems, isUnresolved } from '../private/validate';

/** The custom resource type that subscribes a consumer project to a published asset. */
export const SUBSCRIPTION_TYPE = 'Custom::ConsumerSubscription';

/** Properties of a `ConsumerSubscription`. */
export interface ConsumerSubscriptionProps {
  /** The domain, in this (the governance) account. */
  readonly domain: ICatalogDomain;
  /** The consumer project's id (`MeshProjectProfile.addProject(...).attrId`). */
  readonly consumerProjectId: string;
  /** The producer project's id: the owner of the published asset. */
  readonly producerProjectId: string;
  /** The name of the published asset, e.g. `trees`. */
  readonly assetName: string;
  /**
   * Why the consumer subscribes, shown to the producer.
   *
   * @default 'cdk-data-mesh: consumer application'
   */
  readonly requestReason?: string;
  /**
   * Approve the request as a member of the producer project (the seed's automatic approval).
   *
   * @default true
   */
  readonly autoApprove?: boolean;
  /**
   * Cancel the subscription when this construct is deleted.
   *
   * @default true
   */
  readonly cancelOnDelete?: boolean;
  /**
   * How long the deploy waits for the producer to publish the asset and for the approval.
   *
   * @default Duration.hours(1)
   */
  readonly timeout?: Duration;
}

/**
 * The consumer project's subscription to a producer's published asset, made and approved at deploy
 * (the seed's steps 7-8: subscribe, approve). DataZone has no CloudFormation resource for it.
 *
 * Defines, in the governance account, a custom resource whose role is registered as a DataZone user
 * (`AWS::DataZone::UserProfile`, IAM role) and made a contributor of both projects: as a consumer member
 * it requests the subscription, as a producer member the request is approved (it also approves a
 * pending request itself). It waits until the producer's data source has published the asset, is
 * idempotent (it reuses an approved subscription or a pending request), and cancels the subscription
 * on delete unless told otherwise.
 */
export class ConsumerSubscription extends Construct {
  /** The subscription's id (available after deploy). */
  public readonly subscriptionId: string;

  constructor(scope: Construct, id: string, props: ConsumerSubscriptionProps) {
    super(scope, id);
    const problems = new InputProblems(this, 'ConsumerSubscription');
    if (!isUnresolved(props.assetName) && !/^.{1,256}$/.test(props.assetName)) {
      problems.add('assetName', props.assetName, 'an asset name has 1-256 characters', 'Use the name the data source gives the asset (the table name).');
    }
    if (!Token.isUnresolved(props.consumerProjectId) && props.consumerProjectId === props.producerProjectId) {
      problems.add('consumerProjectId', props.consumerProjectId, 'the consumer project is the producer project', 'Subscribe the consumer project to the producer project\'s asset.');
    }
    problems.throwIfAny();

    const timeout = props.timeout ?? Duration.hours(1);
    const provider = new PythonProvider(this, 'Provider', {
      handler: 'subscription',
      description: 'subscribes the consumer project to the producer\'s asset and waits for the approval',
      statements: [new iam.PolicyStatement({
        sid: 'SubscribeAndApprove',
        actions: [
          'datazone:SearchListings', 'datazone:ListSubscriptions', 'datazone:ListSubscriptionRequests',
          'datazone:CreateSubscriptionRequest', 'datazone:AcceptSubscriptionRequest', 'datazone:CancelSubscription',
        ],
        resources: [props.domain.domainArn],
      })],
      waits: true,
      totalTimeout: timeout.plus(Duration.minutes(5)),
    });

    // The handler acts in the domain as a user of its own: a contributor of both projects.
    const user = new datazone.CfnUserProfile(this, 'HandlerUser', {
      domainIdentifier: props.domain.domainId,
      userIdentifier: provider.handlerRole.roleArn,
      userType: 'IAM_ROLE',
      status: 'ACTIVATED',
    });
    const memberships = [['ConsumerMembership', props.consumerProjectId], ['ProducerMembership', props.producerProjectId]].map(([membershipId, project]) =>
      new datazone.CfnProjectMembership(this, membershipId, {
        domainIdentifier: props.domain.domainId,
        projectIdentifier: project,
        member: { userIdentifier: user.attrId },
        designation: 'PROJECT_CONTRIBUTOR',
      }));

    const subscription = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: SUBSCRIPTION_TYPE,
      properties: {
        DomainId: props.domain.domainId,
        ConsumerProjectId: props.consumerProjectId,
        ProducerProjectId: props.producerProjectId,
        AssetName: props.assetName,
        RequestReason: props.requestReason ?? 'cdk-data-mesh: consumer application',
        AutoApprove: String(props.autoApprove ?? true),
        CancelOnDelete: String(props.cancelOnDelete ?? true),
        TimeoutSeconds: String(timeout.toSeconds()),
      },
    });
    subscription.node.addDependency(...memberships);
    this.subscriptionId = subscription.getAttString('SubscriptionId');
  }
}
