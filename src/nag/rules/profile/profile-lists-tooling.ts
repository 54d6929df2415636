/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { blueprintOf, environmentsOf } from './profile';
import { CouldNotEvaluate, fail, pass, RuleDefinition } from '../../rule';

/** Every project profile lists the Tooling environment explicitly. */
export const PROFILE_LISTS_TOOLING: RuleDefinition = {
  id: 'PP1',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::ProjectProfile'],
  checklist: 'Tooling is part of every project profile',
  info: 'The project profile has no Tooling environment configuration.',
  explanation: 'The console adds Tooling to every profile on its own; CloudFormation does not. Without it, projects get no project role, no security groups and no Athena workgroup, and every other environment of the profile fails.',
  fix: 'Add an environment configuration for the Tooling blueprint, deployment mode ON_CREATE, deployment order 0 (MeshProjectProfile does).',
  check: (profile, mesh) => {
    const environments = environmentsOf(profile);
    const blueprints = environments.map((environment) => {
      const blueprint = blueprintOf(profile, environment, mesh) ?? environment.name;
      if (blueprint === undefined) {
        throw new CouldNotEvaluate(`the blueprint of an environment configuration of ${profile.logicalId}`);
      }
      return blueprint;
    });
    return blueprints.includes('Tooling') ? pass() : fail(`environment configurations ${blueprints.join(', ') || '(none)'}`);
  },
};
