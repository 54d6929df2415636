/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { literalList, literalString } from '../../mesh-index';
import { failEach, Finding, RuleDefinition } from '../../rule';

/** The environment configurations of a project profile have distinct names. */
export const ENVIRONMENT_NAMES_UNIQUE: RuleDefinition = {
  id: 'PP4',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::ProjectProfile'],
  checklist: 'Create two project profiles (producer, consumer), each with its environment configurations',
  info: 'Two or more environment configurations of the project profile have the same Name.',
  explanation: 'DataZone refuses the profile at deploy: "Environment Configuration names must be unique. Duplicate name found Tooling (Service: DataZone, Status Code: 400)" (aws/modern-data-architecture-accelerator issue #40, a profile that listed Tooling twice). A project also picks its environment\'s parameters by the configuration\'s name (UserParameters.EnvironmentConfigurationName), which a duplicate makes ambiguous.',
  fix: 'Give each environment configuration of the profile its own Name, or merge the duplicates into one configuration (put the parameter overrides of both into its ConfigurationParameters).',
  check: (profile) => {
    const configurations = literalList(profile.properties.EnvironmentConfigurations, `EnvironmentConfigurations of ${profile.logicalId}`);
    const positions = new Map<string, number[]>();
    configurations.forEach((configuration: any, i) => {
      const name = literalString(configuration?.Name, `the Name of environment configuration ${i} of ${profile.logicalId}`);
      positions.set(name, [...(positions.get(name) ?? []), i]);
    });
    const findings: Finding[] = [...positions.entries()]
      .filter(([, at]) => at.length > 1)
      .map(([name, at]) => ({
        key: name,
        found: `the Name '${name}' on ${at.length} environment configurations (positions ${at.join(', ')}); every configuration of a profile needs a Name of its own`,
      }));
    return failEach(findings);
  },
};
