/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { CouldNotEvaluate } from '../../../../src/nag/could-not-evaluate';
import { MeshIndex } from '../../../../src/nag/mesh-index';
import { accountOf, blueprintOf, environmentsOf, regionOf } from '../../../../src/nag/rules/profile/profile';
import { testStack } from '../../../util';
import { couldNotEvaluate, deployTimeParameter } from '../../fixtures';


/** A profile `Profile` of `stack` whose EnvironmentConfigurations are `configurations` as written, and the index. */
function profileOf(stack: Stack, configurations: unknown) {
  const node = new datazone.CfnProjectProfile(stack, 'Profile', { name: 'p', domainIdentifier: 'dzd_abc123' });
  node.addPropertyOverride('EnvironmentConfigurations', configurations);
  const mesh = MeshIndex.build(stack);
  const profile = mesh.get(node)!;
  return { profile, mesh, environments: () => environmentsOf(profile) };
}

describe('the environment configurations of a project profile', () => {
  test('are labelled by their name, or by their position when they have none, and a null one reads as empty', () => {
    const { environments } = profileOf(testStack(), [{ Name: 'Tooling' }, { Name: { Ref: 'N' } }, null]);
    expect(environments().map(({ index, name, configuration, label }) => ({ index, name, configuration, label }))).toEqual([
      { index: 0, name: 'Tooling', configuration: { Name: 'Tooling' }, label: "'Tooling' of Profile" },
      { index: 1, name: undefined, configuration: { Name: { Ref: 'N' } }, label: 'configuration 1 of Profile' },
      { index: 2, name: undefined, configuration: {}, label: 'configuration 2 of Profile' },
    ]);
  });

  test('cannot be read from a list known only at deploy, naming the property', () => {
    const { environments } = profileOf(testStack(), { 'Fn::If': ['C', [], []] });
    expect(couldNotEvaluate(environments)).toMatch(/^could not evaluate: EnvironmentConfigurations of Profile \(\{"Fn::If"/);
  });

  test('are in the account they name, else in the profile stack\'s own, and in the Region they name', () => {
    const stack = testStack();
    const { profile, environments } = profileOf(stack, [
      { Name: 'A', AwsAccount: { AwsAccountId: '222222222222' }, AwsRegion: { RegionName: 'us-east-1' } },
      { Name: 'B' },
      { Name: 'C', AwsAccount: { AwsAccountId: deployTimeParameter(stack, 'Account') }, AwsRegion: { RegionName: deployTimeParameter(stack, 'Region') } },
      { Name: 'D', AwsAccount: {} },
    ]);
    const [a, b, c, d] = environments();
    expect([accountOf(profile, a), accountOf(profile, b), accountOf(profile, d)]).toEqual(['222222222222', '111111111111', '111111111111']);
    expect(regionOf(a)).toBe('us-east-1');
    expect(couldNotEvaluate(() => accountOf(profile, c))).toBe("could not evaluate: the AwsAccountId of 'C' of Profile (parameter Account, no default) is not known at synth (a token, parameter or intrinsic function)");
    expect(couldNotEvaluate(() => regionOf(c))).toMatch(/^could not evaluate: the RegionName of 'C' of Profile \(parameter Region, no default\)/);
    expect(couldNotEvaluate(() => regionOf(b))).toBe("could not evaluate: the RegionName of 'B' of Profile is not known at synth (a token, parameter or intrinsic function)");
  });
});

describe('blueprintOf: which blueprint an environment configuration uses, from what the template says', () => {
  function blueprints(configurations: (stack: Stack) => unknown[]) {
    const stack = testStack();
    const tooling = new datazone.CfnEnvironmentBlueprintConfiguration(stack, 'ToolingConfiguration', { domainIdentifier: 'dzd_abc123', environmentBlueprintIdentifier: 'Tooling', enabledRegions: [] });
    const opaque = new datazone.CfnEnvironmentBlueprintConfiguration(stack, 'OpaqueConfiguration', { domainIdentifier: 'dzd_abc123', environmentBlueprintIdentifier: 'cjegf7f6kky6w7', enabledRegions: [] });
    const lookup = new CfnResource(stack, 'Lookup', { type: 'Custom::ManagedBlueprintId', properties: { DomainId: 'dzd_abc123', BlueprintName: 'DataLake' } });
    const sdkCall = new CfnResource(stack, 'SdkLookup', {
      type: 'Custom::AWS',
      properties: { Create: JSON.stringify({ service: 'DataZone', action: 'listEnvironmentBlueprints', parameters: { domainIdentifier: 'dzd_abc123', managed: true, name: 'Workflows' } }) },
    });
    const sdkUpdate = new CfnResource(stack, 'SdkUpdate', { type: 'Custom::AWS', properties: { Update: JSON.stringify({ parameters: { name: 'EmrServerless' } }) } });
    const other = new CfnResource(stack, 'Other', { type: 'Custom::Thing', properties: { Create: JSON.stringify({ parameters: { other: 'x' } }) } });
    const refs = { tooling, opaque, lookup, sdkCall, sdkUpdate, other, stack };
    const { profile, mesh, environments } = profileOf(stack, configurations(refs as any));
    return environments().map((e) => {
      try {
        return blueprintOf(profile, e, mesh);
      } catch (error) {
        expect(error).toBeInstanceOf(CouldNotEvaluate);
        return (error as Error).message;
      }
    });
  }

  test('a literal managed name is that blueprint; a literal id is opaque, unless the configuration\'s name names it', () => {
    expect(blueprints(() => [
      { Name: 'x', EnvironmentBlueprintId: 'DataLake' },
      { Name: 'x', EnvironmentBlueprintId: 'cjegf7f6kky6w7' },
      { Name: 'Tooling', EnvironmentBlueprintId: 'cjegf7f6kky6w7' },
      { Name: 'Lakehouse Database', EnvironmentBlueprintId: 'd6y5smpdi8x9lz' },
      { EnvironmentBlueprintId: 'd6y5smpdi8x9lz' },
    ])).toEqual([
      { name: 'DataLake', how: 'the name DataLake' },
      { id: 'cjegf7f6kky6w7', how: 'the id cjegf7f6kky6w7' },
      { id: 'cjegf7f6kky6w7', name: 'Tooling', how: "the id cjegf7f6kky6w7, named Tooling by the configuration's name" },
      { id: 'd6y5smpdi8x9lz', name: 'DataLake', how: "the id d6y5smpdi8x9lz, named DataLake by the configuration's name" },
      { id: 'd6y5smpdi8x9lz', how: 'the id d6y5smpdi8x9lz' },
    ]);
  });

  test('a blueprint configuration referred to is its blueprint, named by its name or by the configuration\'s', () => {
    expect(blueprints((r: any) => [
      { Name: 'x', EnvironmentBlueprintId: r.tooling.attrEnvironmentBlueprintId },
      { Name: 'x', EnvironmentBlueprintId: r.opaque.attrEnvironmentBlueprintId },
      { Name: 'Workflows', EnvironmentBlueprintId: r.opaque.attrEnvironmentBlueprintId },
      { Name: 'Tooling', EnvironmentBlueprintId: r.tooling.attrEnvironmentBlueprintId },
    ])).toEqual([
      { name: 'Tooling', how: "blueprint configuration ToolingConfiguration's name Tooling" },
      { id: 'cjegf7f6kky6w7', how: "blueprint configuration OpaqueConfiguration's id cjegf7f6kky6w7" },
      { id: 'cjegf7f6kky6w7', name: 'Workflows', how: "blueprint configuration OpaqueConfiguration's id cjegf7f6kky6w7, named Workflows by the configuration's name" },
      { name: 'Tooling', how: "blueprint configuration ToolingConfiguration's name Tooling" },
    ]);
  });

  test('a lookup referred to is the blueprint it asks for by name: the library\'s, or an SDK call\'s Create or Update', () => {
    expect(blueprints((r: any) => [
      { Name: 'Tooling', EnvironmentBlueprintId: r.lookup.getAtt('Id') },
      { Name: 'x', EnvironmentBlueprintId: r.sdkCall.getAtt('items.0.id') },
      { Name: 'x', EnvironmentBlueprintId: r.sdkUpdate.getAtt('items.0.id') },
    ])).toEqual([
      { name: 'DataLake', how: 'the lookup Lookup of the name DataLake' },
      { name: 'Workflows', how: 'the lookup SdkLookup of the name Workflows' },
      { name: 'EmrServerless', how: 'the lookup SdkUpdate of the name EmrServerless' },
    ]);
  });

  test('anything else is the configuration\'s name when that names a blueprint, else "could not evaluate" naming the value', () => {
    const found = blueprints((r: any) => [
      { Name: 'Tooling', EnvironmentBlueprintId: r.other.getAtt('Id') },
      { Name: 'x', EnvironmentBlueprintId: r.other.getAtt('Id') },
      { Name: 'Lakehouse Database', EnvironmentBlueprintId: deployTimeParameter(r.stack, 'Blueprint') },
      { Name: 'Custom', EnvironmentBlueprintId: { Ref: 'Blueprint' } },
      { EnvironmentBlueprintId: { 'Fn::ImportValue': 'Id' } },
    ]);
    expect(found).toEqual([
      { name: 'Tooling', how: "the configuration's name 'Tooling'" },
      "could not evaluate: the blueprint of 'x' of Profile ({ Fn::GetAtt: Other.Id }) is not known at synth (a token, parameter or intrinsic function)",
      { name: 'DataLake', how: "the configuration's name 'Lakehouse Database'" },
      "could not evaluate: the blueprint of 'Custom' of Profile (parameter Blueprint, no default) is not known at synth (a token, parameter or intrinsic function)",
      'could not evaluate: the blueprint of configuration 4 of Profile (Fn::ImportValue Id) is not known at synth (a token, parameter or intrinsic function)',
    ]);
  });
});
