/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { namedPrincipal, SUBSCRIPTION_TARGET } from './subscription-target';
import { otherAccount } from './target-principals-in-account';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** A subscription target's manage-access role is the target's account's. */
export const MANAGE_ACCESS_ROLE_IN_ACCOUNT: RuleDefinition = {
  id: 'BIND4',
  level: NagMessageLevel.ERROR,
  appliesTo: [SUBSCRIPTION_TARGET],
  checklist: 'A subscription target grants with the manage-access role of its own account',
  info: 'The subscription target\'s ManageAccessRole is not a role of the target\'s account.',
  explanation: 'DataZone grants and revokes the subscribed tables in the target\'s account as its ManageAccessRole, which must be "the Glue data-access role in the associated account" (DataZone user guide, "Using existing IAM roles to fulfill Amazon DataZone subscriptions"); a role of another account cannot grant there, and a trust in it would let that account act in this one.',
  fix: 'Name this account\'s manage-access role (service-role/AmazonSageMakerManageAccess-<region>-<domain id>, created by MeshMemberAccount); WorkloadBinding does by default.',
  check: (target, mesh) => {
    const value = target.properties.ManageAccessRole;
    if (value === undefined) {
      return notApplicable();
    }
    const what = `the ManageAccessRole of ${target.logicalId}`;
    const role = namedPrincipal(target, value, mesh, what);
    if (role.kind === 'account' || (role.kind === 'arn' && !role.resource.startsWith('role/'))) {
      return fail(`${role.text}, not a role`);
    }
    if (role.kind === 'template-value') {
      throw new CouldNotEvaluate(`${what} (${role.text} gives it at deploy)`);
    }
    const account = otherAccount(target, role, what);
    return account === undefined ? pass() : fail(`${role.text} (account ${account}); the target is in account ${target.stack.account}`);
  },
};
