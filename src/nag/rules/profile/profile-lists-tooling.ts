/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { blueprintOf, environmentsOf } from './profile';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition, tryRead, withUnverified } from '../../rule';

/** Every project profile with environment configurations lists the Tooling environment explicitly. */
export const PROFILE_LISTS_TOOLING: RuleDefinition = {
  id: 'PP1',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::ProjectProfile'],
  checklist: 'Tooling is part of every project profile',
  info: 'The project profile has environment configurations but none for the Tooling blueprint.',
  explanation: 'The console adds Tooling to every profile on its own; CloudFormation does not. Without it, projects get no project role, no security groups and no Athena workgroup, and every other environment of the profile fails. '
    + 'A profile with no environment configurations at all (AWS\'s "Generative AI model governance" profile) is not checked. Tooling is recognised from what the template says: a blueprint name, a blueprint configuration or lookup the profile refers to, or the configuration\'s name "Tooling"; a literal blueprint id is opaque.',
  fix: 'Add an environment configuration named "Tooling" for the Tooling blueprint, deployment mode ON_CREATE, deployment order 0 (MeshProjectProfile does).',
  check: (profile, mesh) => {
    const environments = environmentsOf(profile);
    if (environments.length === 0) {
      return notApplicable();
    }
    const unverified: string[] = [];
    const blueprints = environments.map((environment) => tryRead(unverified, () => blueprintOf(profile, environment, mesh)));
    if (blueprints.some((b) => b?.name === 'Tooling')) {
      return pass();
    }
    const opaque = blueprints.filter((b) => b !== undefined && b.name === undefined).map((b) => b!.id!);
    if (opaque.length > 0) {
      unverified.push(new CouldNotEvaluate(`whether blueprint id(s) ${opaque.join(', ')} of ${profile.logicalId} are Tooling (an opaque id that no blueprint configuration, lookup or configuration name of this app names)`).message);
    }
    if (unverified.length > 0) {
      return withUnverified(notApplicable(), unverified);
    }
    return fail(`environment configurations ${blueprints.map((b) => b!.name).join(', ')}`);
  },
};
