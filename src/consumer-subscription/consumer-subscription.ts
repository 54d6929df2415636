/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'crypto';
import { CustomResource, Duration, Stack, Token } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ICatalogDomain } from '../catalog-domain/catalog-domain';
import { SUBSCRIPTION_TYPE } from '../contract';
import { PythonProvider } from '../private/python-provider';
import { InputProblems, isUnresolved } from '../private/validate';

/* The contract with DataMeshChecks' rules (src/contract.ts), exported from here as before. */
export { SUBSCRIPTION_TYPE };

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
   * How long the deploy waits for the producer to publish the asset and for the approval: whole
   * seconds, from 1 minute to 50 minutes, so that the wait ends with a message well within
   * CloudFormation's one-hour limit for a custom resource.
   *
   * @default Duration.minutes(50)
   */
  readonly timeout?: Duration;
}

/** The longest wait a subscription may ask for: CloudFormation fails a custom resource after one hour. */
const MAX_TIMEOUT = Duration.minutes(50);

/**
 * The consumer project's subscription to a producer's published asset, made and approved at deploy
 * (the seed's steps 7-8: subscribe, approve). DataZone has no CloudFormation resource for it.
 *
 * Defines, in the governance account, a custom resource whose handler is registered as a DataZone user
 * (`AWS::DataZone::UserProfile`, IAM role), put in the project member pool (an `ADD_TO_PROJECT_MEMBER_POOL`
 * policy grant for that user alone on the root domain unit), made a contributor of the consumer project
 * and an owner of the producer project: as a consumer member it requests the subscription, as a producer
 * owner it approves the request. It waits until the producer's data source has published the asset, is
 * idempotent (it reuses an approved subscription or a pending request), and cancels the subscription
 * on delete unless told otherwise.
 *
 * All the subscriptions of a stack to one domain share one handler: one provider, one user profile,
 * and one membership per project, however many subscriptions the stack holds.
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
    // The botocore datazone model: a ProjectId is [a-zA-Z0-9_-]{1,36}; a RequestReason has 1-4096 characters.
    for (const [prop, projectId] of [['consumerProjectId', props.consumerProjectId], ['producerProjectId', props.producerProjectId]] as const) {
      if (!isUnresolved(projectId) && !/^[a-zA-Z0-9_-]{1,36}$/.test(projectId)) {
        problems.add(prop, projectId, 'a DataZone project id has 1-36 letters, digits, _ and - (it is not the project\'s name)', 'Copy the id from the project\'s overview, or pass the projectId of the project addProject() created.');
      }
    }
    if (props.requestReason !== undefined && !isUnresolved(props.requestReason) && (props.requestReason.length < 1 || props.requestReason.length > 4096 || props.requestReason.trim() === '')) {
      problems.add('requestReason', props.requestReason, 'a subscription request\'s reason has 1-4096 characters, not only spaces', 'Say why the consumer needs the asset, or leave it out for the default.');
    }
    if (!Token.isUnresolved(props.consumerProjectId) && props.consumerProjectId === props.producerProjectId) {
      problems.add('consumerProjectId', props.consumerProjectId, 'the consumer project is the producer project', 'Subscribe the consumer project to the producer project\'s asset.');
    }
    const timeout = props.timeout ?? MAX_TIMEOUT;
    const seconds = timeout.toSeconds({ integral: false });
    if (!Number.isInteger(seconds) || seconds < 60 || seconds > MAX_TIMEOUT.toSeconds()) {
      problems.add('timeout', `${seconds} seconds`, `a subscription waits whole seconds, from 60 to ${MAX_TIMEOUT.toSeconds()} (50 minutes): CloudFormation fails a custom resource after one hour`, 'Pass e.g. Duration.minutes(30); for a longer approval, deploy with autoApprove: false and let the producer approve.');
    }
    problems.throwIfAny();

    const handler = SubscriptionHandler.of(this, props.domain);
    // A contributor of the consumer project requests; an owner of the producer project approves.
    const memberships = [handler.membership(props.consumerProjectId, 'PROJECT_CONTRIBUTOR'), handler.membership(props.producerProjectId, 'PROJECT_OWNER')];

    const subscription = new CustomResource(this, 'Resource', {
      serviceToken: handler.serviceToken,
      resourceType: SUBSCRIPTION_TYPE,
      properties: {
        DomainId: props.domain.domainId,
        ConsumerProjectId: props.consumerProjectId,
        ProducerProjectId: props.producerProjectId,
        AssetName: props.assetName,
        RequestReason: props.requestReason ?? 'cdk-data-mesh: consumer application',
        AutoApprove: String(props.autoApprove ?? true),
        CancelOnDelete: String(props.cancelOnDelete ?? true),
        TimeoutSeconds: String(seconds),
        HandlerRoleArn: handler.roleArn,
      },
    });
    subscription.node.addDependency(...memberships);
    this.subscriptionId = subscription.getAttString('SubscriptionId');
  }
}

/**
 * The subscription handler of one stack and domain: the provider, the handler's DataZone user profile
 * and its memberships, one per project. Internal; `ConsumerSubscription` finds or makes it.
 */
