/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { IndexedResource, literalList, literalString } from '../../mesh-index';

/**
 * The managed blueprints of a SageMaker Unified Studio domain, by name (those AWS's sample
 * enable_all_blueprints template enables, and QuickSight). `EnvironmentBlueprintIdentifier` takes a name
 * or an id; a blueprint id is opaque (e.g. `cjegf7f6kky6w7`) and says nothing of the blueprint it is.
 */
export const MANAGED_BLUEPRINT_NAMES: ReadonlySet<string> = new Set([
  'Tooling', 'DataLake', 'LakehouseCatalog', 'RedshiftServerless', 'EmrServerless', 'EmrOnEc2', 'Workflows', 'MLExperiments',
  'PartnerApps', 'QuickSight', 'AmazonBedrockGuardrail', 'AmazonBedrockPrompt', 'AmazonBedrockEvaluation', 'AmazonBedrockKnowledgeBase',
  'AmazonBedrockChatAgent', 'AmazonBedrockFunction', 'AmazonBedrockFlow',
]);

/** True when `text` is the name of a managed blueprint (not an opaque id). */
export function isManagedBlueprintName(text: string): boolean {
  return MANAGED_BLUEPRINT_NAMES.has(text);
}

/** What a template says a blueprint is: its managed name, its opaque id, or both; `how` says where that was read. */
export interface BlueprintIdentity {
  readonly name?: string;
  readonly id?: string;
  readonly how: string;
}

/** True when two identities are known to be the same blueprint (same name or same id). */
export function sameBlueprint(a: BlueprintIdentity, b: BlueprintIdentity): boolean {
  return (a.name !== undefined && a.name === b.name) || (a.id !== undefined && a.id === b.id);
}

/** The blueprint a blueprint configuration enables, from its literal `EnvironmentBlueprintIdentifier` (a name or an id). */
export function configurationIdentity(configuration: IndexedResource): BlueprintIdentity {
  const identifier = blueprintName(configuration);
  return isManagedBlueprintName(identifier)
    ? { name: identifier, how: `blueprint configuration ${configuration.logicalId}'s name ${identifier}` }
    : { id: identifier, how: `blueprint configuration ${configuration.logicalId}'s id ${identifier}` };
}

/** The literal `EnvironmentBlueprintIdentifier` of a blueprint configuration (a managed name such as `Tooling`, or an id). */
export function blueprintName(configuration: IndexedResource): string {
  return literalString(configuration.properties.EnvironmentBlueprintIdentifier, `EnvironmentBlueprintIdentifier of ${configuration.logicalId}`);
}

/** True when a blueprint configuration enables the Tooling blueprint. */
export function isTooling(configuration: IndexedResource): boolean {
  return blueprintName(configuration) === 'Tooling';
}

/** The Regions a blueprint configuration enables, each a literal (pseudo parameters are resolved by the index). */
export function enabledRegions(configuration: IndexedResource): string[] {
  return literalList(configuration.properties.EnabledRegions, `EnabledRegions of ${configuration.logicalId}`)
    .map((region) => literalString(region, `an enabled Region of ${configuration.logicalId}`));
}

/** The regional parameters of a blueprint configuration, by Region. */
export function regionalParameters(configuration: IndexedResource): Map<string, Record<string, unknown>> {
  const byRegion = new Map<string, Record<string, unknown>>();
  for (const entry of literalList(configuration.properties.RegionalParameters, `RegionalParameters of ${configuration.logicalId}`) as any[]) {
    // A null entry has no Region: literalString throws before its Parameters are read.
    byRegion.set(literalString(entry?.Region, `a Region of the RegionalParameters of ${configuration.logicalId}`), entry.Parameters ?? {});
  }
  return byRegion;
}
