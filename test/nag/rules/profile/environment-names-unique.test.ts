/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const DOMAIN = 'dzd_4f8a2b1c9e3d7h';

/** A profile whose environment configurations have the given names (blueprint ids are opaque, as the console shows them). */
function profile(stack: Stack, names: string[]) {
  return new datazone.CfnProjectProfile(stack, 'Profile', {
    name: 'consumer-project-profile',
    domainIdentifier: DOMAIN,
    environmentConfigurations: names.map((name, i) => ({
      name,
      environmentBlueprintId: ['cjegf7f6kky6w7', 'd1srxk8dfq9ofb', '5k2d7w8h3n4qzr'][i % 3],
      awsAccount: { awsAccountId: '333333333333' },
      awsRegion: { regionName: 'eu-west-1' },
      deploymentMode: 'ON_CREATE',
      deploymentOrder: i,
    })),
  });
}

const pp4 = (stack: Stack) => dataMeshViolations(stack).find((v) => v.ruleName.startsWith('DataMesh-PP4'));

describe('DataMesh-PP4: the environment configurations of a project profile have distinct names', () => {
  test('accepts a profile whose configurations are named Tooling and Lakehouse Database', () => {
    const stack = testStack();
    profile(stack, ['Tooling', 'Lakehouse Database']);
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-PP4'))).toEqual([]);
  });

  test('flags a profile that lists Tooling twice, naming the name, the positions and the fix', () => {
    const stack = testStack();
    profile(stack, ['Tooling', 'Lakehouse Database', 'Tooling']);
    const violation = pp4(stack);
    expect(violation?.ruleName).toBe('DataMesh-PP4[Tooling]');
    expect(violation?.severity).toBe('error');
    expect(violation?.description).toMatch(/found the Name 'Tooling' on 2 environment configurations \(positions 0, 2\); every configuration of a profile needs a Name of its own/);
    expect((violation as any)?.fix).toMatch(/Give each environment configuration of the profile its own Name/);
  });

  test('does not apply to a profile with a single configuration, nor to an empty one', () => {
    const single = testStack();
    profile(single, ['Tooling']);
    const empty = testStack();
    profile(empty, []);
    expect(pp4(single)).toBeUndefined();
    expect(pp4(empty)).toBeUndefined();
  });

  test('reports "could not evaluate" when a configuration\'s Name is a parameter', () => {
    const stack = testStack();
    profile(stack, ['Tooling', deployTimeParameter(stack, 'EnvironmentName')]);
    expect(pp4(stack)?.description).toMatch(/could not evaluate: the Name of environment configuration 1 of Profile/);
  });

  test('names what it cannot read: the list of configurations, or a configuration\'s Name, by its position', () => {
    const list = testStack();
    profile(list, ['Tooling']).addPropertyOverride('EnvironmentConfigurations', { 'Fn::If': ['C', [], []] });
    expect(pp4(list)?.description).toMatch(/could not evaluate: EnvironmentConfigurations of Profile \(\{"Fn::If":\["C",\[\],\[\]\]\}\) is not known/);
    const entry = testStack();
    profile(entry, ['Tooling']).addPropertyOverride('EnvironmentConfigurations', [null, { Name: 'Tooling' }]);
    expect(pp4(entry)?.description).toMatch(/could not evaluate: the Name of environment configuration 0 of Profile is not known/);
  });
});
