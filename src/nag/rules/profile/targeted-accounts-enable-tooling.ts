/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { environmentsOf } from './profile';
import { literalList } from '../../mesh-index';
import { CouldNotEvaluate, fail, pass, RuleDefinition } from '../../rule';
import { isTooling } from '../blueprint/blueprint';

/** Every account a project profile targets has the Tooling blueprint enabled, in the profile's Region. */
export const TARGETED_ACCOUNTS_ENABLE_TOOLING: RuleDefinition = {
  id: 'BP3',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::ProjectProfile'],
  checklist: 'In the producer and consumer accounts, enable the Tooling blueprint before creating project profiles',
  info: 'An account the project profile targets does not enable the Tooling blueprint in the profile\'s Region.',
  explanation: 'Projects created from the profile deploy their Tooling environment into the target account; without the account\'s Tooling blueprint configuration (in the same Region) project creation fails at deploy.',
  fix: 'In a stack of the target account, enable Tooling in the profile\'s Region (MeshMemberAccount), and deploy it before the profile. If that stack belongs to another app, acknowledge the finding.',
  check: (profile, mesh) => {
    const toolingByAccount = new Map<string, Set<string>>();
    for (const configuration of mesh.allOfType('AWS::DataZone::EnvironmentBlueprintConfiguration').filter(isTooling)) {
      const regions = toolingByAccount.get(configuration.stack.account) ?? new Set<string>();
      literalList(configuration.properties.EnabledRegions, `EnabledRegions of ${configuration.logicalId}`).forEach((r) => regions.add(String(r)));
      toolingByAccount.set(configuration.stack.account, regions);
    }
    const accountsInApp = new Set(mesh.stacks().map((s) => s.account));
    const missing: string[] = [];
    for (const environment of environmentsOf(profile)) {
      const account = environment.account ?? profile.stack.account;
      if (!accountsInApp.has(account)) {
        throw new CouldNotEvaluate(`whether account ${account} enables Tooling (no stack of that account is in this app)`);
      }
      if (!toolingByAccount.get(account)?.has(environment.region)) {
        missing.push(`${account} in ${environment.region}`);
      }
    }
    return missing.length === 0 ? pass() : fail(`no Tooling blueprint configuration for account ${[...new Set(missing)].join(', ')}`);
  },
};
