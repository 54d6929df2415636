/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { IndexedResource, literalList, literalString, MeshIndex } from '../../mesh-index';

/** One environment configuration of a project profile. */
export interface ProfileEnvironment {
  readonly name?: string;
  readonly blueprintId: unknown;
  readonly account?: string;
  readonly region: string;
}

/** The environment configurations of a project profile. */
export function environmentsOf(profile: IndexedResource): ProfileEnvironment[] {
  return literalList(profile.properties.EnvironmentConfigurations, `EnvironmentConfigurations of ${profile.logicalId}`).map((c: any) => ({
    name: typeof c?.Name === 'string' ? c.Name : undefined,
    blueprintId: c?.EnvironmentBlueprintId,
    account: c?.AwsAccount?.AwsAccountId === undefined ? undefined : literalString(c.AwsAccount.AwsAccountId, `AwsAccountId of a configuration of ${profile.logicalId}`),
    region: literalString(c?.AwsRegion?.RegionName, `RegionName of a configuration of ${profile.logicalId}`),
  }));
}

/**
 * The managed blueprint an environment configuration uses: a literal id or name, or the name a
 * lookup custom resource in the stack asks for (`BlueprintName` of the library's lookup, or
 * `ListEnvironmentBlueprints` with `name` in an AwsCustomResource call).
 */
export function blueprintOf(profile: IndexedResource, environment: ProfileEnvironment, mesh: MeshIndex): string | undefined {
  if (typeof environment.blueprintId === 'string') {
    return environment.blueprintId;
  }
  const lookup = mesh.target(profile, environment.blueprintId);
  if (lookup) {
    if (typeof lookup.properties.BlueprintName === 'string') {
      return lookup.properties.BlueprintName;
    }
    const call = JSON.stringify(lookup.properties.Create ?? lookup.properties.Update ?? '');
    const name = /\\"name\\":\\"([a-zA-Z0-9_-]+)\\"/.exec(call);
    return name ? name[1] : undefined;
  }
  return undefined;
}
