/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CustomResource } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Profile, l1Tooling } from '../../fixtures';

const TOOLING_ID = 'cjegf7f6kky6w7';
const DATA_LAKE_ID = 'd6y5smpdi8x9lz';
const pp1 = (scope: any, id = 'DataMesh-PP1') => dataMeshViolations(scope).find((v) => v.ruleName === id);

describe('DataMesh-PP1: every project profile lists Tooling', () => {
  test('accepts a configuration named Tooling whose blueprint id is a literal opaque id (copied from the console)', () => {
    const stack = testStack();
    l1Profile(stack, [{ name: 'Tooling', blueprintId: TOOLING_ID, account: '111111111111' }, { name: 'Lakehouse Database', blueprintId: DATA_LAKE_ID, account: '111111111111' }]);
    expect(dataMeshFindings(stack).filter((f) => f.startsWith('DataMesh-PP1'))).toEqual([]);
  });

  test('accepts a configuration whose blueprint id is the EnvironmentBlueprintId of the stack\'s Tooling configuration', () => {
    const stack = testStack();
    const tooling = l1Tooling(stack, 'subnet-1,subnet-2');
    new datazone.CfnProjectProfile(stack, 'Profile', {
      name: 'profile',
      domainIdentifier: 'dzd_a1b2c3d4e5f6g7',
      environmentConfigurations: [{ name: 'Tools', environmentBlueprintId: tooling.attrEnvironmentBlueprintId, awsRegion: { regionName: 'eu-west-1' }, deploymentMode: 'ON_CREATE', deploymentOrder: 0 }],
    });
    expect(dataMeshFindings(stack).filter((f) => f.startsWith('DataMesh-PP1'))).toEqual([]);
  });

  test('reads the blueprint a lookup custom resource of the stack asks for by exact name', () => {
    const stack = testStack();
    const lookup = new CustomResource(stack, 'Lookup', {
      serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:lookup',
      resourceType: 'Custom::ManagedBlueprintId',
      properties: { DomainId: 'dzd_abc123', BlueprintName: 'Tooling' },
    });
    l1Profile(stack, [{ name: 'Tools of the project', blueprintId: lookup.getAttString('Id'), account: '111111111111' }]);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-PP1');
  });

  test('flags a profile whose configurations are identified as other blueprints, listing them', () => {
    const stack = testStack();
    l1Profile(stack, [{ name: 'Lakehouse Database', blueprintId: DATA_LAKE_ID, account: '111111111111' }]);
    expect(pp1(stack)?.description).toMatch(/found environment configurations DataLake/);
  });

  test('does not apply to resources that are not project profiles, nor to a profile with no configurations (AWS\'s model governance profile)', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    new datazone.CfnProjectProfile(stack, 'ModelGovernance', { name: 'Generative AI model governance', domainIdentifier: 'dzd_a1b2c3d4e5f6g7', status: 'ENABLED' });
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reads neither the account nor the Region of a configuration, which it does not need', () => {
    const stack = testStack();
    l1Profile(stack, [{ name: 'Tooling', blueprintId: TOOLING_ID, account: deployTimeParameter(stack, 'Account'), region: deployTimeParameter(stack, 'Region') }]);
    expect(dataMeshFindings(stack).filter((f) => f.startsWith('DataMesh-PP1'))).toEqual([]);
  });

  test('reports "could not evaluate", never an error, for an opaque id or a parameter that nothing in the template names', () => {
    const stack = testStack();
    l1Profile(stack, [{ name: 'Analytics', blueprintId: TOOLING_ID, account: '111111111111' }, { name: 'Custom', blueprintId: deployTimeParameter(stack, 'BlueprintId'), account: '111111111111' }]);
    expect(pp1(stack)).toBeUndefined();
    const unverified = pp1(stack, 'DataMesh-PP1[Unverified]');
    expect(unverified?.severity).toBe('warning');
    expect(unverified?.description).toMatch(/could not evaluate: the blueprint of 'Custom' of Profile \(parameter BlueprintId, no default\)/);
    expect(unverified?.description).toMatch(/could not evaluate: whether blueprint id\(s\) cjegf7f6kky6w7 of Profile are Tooling/);
  });

  test('names every configuration of a profile without Tooling, and every opaque id it cannot tell from Tooling', () => {
    const named = testStack();
    l1Profile(named, [{ name: 'Lakehouse Database', blueprintId: DATA_LAKE_ID, account: '111111111111' }, { name: 'x', blueprintId: 'Workflows', account: '111111111111' }]);
    expect(pp1(named)?.description).toMatch(/found environment configurations DataLake, Workflows\./);
    const opaque = testStack();
    l1Profile(opaque, [{ name: 'a', blueprintId: 'aaaaaaaaaaaaaa', account: '111111111111' }, { name: 'b', blueprintId: 'bbbbbbbbbbbbbb', account: '111111111111' }]);
    expect(pp1(opaque, 'DataMesh-PP1[Unverified]')?.description).toMatch(/could not evaluate: whether blueprint id\(s\) aaaaaaaaaaaaaa, bbbbbbbbbbbbbb of Profile are Tooling \(an opaque id/);
  });
});
