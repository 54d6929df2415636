/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CustomResource, Duration, Lazy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IDependable } from 'constructs';
import { SHARE_ASSOCIATION_WAITER_TYPE } from '../contract';
import { PythonProvider } from '../private/python-provider';

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
    const provider = PythonProvider.of(this, {
      handler: 'share_association',
      description: 'waits until every account of the domain shares is ASSOCIATED',
      statements: [new iam.PolicyStatement({ sid: 'ReadShareAssociations', actions: ['ram:GetResourceShareAssociations'], resources: ['*'] })],
      acknowledgements: [{ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'ram:GetResourceShareAssociations does not support resource-level permissions, so its Resource must be "*"; the action is read-only.' }],
      waits: true,
      // The handler fails with its own message (naming the account) at `timeout`; the framework's limit is a backstop.
      queryInterval: Duration.seconds(15),
    });

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: SHARE_ASSOCIATION_WAITER_TYPE,
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
