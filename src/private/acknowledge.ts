/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** The prefix cdk-nag strips (case-insensitively) from an acknowledged id before it matches a finding. */
const PER_RESOURCE_PREFIX = 'annotation::';

/**
 * Acknowledge a finding on `scope` (and everything below it) only, with a reason.
 *
 * A cdk-nag pack's finding (`AwsSolutions-EC23`, `AwsSolutions-IAM5[Resource::*]`,
 * `DataMesh-VPC4[MWAA]`, or the same pack-qualified: `AwsSolutions::AwsSolutions-EC23`) is recorded
 * in the construct metadata entry `Validations.ACKNOWLEDGED_RULES_METADATA_KEY` under the key
 * `annotation::<unqualified id>`, e.g. `annotation::AwsSolutions-IAM5[Resource::*]`:
 *
 * - cdk-nag (`NagPack.isAcknowledged`) walks the resource and its ancestors, strips a leading
 *   `annotation::` from each key and compares it with the unqualified finding id, so the finding
 *   is acknowledged on `scope`'s resources and never reported.
 * - aws-cdk-lib (`collectSuppressions` at synth) gathers the keys of the whole app and looks a
 *   violation up as `<plugin name>::<rule>` (`AwsSolutions::AwsSolutions-EC23`) or, for a rule name
 *   that contains `::`, as the rule name itself (`AwsSolutions-IAM5[Resource::*]`); neither starts
 *   with `annotation::`, so this key never acknowledges a finding on any other resource of the app.
 *   (`Validations.acknowledge` itself would write either of those app-wide forms, or refuse an id
 *   that contains `::` more than once.)
 *
 * Trade-off: cdk-nag drops such a finding before reporting it, so it is not listed among the
 * `suppressedViolations` of `validation-report.json`; its reason stays in the construct metadata
 * (the template's `Metadata` / `tree.json`).
 *
 * An id of another validation plugin, e.g. `CloudFormation-Validate::W3010` of aws-cdk-lib's
 * CloudFormation Validate plugin, which has no per-resource matching, is acknowledged with
 * `Validations.of(scope).acknowledge`: aws-cdk-lib applies it to every violation with that id in
 * the app, by design.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  const finding = nagFindingId(id);
  if (finding === undefined) {
    Validations.of(scope).acknowledge({ id, reason });
  } else {
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [`${PER_RESOURCE_PREFIX}${finding}`]: reason });
  }
}

/**
 * The unqualified cdk-nag finding id of `id`, or undefined when `id` names another plugin's rule.
 *
 * cdk-nag finding ids are `<Pack>-<Rule>` with an optional `[finding]`, which may contain `::`.
 * A qualifier is the text before the first `::` outside the brackets: `<Pack>::<Pack>-…` (and
 * `annotation::…`) is a cdk-nag finding, any other qualifier (`CloudFormation-Validate::W3010`) a
 * plugin's rule.
 */
function nagFindingId(id: string): string | undefined {
  const bracket = id.indexOf('[');
  const separator = id.indexOf('::');
  if (separator < 0 || (bracket >= 0 && bracket < separator)) {
    return id;
  }
  const qualifier = id.slice(0, separator);
  const rest = id.slice(separator + 2);
  if (qualifier.toLowerCase() === 'annotation' || rest.startsWith(`${qualifier}-`)) {
    return rest;
  }
  return undefined;
}
