/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as path from 'path';
import { CustomResource, Duration, Lazy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IDependable } from 'constructs';
import { acknowledge } from '../private/acknowledge';
import { acknowledgeProviderFramework, HANDLER_RUNTIME } from '../private/custom-resource';

/** Properties of a `ShareAssociationWaiter`. */
export interface ShareAssociationWaiterProps {
  /** The ARNs of the resource shares to wait for. */
  readonly resourceShareArns: () => string[];
  /** The account ids that must be ASSOCIATED with every share. */
  readonly principals: () => string[];
  /** How long to wait before failing with the account that never associated. */
  readonly timeout: Duration;
}

/**
 * A custom resource that completes only when every principal of the given AWS RAM shares is
 * ASSOCIATED (internal: used by `CatalogDomain`).
 *
 * The handler is `src/handlers/share_association/index.py`; it reads the shares and never changes them.
 */
export class ShareAssociationWaiter extends Construct implements IDependable {
  /** The custom resource; depend on it to run after the association. */
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: ShareAssociationWaiterProps) {
    super(scope, id);
    const code = lambda.Code.fromAsset(path.join(__dirname, '..', 'handlers', 'share_association'), { exclude: ['__pycache__', '*.pyc'] });
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
    const role = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Reads the AWS RAM associations of the mesh domain shares',
    });
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'ReadShareAssociations',
      actions: ['ram:GetResourceShareAssociations'],
      // GetResourceShareAssociations supports no resource-level permissions.
      resources: ['*'],
    }));
    logGroup.grantWrite(role);
    acknowledge(role, 'AwsSolutions-IAM5[Resource::*]',
      'ram:GetResourceShareAssociations does not support resource-level permissions, so its Resource must be "*"; the action is read-only.');
    const handler = (name: string, entry: string) => new lambda.Function(this, name, {
      runtime: HANDLER_RUNTIME,
      handler: entry,
      code,
      role,
      logGroup,
      timeout: Duration.seconds(60),
      description: 'cdk-data-mesh: waits until every account of the domain shares is ASSOCIATED',
    });
    const onEvent = handler('OnEvent', 'index.on_event');
    const isComplete = handler('IsComplete', 'index.is_complete');
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      queryInterval: Duration.seconds(15),
      // The handler fails with its own message (naming the account) at `timeout`; the framework's limit is a backstop.
      totalTimeout: props.timeout.plus(Duration.minutes(2)),
      disableWaiterStateMachineLogging: false,
      waiterStateMachineLogOptions: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    acknowledgeProviderFramework(provider, [onEvent, isComplete]);

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::ShareAssociationWaiter',
      properties: {
        ResourceShareArns: Lazy.list({ produce: props.resourceShareArns }),
        Principals: Lazy.list({ produce: props.principals }),
        TimeoutSeconds: String(props.timeout.toSeconds()),
      },
    });
    this.node.addValidation({
      validate: () => (props.principals().length === 0 ? [`${this.node.path}: no account to wait for`] : []),
    });
  }
}
