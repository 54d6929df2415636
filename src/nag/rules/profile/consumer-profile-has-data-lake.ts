/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { blueprintOf, environmentsOf } from './profile';
import { TRUST_BINDING_TYPE } from '../../../contract';
import { fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** A project profile for a consumer account (one that binds an application) includes DataLake. */
export const CONSUMER_PROFILE_HAS_DATA_LAKE: RuleDefinition = {
  id: 'PP2',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::ProjectProfile'],
  checklist: 'The consumer project profile uses the LakeHouseDatabase (DataLake) blueprint',
  info: 'The project profile targets a consumer account (one that binds an application to a project role) but does not include the DataLake ("Lakehouse Database") blueprint.',
  explanation: 'Subscriptions to Glue assets are fulfilled into the consumer project\'s Lakehouse Database (its Glue database and Athena workgroup); without DataLake, a subscribed consumer has nowhere to read the data from.',
  fix: 'Add an environment configuration for the DataLake blueprint (ConsumerProjectProfile does), and enable DataLake in the consumer account (MeshMemberAccount blueprints).',
  check: (profile, mesh) => {
    const consumers = new Set(mesh.allOfType(TRUST_BINDING_TYPE).map((binding) => binding.stack.account));
    const environments = environmentsOf(profile);
    const targeted = new Set(environments.map((e) => e.account ?? profile.stack.account));
    if (![...targeted].some((account) => consumers.has(account))) {
      return notApplicable();
    }
    const blueprints = environments.map((e) => blueprintOf(profile, e, mesh) ?? e.name);
    return blueprints.includes('DataLake') ? pass() : fail(`environment configurations ${blueprints.join(', ')}`);
  },
};
