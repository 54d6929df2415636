/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { literalBoolean, literalList, literalString } from '../../mesh-index';
import { Finding, failEach, notApplicable, RuleDefinition } from '../../rule';

/** A project overrides only the environment parameters its project profile declares editable. */
export const PROJECT_OVERRIDES_EDITABLE_PARAMETERS: RuleDefinition = {
  id: 'PP3',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::Project'],
  checklist: 'The consumer project\'s Lakehouse Database is the one the application reads',
  info: 'The project sets an environment parameter (UserParameters) that its project profile does not declare editable for that environment configuration.',
  explanation: 'A project may override only the parameters its profile lists as editable (ParameterOverrides with IsEditable: true, as AWS\'s project samples do for glueDbName). Otherwise project creation is refused, or the override is ignored and the environment gets its default (a Glue database glue_db_…), while the application is told to read the database the project asked for.',
  fix: 'In the profile\'s environment configuration, add ConfigurationParameters.ParameterOverrides: [{ Name: <parameter>, Value: <default>, IsEditable: true }] (MeshProjectProfile does for glueDbName), or remove the project\'s override.',
  check: (project, mesh) => {
    const userParameters = literalList(project.properties.UserParameters, `UserParameters of ${project.logicalId}`);
    const profile = mesh.target(project, project.properties.ProjectProfileId);
    if (!profile || profile.type !== 'AWS::DataZone::ProjectProfile') {
      // A profile of another stack or template (AWS's samples create profiles and projects in separate
      // stacks): its parameters are not in this template, so there is nothing to compare.
      return notApplicable();
    }
    const configurations = literalList(profile.properties.EnvironmentConfigurations, `EnvironmentConfigurations of ${profile.logicalId}`);
    const findings: Finding[] = [];
    for (const entry of userParameters as any[]) {
      if (entry?.EnvironmentConfigurationName === undefined && entry?.EnvironmentId !== undefined) {
        continue; // parameters of an existing environment, not of a profile's configuration
      }
      const name = literalString(entry?.EnvironmentConfigurationName, `EnvironmentConfigurationName of a user parameter of ${project.logicalId}`);
      const configuration = configurations.find((c: any) => c?.Name === name) as any;
      if (!configuration) {
        findings.push({ key: name, found: `parameters for the environment configuration '${name}', which profile ${profile.logicalId} does not have (it has ${configurations.map((c: any) => `'${c?.Name}'`).join(', ') || 'none'})` });
        continue;
      }
      const overrides = literalList(configuration.ConfigurationParameters?.ParameterOverrides, `ParameterOverrides of '${name}' in ${profile.logicalId}`) as any[];
      for (const parameter of literalList(entry.EnvironmentParameters, `EnvironmentParameters of '${name}' in ${project.logicalId}`) as any[]) {
        const parameterName = literalString(parameter?.Name, `a parameter name of '${name}' in ${project.logicalId}`);
        const declared = overrides.find((o) => o?.Name === parameterName);
        if (!declared || !literalBoolean(declared.IsEditable, `IsEditable of ${parameterName} in '${name}' of ${profile.logicalId}`)) {
          findings.push({
            key: `${name}.${parameterName}`,
            found: `${parameterName} set for '${name}', which profile ${profile.logicalId} ${declared ? 'declares not editable' : 'does not declare editable'}`,
          });
        }
      }
    }
    return failEach(findings);
  },
};
