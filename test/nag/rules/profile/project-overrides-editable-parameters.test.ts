/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

/** A hand-written consumer profile (opaque blueprint ids, as copied from a console) and a project from it. */
function profileAndProject(stack: Stack, options: { overrides?: any[]; userParameters?: any[]; profileId?: string } = {}) {
  const profile = new datazone.CfnProjectProfile(stack, 'ConsumerProfile', {
    name: 'consumer-project-profile',
    domainIdentifier: 'dzd_abc123',
    environmentConfigurations: [
      { name: 'Tooling', environmentBlueprintId: 'cjegf7f6kky6w7', awsAccount: { awsAccountId: '333333333333' }, awsRegion: { regionName: 'eu-west-1' }, deploymentMode: 'ON_CREATE', deploymentOrder: 0 },
      {
        name: 'Lakehouse Database',
        environmentBlueprintId: 'd6y5smpdi8x9lz',
        awsAccount: { awsAccountId: '333333333333' },
        awsRegion: { regionName: 'eu-west-1' },
        deploymentMode: 'ON_CREATE',
        deploymentOrder: 1,
        configurationParameters: options.overrides ? { parameterOverrides: options.overrides } : undefined,
      },
    ],
  });
  new datazone.CfnProject(stack, 'ConsumerProject', {
    domainIdentifier: 'dzd_abc123',
    name: 'consumer',
    projectProfileId: options.profileId ?? profile.attrId,
    userParameters: options.userParameters ?? [{ environmentConfigurationName: 'Lakehouse Database', environmentParameters: [{ name: 'glueDbName', value: 'consumer_db' }] }],
  });
}

const pp3 = (stack: Stack) => dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-PP3'));

describe('DataMesh-PP3: a project overrides only what its profile declares editable', () => {
  test('accepts a glueDbName override that the profile declares editable (as AWS\'s samples do)', () => {
    const stack = testStack();
    profileAndProject(stack, { overrides: [{ name: 'glueDbName', value: 'glue_db', isEditable: true }] });
    expect(pp3(stack)).toEqual([]);
  });

  test('flags an override the profile does not declare, naming the parameter, the configuration and the profile', () => {
    const stack = testStack();
    profileAndProject(stack);
    const [violation] = pp3(stack);
    expect(violation.ruleName).toBe('DataMesh-PP3[Lakehouse Database.glueDbName]');
    expect(violation.description).toMatch(/glueDbName set for 'Lakehouse Database', which profile ConsumerProfile does not declare editable/);
  });

  test('flags an override the profile declares not editable', () => {
    const stack = testStack();
    profileAndProject(stack, { overrides: [{ name: 'glueDbName', value: 'glue_db', isEditable: false }] });
    expect(pp3(stack)[0].description).toMatch(/which profile ConsumerProfile declares not editable/);
  });

  test('flags parameters for a configuration the profile does not have, listing the ones it has', () => {
    const stack = testStack();
    profileAndProject(stack, {
      overrides: [{ name: 'glueDbName', value: 'glue_db', isEditable: true }],
      userParameters: [{ environmentConfigurationName: 'DataLake', environmentParameters: [{ name: 'glueDbName', value: 'consumer_db' }] }],
    });
    expect(pp3(stack)[0].description).toMatch(/the environment configuration 'DataLake', which profile ConsumerProfile does not have \(it has 'Tooling', 'Lakehouse Database'\)/);
  });

  test('does not apply to a project without user parameters, nor to other resources', () => {
    const stack = testStack();
    profileAndProject(stack, { userParameters: [] });
    expect(pp3(stack)).toEqual([]);
    expect(dataMeshFindings(stack).filter((f) => f.startsWith('DataMesh-PP3'))).toEqual([]);
  });

  test('does not apply when the profile is in another stack or template (an id given as a parameter, as AWS\'s samples do)', () => {
    const stack = testStack();
    profileAndProject(stack, { profileId: deployTimeParameter(stack, 'ProfileId') });
    expect(pp3(stack)).toEqual([]);
  });

  test('skips user parameters of an existing environment (EnvironmentId, no configuration name)', () => {
    const stack = testStack();
    profileAndProject(stack, { overrides: [], userParameters: [{ environmentId: 'env123', environmentParameters: [{ name: 'glueDbName', value: 'x' }] }] });
    expect(pp3(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when IsEditable is a parameter', () => {
    const stack = testStack();
    profileAndProject(stack, { overrides: [{ name: 'glueDbName', value: 'glue_db', isEditable: deployTimeParameter(stack, 'Editable') as any }] });
    expect(pp3(stack)[0].description).toMatch(/could not evaluate: IsEditable of glueDbName/);
  });
});
