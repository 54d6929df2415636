/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledge a rule-pack finding on `scope` (and everything below it), with a reason.
 *
 * `Validations.acknowledge` reserves `::` for `Plugin::Rule` and refuses cdk-nag finding ids that
 * contain it again, e.g. `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/…]`.
 * Such ids are recorded in the same construct metadata entry (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`)
 * that `Validations.acknowledge` writes and that cdk-nag reads, so they are acknowledged all the same.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if ((id.match(/::/g) ?? []).length > 1 || (id.includes('[') && id.includes('::'))) {
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
  } else {
    Validations.of(scope).acknowledge({ id, reason });
  }
}
