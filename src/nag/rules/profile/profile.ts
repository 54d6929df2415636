/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { IndexedResource, literalList, literalString, MeshIndex } from '../../mesh-index';
import { CouldNotEvaluate } from '../../rule';
import { BlueprintIdentity, configurationIdentity, isManagedBlueprintName } from '../blueprint/blueprint';

/** One environment configuration of a project profile, read lazily: a rule reads only the values it needs. */
export interface ProfileEnvironment {
  /** The configuration's position in `EnvironmentConfigurations`. */
  readonly index: number;
  /** Its `Name`, when literal. */
  readonly name?: string;
  /** The configuration as CloudFormation (resolved by the index). */
  readonly configuration: Record<string, any>;
  /** How messages name it, e.g. `'Tooling' of SqlAnalytics`. */
  readonly label: string;
}

/** The environment configurations of a project profile (none for a profile that declares none). */
export function environmentsOf(profile: IndexedResource): ProfileEnvironment[] {
  return literalList(profile.properties.EnvironmentConfigurations, `EnvironmentConfigurations of ${profile.logicalId}`).map((c: any, index) => {
    const name = typeof c?.Name === 'string' ? c.Name : undefined;
    return { index, name, configuration: c ?? {}, label: `${name === undefined ? `configuration ${index}` : `'${name}'`} of ${profile.logicalId}` };
  });
}

/** The account a configuration targets: its `AwsAccountId`, else the profile's own account. */
export function accountOf(profile: IndexedResource, environment: ProfileEnvironment): string {
  const id = environment.configuration.AwsAccount?.AwsAccountId;
  return id === undefined ? profile.stack.account : literalString(id, `the AwsAccountId of ${environment.label}`);
}

/** The Region a configuration targets. */
export function regionOf(environment: ProfileEnvironment): string {
  return literalString(environment.configuration.AwsRegion?.RegionName, `the RegionName of ${environment.label}`);
}

/**
 * The names AWS gives environment configurations of a managed blueprint (the console's and AWS's sample
 * profiles'), when it is not the blueprint's own name: the name is what the template says a configuration is.
 */
const CONFIGURATION_NAMES: Readonly<Record<string, string>> = { 'Lakehouse Database': 'DataLake' };

/**
 * Which managed blueprint an environment configuration uses, from what the template says: a literal
 * blueprint name; a blueprint configuration of the stack it refers to (`Fn::GetAtt X.EnvironmentBlueprintId`);
 * the name a lookup custom resource of the stack asks for (`ListEnvironmentBlueprints` with `name`); else the
 * configuration's own `Name` when it is a managed blueprint's name (or 'Lakehouse Database'). A literal id is
 * opaque: it identifies the blueprint (`id`) without naming it, unless the configuration's name does.
 * Throws `CouldNotEvaluate` naming the value when the template says nothing.
 */
export function blueprintOf(profile: IndexedResource, environment: ProfileEnvironment, mesh: MeshIndex): BlueprintIdentity {
  const value = environment.configuration.EnvironmentBlueprintId;
  const configurationName = environment.name;
  const byName = configurationName === undefined ? undefined
    : isManagedBlueprintName(configurationName) ? configurationName : CONFIGURATION_NAMES[configurationName];
  const named = (identity: BlueprintIdentity): BlueprintIdentity =>
    (identity.name === undefined && byName !== undefined ? { ...identity, name: byName, how: `${identity.how}, named ${byName} by the configuration's name` } : identity);
  if (typeof value === 'string') {
    return named(isManagedBlueprintName(value) ? { name: value, how: `the name ${value}` } : { id: value, how: `the id ${value}` });
  }
  const target = mesh.target(profile, value);
  if (target?.type === 'AWS::DataZone::EnvironmentBlueprintConfiguration') {
    return named(configurationIdentity(target));
  }
  if (target) {
    const call = JSON.stringify(target.properties.Create ?? target.properties.Update ?? '');
    if (typeof target.properties.BlueprintName === 'string') {
      // The library's exact-name lookup (Custom::ManagedBlueprintId).
      return { name: target.properties.BlueprintName, how: `the lookup ${target.logicalId} of the name ${target.properties.BlueprintName}` };
    }
    const name = /\\"name\\":\\"([a-zA-Z0-9_-]+)\\"/.exec(call);
    if (name) {
      return { name: name[1], how: `the lookup ${target.logicalId} of the name ${name[1]}` };
    }
  }
  if (byName !== undefined) {
    return { name: byName, how: `the configuration's name '${environment.name}'` };
  }
  throw new CouldNotEvaluate(`the blueprint of ${environment.label}`, value);
}
