/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { accountOf, blueprintOf, environmentsOf, regionOf } from './profile';
import { IndexedResource } from '../../mesh-index';
import { CouldNotEvaluate, fail, pass, RuleDefinition, tryRead, withUnverified } from '../../rule';
import { BlueprintIdentity, configurationIdentity, enabledRegions, sameBlueprint } from '../blueprint/blueprint';

/** A blueprint configuration of the app, as far as it could be read. */
interface Enabled {
  readonly configuration: IndexedResource;
  readonly identity?: BlueprintIdentity;
  readonly regions?: string[];
}

const describeIdentity = (b: BlueprintIdentity) => (b.name !== undefined ? b.name : `blueprint id ${b.id}`);

/** Every account a project profile targets enables every blueprint the profile lists, in the profile's Region. */
export const TARGETED_ACCOUNTS_ENABLE_TOOLING: RuleDefinition = {
  id: 'BP3',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::ProjectProfile'],
  checklist: 'In the producer and consumer accounts, enable the Tooling blueprint (and every blueprint the profiles list) before creating project profiles',
  info: 'An account the project profile targets does not enable a blueprint the profile lists (Tooling, DataLake, …) in the configuration\'s Region.',
  explanation: 'Projects created from the profile deploy each of its environments into the target account; without that account\'s blueprint configuration for the environment\'s blueprint (in the same Region), project creation fails at deploy, or the on-demand environment cannot be added later.',
  fix: 'In a stack of the target account, enable each blueprint the profile lists in the profile\'s Region (MeshMemberAccount blueprints), and deploy it before the profile. If that stack belongs to another app, acknowledge the finding.',
  check: (profile, mesh) => {
    const unverified: string[] = [];
    const accountsInApp = new Set(mesh.stacks().map((s) => s.account));
    const enabledIn = (account: string): Enabled[] => mesh.allOfType('AWS::DataZone::EnvironmentBlueprintConfiguration')
      .filter((c) => c.stack.account === account)
      .map((configuration) => ({
        configuration,
        identity: tryRead([], () => configurationIdentity(configuration)),
        regions: tryRead([], () => enabledRegions(configuration)),
      }));
    const missing: string[] = [];
    for (const environment of environmentsOf(profile)) {
      const account = tryRead(unverified, () => accountOf(profile, environment));
      const region = tryRead(unverified, () => regionOf(environment));
      const blueprint = tryRead(unverified, () => blueprintOf(profile, environment, mesh));
      if (account === undefined || region === undefined) {
        continue;
      }
      const what = blueprint ? describeIdentity(blueprint) : `the blueprint of ${environment.label}`;
      if (!accountsInApp.has(account)) {
        unverified.push(new CouldNotEvaluate(`whether account ${account} enables ${what} in ${region} (no stack of that account is in this app)`).message);
        continue;
      }
      const configurations = enabledIn(account);
      const unreadRegions = configurations.filter((c) => c.regions === undefined);
      const here = configurations.filter((c) => c.regions?.includes(region));
      if (blueprint && here.some((c) => c.identity && sameBlueprint(c.identity, blueprint))) {
        continue;
      }
      if (here.length === 0 && unreadRegions.length === 0) {
        // Whatever the blueprint is, nothing at all is enabled there.
        missing.push(`${what} (${environment.label}): no blueprint configuration of account ${account} is enabled in ${region}`);
        continue;
      }
      const comparable = blueprint?.name !== undefined && unreadRegions.length === 0 && here.every((c) => c.identity?.name !== undefined);
      if (comparable) {
        missing.push(`${what} (${environment.label}): account ${account} enables only ${here.map((c) => c.identity!.name).join(', ')} in ${region}`);
        continue;
      }
      const read = here.map((c) => (c.identity ? describeIdentity(c.identity) : `${c.configuration.logicalId} (identifier not known at synth)`));
      unverified.push(new CouldNotEvaluate(`whether ${what} (${environment.label}) is among the blueprints account ${account} enables in ${region} `
        + `(${read.join(', ') || 'none readable'}${unreadRegions.length > 0 ? `; Regions of ${unreadRegions.map((c) => c.configuration.logicalId).join(', ')} not known` : ''}): `
        + 'a blueprint named on one side and given by its opaque id on the other cannot be compared').message);
    }
    const verdict = missing.length === 0 ? pass() : fail([...new Set(missing)].join('; '));
    return withUnverified(verdict, unverified);
  },
};
