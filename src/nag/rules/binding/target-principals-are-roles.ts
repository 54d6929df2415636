/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { authorizedPrincipals, namedPrincipal, SUBSCRIPTION_TARGET } from './subscription-target';
import { fail, notApplicable, pass, RuleDefinition, tryRead, withUnverified } from '../../rule';

/** A subscription target's authorized principals are IAM roles, never account roots. */
export const TARGET_PRINCIPALS_ARE_ROLES: RuleDefinition = {
  id: 'BIND5',
  level: NagMessageLevel.ERROR,
  appliesTo: [SUBSCRIPTION_TARGET],
  checklist: 'A binding names the workload\'s role, never an account root',
  info: 'A Glue subscription target authorizes an account root, an account id or a principal that is not an IAM role.',
  explanation: 'DataZone grants each subscribed table to the authorized principals (DataZone user guide, "Using existing IAM roles to fulfill Amazon DataZone subscriptions": "The IAM role ARN you use in the authorizedPrincipals"); an account root would open the project\'s subscriptions to every principal of the account that Lake Formation lets act for it.',
  fix: 'Name the workload\'s role (arn:aws:iam::<account>:role/<name>); WorkloadBinding does.',
  check: (target, mesh) => {
    if (target.properties.Type !== 'GlueSubscriptionTargetType') {
      // A Redshift target authorizes database roles by name, not IAM ARNs.
      return notApplicable();
    }
    const unverified: string[] = [];
    const principals = tryRead(unverified, () => authorizedPrincipals(target));
    if (principals === undefined) {
      return withUnverified(notApplicable(), unverified);
    }
    const wrong: string[] = [];
    principals.forEach((value, i) => {
      const principal = tryRead(unverified, () => namedPrincipal(target, value, mesh, `AuthorizedPrincipals[${i}] of ${target.logicalId}`));
      if (principal?.kind === 'account' || (principal?.kind === 'arn' && !principal.resource.startsWith('role/'))) {
        wrong.push(principal.text);
      }
    });
    return withUnverified(wrong.length === 0 ? pass() : fail(`principal ${wrong.join(', ')}`), unverified);
  },
};
