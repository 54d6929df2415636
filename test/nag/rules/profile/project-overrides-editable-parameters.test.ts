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

  const said = (stack: Stack) => pp3(stack).map((v) => `${v.ruleName}: ${v.description.replace(/^.*?Test\/ConsumerProject: /, '').replace(/\. To accept: [^]*$/, '')}`);
  const parameters = (userParameters: any[], overrides: any[] = [{ name: 'glueDbName', value: 'glue_db', isEditable: true }]) => {
    const stack = testStack();
    profileAndProject(stack, { overrides, userParameters: [] });
    (stack.node.findChild('ConsumerProject') as datazone.CfnProject).addPropertyOverride('UserParameters', userParameters);
    return stack;
  };

  test('reads an entry that names a configuration and an environment as the configuration\'s', () => {
    const stack = parameters([{ EnvironmentConfigurationName: 'Lakehouse Database', EnvironmentId: 'env123', EnvironmentParameters: [{ Name: 'other', Value: 'x' }] }]);
    expect(said(stack)).toEqual(["DataMesh-PP3[Lakehouse Database.other]: found other set for 'Lakehouse Database', which profile ConsumerProfile does not declare editable."]);
  });

  test('names what it cannot read: a null entry, an entry with neither name nor environment, a null parameter, the lists themselves', () => {
    expect(said(parameters([null]))).toEqual([
      'DataMesh-PP3[Unverified]: could not evaluate: EnvironmentConfigurationName of a user parameter of ConsumerProject is not known at synth (a token, parameter or intrinsic function)',
    ]);
    expect(said(parameters([{ EnvironmentParameters: [] }])).map((t) => t.split(':')[0])).toEqual(['DataMesh-PP3[Unverified]']);
    expect(said(parameters([{ EnvironmentConfigurationName: 'Lakehouse Database', EnvironmentParameters: [null] }]))).toEqual([
      "DataMesh-PP3[Unverified]: could not evaluate: a parameter name of 'Lakehouse Database' in ConsumerProject is not known at synth (a token, parameter or intrinsic function)",
    ]);
    expect(said(parameters({ 'Fn::If': ['C', [], []] } as any))).toEqual([
      'DataMesh-PP3[Unverified]: could not evaluate: UserParameters of ConsumerProject ({"Fn::If":["C",[],[]]}) is not known at synth (a token, parameter or intrinsic function)',
    ]);
    const profileList = parameters([{ EnvironmentConfigurationName: 'Tooling', EnvironmentParameters: [] }]);
    (profileList.node.findChild('ConsumerProfile') as datazone.CfnProjectProfile).addPropertyOverride('EnvironmentConfigurations', { 'Fn::If': ['C', [], []] });
    expect(said(profileList)).toEqual([
      'DataMesh-PP3[Unverified]: could not evaluate: EnvironmentConfigurations of ConsumerProfile ({"Fn::If":["C",[],[]]}) is not known at synth (a token, parameter or intrinsic function)',
    ]);
  });

  test('matches an override by its name only: another parameter\'s editable override does not make this one editable', () => {
    expect(said(parameters([{ EnvironmentConfigurationName: 'Lakehouse Database', EnvironmentParameters: [{ Name: 'glueDbName', Value: 'x' }] }],
      [null, { name: 'other', value: 'o', isEditable: true }])))
      .toEqual(["DataMesh-PP3[Lakehouse Database.glueDbName]: found glueDbName set for 'Lakehouse Database', which profile ConsumerProfile does not declare editable."]);
  });

  test('lists the configurations the profile has, "none" when it has none, and reads past a null one', () => {
    const none = parameters([{ EnvironmentConfigurationName: 'DataLake', EnvironmentParameters: [] }]);
    (none.node.findChild('ConsumerProfile') as datazone.CfnProjectProfile).addPropertyOverride('EnvironmentConfigurations', []);
    expect(said(none)).toEqual(["DataMesh-PP3[DataLake]: found parameters for the environment configuration 'DataLake', which profile ConsumerProfile does not have (it has none)."]);
    const withNull = parameters([{ EnvironmentConfigurationName: 'DataLake', EnvironmentParameters: [] }]);
    (withNull.node.findChild('ConsumerProfile') as datazone.CfnProjectProfile).addPropertyOverride('EnvironmentConfigurations', [null, { Name: 'Tooling' }]);
    expect(said(withNull)).toEqual(["DataMesh-PP3[DataLake]: found parameters for the environment configuration 'DataLake', which profile ConsumerProfile does not have (it has 'undefined', 'Tooling')."]);
  });

  test('does not apply to a project whose ProjectProfileId refers to a resource that is not a profile', () => {
    const stack = parameters([{ EnvironmentConfigurationName: 'DataLake', EnvironmentParameters: [] }]);
    const other = new datazone.CfnProjectProfile(stack, 'Unused', { name: 'unused', domainIdentifier: 'dzd_abc123' });
    (stack.node.findChild('ConsumerProject') as datazone.CfnProject).addPropertyOverride('ProjectProfileId', { 'Fn::GetAtt': ['ConsumerProfileDomainUnit', 'Id'] });
    expect(other).toBeDefined();
    new datazone.CfnDomainUnit(stack, 'ConsumerProfileDomainUnit', { domainIdentifier: 'dzd_abc123', name: 'u', parentDomainUnitIdentifier: 'root' });
    (stack.node.findChild('ConsumerProject') as datazone.CfnProject).addPropertyOverride('ProjectProfileId', { 'Fn::GetAtt': [stack.resolve((stack.node.findChild('ConsumerProfileDomainUnit') as datazone.CfnDomainUnit).logicalId), 'Id'] });
    expect(said(stack)).toEqual([]);
  });
});
