/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { accountOf, blueprintOf, environmentsOf } from './profile';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition, tryRead, withUnverified } from '../../rule';
import { meshAccounts } from '../topology/topology';

/** A project profile for a consumer account (one that binds an application) includes DataLake. */
export const CONSUMER_PROFILE_HAS_DATA_LAKE: RuleDefinition = {
  id: 'PP2',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::ProjectProfile'],
  checklist: 'The consumer project profile uses the LakeHouseDatabase (DataLake) blueprint',
  info: 'The project profile targets a consumer account (one that binds an application to a project role or holds a subscription target) but does not include the DataLake ("Lakehouse Database") blueprint.',
  explanation: 'Subscriptions to Glue assets are fulfilled into the consumer project\'s Lakehouse Database (its Glue database and Athena workgroup); without DataLake, a subscribed consumer has nowhere to read the data from. Not applicable in an app with no consumer account.',
  fix: 'Add an environment configuration for the DataLake blueprint (ConsumerProjectProfile does), and enable DataLake in the consumer account (MeshMemberAccount blueprints).',
  check: (profile, mesh) => {
    const { consumers } = meshAccounts(mesh);
    const environments = environmentsOf(profile);
    if (consumers.size === 0 || environments.length === 0) {
      return notApplicable();
    }
    const unverified: string[] = [];
    const accounts = environments.map((e) => tryRead(unverified, () => accountOf(profile, e)));
    if (!accounts.some((account) => account !== undefined && consumers.has(account))) {
      // Only an account that could not be read may be a consumer's.
      return withUnverified(notApplicable(), unverified);
    }
    const blueprintsUnverified: string[] = [];
    const blueprints = environments.map((e) => tryRead(blueprintsUnverified, () => blueprintOf(profile, e, mesh)));
    if (blueprints.some((b) => b?.name === 'DataLake')) {
      return pass();
    }
    const opaque = blueprints.filter((b) => b !== undefined && b.name === undefined).map((b) => b!.id!);
    if (opaque.length > 0) {
      blueprintsUnverified.push(new CouldNotEvaluate(`whether blueprint id(s) ${opaque.join(', ')} of ${profile.logicalId} are DataLake (an opaque id that no blueprint configuration, lookup or configuration name of this app names)`).message);
    }
    if (blueprintsUnverified.length > 0) {
      return withUnverified(notApplicable(), blueprintsUnverified);
    }
    return fail(`environment configurations ${blueprints.map((b) => b!.name).join(', ')} for consumer account(s) ${[...new Set(accounts.filter((a) => a !== undefined && consumers.has(a)))].join(', ')}`);
  },
};
