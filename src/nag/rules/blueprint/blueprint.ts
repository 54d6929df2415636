/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { IndexedResource, literalString } from '../../mesh-index';

/** The managed blueprint name of a blueprint configuration, e.g. `Tooling` (identifiers are names or ids). */
export function blueprintName(configuration: IndexedResource): string {
  return literalString(configuration.properties.EnvironmentBlueprintIdentifier, `EnvironmentBlueprintIdentifier of ${configuration.logicalId}`);
}

/** True when a blueprint configuration enables the Tooling blueprint. */
export function isTooling(configuration: IndexedResource): boolean {
  return blueprintName(configuration) === 'Tooling';
}

/** The regional parameters of a blueprint configuration, by Region. */
export function regionalParameters(configuration: IndexedResource): Map<string, Record<string, unknown>> {
  const byRegion = new Map<string, Record<string, unknown>>();
  const list = configuration.properties.RegionalParameters;
  if (Array.isArray(list)) {
    for (const entry of list) {
      byRegion.set(literalString(entry?.Region, `a Region of the RegionalParameters of ${configuration.logicalId}`), entry?.Parameters ?? {});
    }
  }
  return byRegion;
}