class SubscriptionHandler extends Construct {
  /** The stack's handler for `domain`, made on first use. */
  public static of(scope: Construct, domain: ICatalogDomain): SubscriptionHandler {
    const stack = Stack.of(scope);
    const id = `CdkDataMeshSubscriptionHandler${digest(stack.resolve(domain.domainId))}`;
    return (stack.node.tryFindChild(id) as SubscriptionHandler | undefined) ?? new SubscriptionHandler(stack, id, domain);
  }

  public readonly serviceToken: string;
  /** The handler's role, named in its messages when DataZone refuses it. */
  public readonly roleArn: string;
  private readonly user: datazone.CfnUserProfile;
  private readonly memberPoolGrant: datazone.CfnPolicyGrant;

  private constructor(scope: Construct, id: string, private readonly domain: ICatalogDomain) {
    super(scope, id);
    const provider = PythonProvider.of(this, {
      handler: 'subscription',
      description: 'subscribes consumer projects to producers\' assets and waits for the approval',
      statements: [new iam.PolicyStatement({
        sid: 'SubscribeAndApprove',
        actions: [
          'datazone:SearchListings', 'datazone:ListSubscriptions', 'datazone:ListSubscriptionRequests',
          'datazone:CreateSubscriptionRequest', 'datazone:AcceptSubscriptionRequest', 'datazone:CancelSubscription',
        ],
        resources: [domain.domainArn],
      }), ...domainKeyStatements(domain)],
      waits: true,
    });
    this.serviceToken = provider.serviceToken;
    this.roleArn = provider.handlerRole.roleArn;
    // The handler acts in the domain as a user of its own: a contributor of the projects it subscribes.
    this.user = new datazone.CfnUserProfile(this, 'HandlerUser', {
      domainIdentifier: domain.domainId,
      userIdentifier: provider.handlerRole.roleArn,
      userType: 'IAM_ROLE',
      status: 'ACTIVATED',
    });
    // Only a user in the project member pool can be added to a project (a domain that has no grant for
    // all users refuses CreateProjectMembership otherwise); the grant names this user alone.
    this.memberPoolGrant = new datazone.CfnPolicyGrant(this, 'MemberPoolGrant', {
      domainIdentifier: domain.domainId,
      entityType: 'DOMAIN_UNIT',
      entityIdentifier: domain.rootDomainUnitId,
      policyType: 'ADD_TO_PROJECT_MEMBER_POOL',
      detail: { addToProjectMemberPool: { includeChildDomainUnits: true } },
      principal: { user: { userIdentifier: this.user.attrId } },
    });
  }

  /**
   * The handler's membership of `projectId`, made once per project; an owner wherever a subscription
   * needs it to approve (PROJECT_OWNER outranks PROJECT_CONTRIBUTOR).
   */
  public membership(projectId: string, designation: 'PROJECT_CONTRIBUTOR' | 'PROJECT_OWNER'): datazone.CfnProjectMembership {
    const id = `Membership${digest(Stack.of(this).resolve(projectId))}`;
    const existing = this.node.tryFindChild(id) as datazone.CfnProjectMembership | undefined;
    if (existing) {
      if (designation === 'PROJECT_OWNER') {
        existing.designation = designation;
      }
      return existing;
    }
    const membership = new datazone.CfnProjectMembership(this, id, {
      domainIdentifier: this.domain.domainId,
      projectIdentifier: projectId,
      member: { userIdentifier: this.user.attrId },
      designation,
    });
    membership.node.addDependency(this.memberPoolGrant);
    return membership;
  }
}

/** DataZone refuses a caller that cannot use the domain's customer managed key, if it has one. */
function domainKeyStatements(domain: ICatalogDomain): iam.PolicyStatement[] {
  return domain.encryptionKey ? [new iam.PolicyStatement({
    sid: 'UseDomainKey',
    actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    resources: [domain.encryptionKey.keyArn],
  })] : [];
}

/** A short, stable digest of a resolved value (a literal id, or the CloudFormation expression of a token). */
function digest(resolved: unknown): string {
  return createHash('sha256').update(JSON.stringify(resolved)).digest('hex').slice(0, 8);
}
