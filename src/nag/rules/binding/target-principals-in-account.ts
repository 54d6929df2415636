/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Token } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { authorizedPrincipals, NamedPrincipal, namedPrincipal, SUBSCRIPTION_TARGET } from './subscription-target';
import { IndexedResource } from '../../mesh-index';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition, tryRead, withUnverified } from '../../rule';

/** A workload bound through a subscription target is in the target's account. */
export const TARGET_PRINCIPALS_IN_ACCOUNT: RuleDefinition = {
  id: 'BIND3',
  level: NagMessageLevel.ERROR,
  appliesTo: [SUBSCRIPTION_TARGET],
  checklist: 'Bind a workload through a subscription target of its own account',
  info: 'A subscription target authorizes a principal of another account than the target\'s.',
  explanation: 'DataZone grants subscribed assets only to authorized principals of the account of the target\'s environment (DataZone user guide, "Using existing IAM roles to fulfill Amazon DataZone subscriptions"): a workload of another account would get nothing, and the subscription would look fulfilled.',
  fix: 'Bind the workload from a stack in its own account, on a project environment of that account (WorkloadBinding refuses a role of another account).',
  check: (target, mesh) => {
    const unverified: string[] = [];
    const principals = tryRead(unverified, () => authorizedPrincipals(target));
    if (principals === undefined) {
      return withUnverified(notApplicable(), unverified);
    }
    const foreign: string[] = [];
    principals.forEach((value, i) => {
      const principal = tryRead(unverified, () => namedPrincipal(target, value, mesh, `AuthorizedPrincipals[${i}] of ${target.logicalId}`));
      const account = principal === undefined ? undefined : tryRead(unverified, () => otherAccount(target, principal, `AuthorizedPrincipals[${i}] of ${target.logicalId}`));
      if (account !== undefined) {
        foreign.push(`${principal!.text} (account ${account})`);
      }
    });
    return withUnverified(foreign.length === 0 ? pass() : fail(`${foreign.join(', ')}; the target is in account ${target.stack.account}`), unverified);
  },
};

/**
 * The account `principal` is in when that is not `target`'s stack's account; undefined when it is (or the principal
 * is a resource of the template). Throws CouldNotEvaluate when either account is unknown at synth.
 */
export function otherAccount(target: IndexedResource, principal: NamedPrincipal, what: string): string | undefined {
  if (principal.kind === 'template-role' || principal.kind === 'template-value') {
    return undefined;
  }
  if (principal.account === 'stack') {
    return undefined;
  }
  if (!/^\d{12}$/.test(principal.account)) {
    throw new CouldNotEvaluate(`the account of ${what} (${principal.text})`);
  }
  const stackAccount = target.stack.account;
  if (Token.isUnresolved(stackAccount)) {
    throw new CouldNotEvaluate(`the account of the stack of ${target.logicalId} (an environment-agnostic stack), to compare with ${principal.text}`);
  }
  return principal.account === stackAccount ? undefined : principal.account;
}
