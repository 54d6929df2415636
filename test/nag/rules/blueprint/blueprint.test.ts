/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { MeshIndex } from '../../../../src/nag/mesh-index';
import {
  blueprintName, configurationIdentity, enabledRegions, isManagedBlueprintName, isTooling, MANAGED_BLUEPRINT_NAMES, regionalParameters, sameBlueprint,
} from '../../../../src/nag/rules/blueprint/blueprint';
import { testStack } from '../../../util';
import { couldNotEvaluate, deployTimeParameter } from '../../fixtures';

/** A blueprint configuration of `identifier` with the given properties overridden, as the index reads it. */
function configuration(identifier: unknown, overrides: Record<string, unknown> = {}) {
  const stack = testStack();
  const resolved = typeof identifier === 'function' ? identifier(stack) : identifier;
  const node = new datazone.CfnEnvironmentBlueprintConfiguration(stack, 'Config', {
    domainIdentifier: 'dzd_abc123',
    environmentBlueprintIdentifier: resolved as string,
    enabledRegions: ['eu-west-1'],
  });
  for (const [key, value] of Object.entries(overrides)) {
    node.addPropertyOverride(key, value);
  }
  return MeshIndex.build(stack).get(node)!;
}


describe('the blueprint a configuration enables', () => {
  test('knows the names of the managed blueprints, exactly and with their case', () => {
    for (const name of ['Tooling', 'DataLake', 'LakehouseCatalog', 'RedshiftServerless', 'EmrServerless', 'EmrOnEc2', 'Workflows', 'MLExperiments',
      'PartnerApps', 'QuickSight', 'AmazonBedrockGuardrail', 'AmazonBedrockPrompt', 'AmazonBedrockEvaluation', 'AmazonBedrockKnowledgeBase',
      'AmazonBedrockChatAgent', 'AmazonBedrockFunction', 'AmazonBedrockFlow']) {
      expect(isManagedBlueprintName(name)).toBe(true);
    }
    expect(MANAGED_BLUEPRINT_NAMES.size).toBe(17);
    for (const text of ['tooling', 'Tooling ', 'cjegf7f6kky6w7', '']) {
      expect(isManagedBlueprintName(text)).toBe(false);
    }
  });

  test('identifies a configuration by its managed name, or else by its blueprint id, saying which', () => {
    expect(configurationIdentity(configuration('Tooling'))).toEqual({ name: 'Tooling', how: "blueprint configuration Config's name Tooling" });
    expect(configurationIdentity(configuration('cjegf7f6kky6w7'))).toEqual({ id: 'cjegf7f6kky6w7', how: "blueprint configuration Config's id cjegf7f6kky6w7" });
  });

  test('compares two identities by name or by id, never an absent name or id with another absent one', () => {
    expect(sameBlueprint({ name: 'Tooling', how: 'a' }, { name: 'Tooling', how: 'b' })).toBe(true);
    expect(sameBlueprint({ id: 'x', how: 'a' }, { id: 'x', how: 'b' })).toBe(true);
    expect(sameBlueprint({ name: 'Tooling', id: 'x', how: 'a' }, { name: 'DataLake', id: 'x', how: 'b' })).toBe(true);
    expect(sameBlueprint({ name: 'Tooling', how: 'a' }, { name: 'DataLake', how: 'b' })).toBe(false);
    expect(sameBlueprint({ id: 'x', how: 'a' }, { id: 'y', how: 'b' })).toBe(false);
    expect(sameBlueprint({ how: 'a' }, { how: 'b' })).toBe(false);
    expect(sameBlueprint({ name: 'Tooling', how: 'a' }, { id: 'Tooling', how: 'b' })).toBe(false);
  });

  test('reads the blueprint identifier, and whether it is Tooling, or names what it cannot read', () => {
    expect(blueprintName(configuration('DataLake'))).toBe('DataLake');
    expect([isTooling(configuration('Tooling')), isTooling(configuration('DataLake')), isTooling(configuration('tooling'))]).toEqual([true, false, false]);
    expect(couldNotEvaluate(() => blueprintName(configuration((stack: any) => deployTimeParameter(stack, 'Blueprint')))))
      .toBe('could not evaluate: EnvironmentBlueprintIdentifier of Config (parameter Blueprint, no default) is not known at synth (a token, parameter or intrinsic function)');
  });

  test('reads the enabled Regions, none when absent, or names the list or the Region it cannot read', () => {
    expect(enabledRegions(configuration('Tooling', { EnabledRegions: ['eu-west-1', 'us-east-1'] }))).toEqual(['eu-west-1', 'us-east-1']);
    expect(enabledRegions(configuration('Tooling', { EnabledRegions: undefined }))).toEqual([]);
    expect(couldNotEvaluate(() => enabledRegions(configuration('Tooling', { EnabledRegions: { 'Fn::Split': [',', { Ref: 'Regions' }] } }))))
      .toMatch(/^could not evaluate: EnabledRegions of Config \(\{"Fn::Split"/);
    expect(couldNotEvaluate(() => enabledRegions(configuration('Tooling', { EnabledRegions: ['eu-west-1', { Ref: 'Other' }] }))))
      .toMatch(/^could not evaluate: an enabled Region of Config \(\{ Ref: Other \}/);
  });

  test('reads the regional parameters by Region, an entry without parameters as none, and names a list or a Region it cannot read', () => {
    const parameters = regionalParameters(configuration('Tooling', {
      RegionalParameters: [{ Region: 'eu-west-1', Parameters: { VpcId: 'vpc-1' } }, { Region: 'us-east-1' }],
    }));
    expect([...parameters.entries()]).toEqual([['eu-west-1', { VpcId: 'vpc-1' }], ['us-east-1', {}]]);
    expect(regionalParameters(configuration('Tooling')).size).toBe(0);
    expect(couldNotEvaluate(() => regionalParameters(configuration('Tooling', { RegionalParameters: { 'Fn::If': ['C', [], []] } }))))
      .toMatch(/^could not evaluate: RegionalParameters of Config \(\{"Fn::If"/);
    expect(couldNotEvaluate(() => regionalParameters(configuration('Tooling', { RegionalParameters: [{ Region: { Ref: 'R' }, Parameters: {} }] }))))
      .toMatch(/^could not evaluate: a Region of the RegionalParameters of Config \(\{ Ref: R \}/);
    expect(couldNotEvaluate(() => regionalParameters(configuration('Tooling', { RegionalParameters: [null] }))))
      .toBe('could not evaluate: a Region of the RegionalParameters of Config is not known at synth (a token, parameter or intrinsic function)');
  });
});
