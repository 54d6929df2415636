/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Validations } from 'aws-cdk-lib';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { findingsOf } from './data-rules.fixtures';
import { DATA_LAKE_SETTINGS_APPEND } from '../../../../src/nag/rules/data/data-lake-settings-append';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const admins = [{ dataLakePrincipalIdentifier: 'arn:aws:iam::111111111111:role/mesh-deployer' }];

describe('DataMesh-LF4: data-lake settings append to the account\'s admins', () => {
  test('accepts settings that append', () => {
    const stack = testStack();
    new lakeformation.CfnDataLakeSettings(stack, 'Settings', { admins, mutationType: 'APPEND' });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF4');
  });

  test('flags settings without a MutationType, which replace the admins, and says how to fix it', () => {
    const stack = testStack();
    new lakeformation.CfnDataLakeSettings(stack, 'Settings', { admins });
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-LF4');
    expect(violation?.description).toMatch(/found no MutationType \(no default is documented: assume REPLACE\)/);
    expect(violation?.fix).toMatch(/acknowledge the finding with that reason. Otherwise set MutationType: APPEND/);
    expect(violation?.severity).toBe('warning');
  });

  test('flags settings that replace, and can be acknowledged when the stack owns the account\'s admin list', () => {
    const stack = testStack();
    const settings = new lakeformation.CfnDataLakeSettings(stack, 'Settings', { admins, mutationType: 'REPLACE' });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-LF4')?.description).toMatch(/found MutationType REPLACE/);
    Validations.of(settings).acknowledge({ id: 'DataMesh-LF4', reason: 'this stack is the account\'s one source of Lake Formation admins' });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF4');
  });

  test('does not apply to other resources', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the MutationType is a parameter', () => {
    const stack = testStack();
    new lakeformation.CfnDataLakeSettings(stack, 'Settings', { admins, mutationType: deployTimeParameter(stack, 'Mutation') });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-LF4[Unverified]')?.description).toMatch(/could not evaluate: the MutationType of Settings/);
  });

  test('reports exactly one finding, naming what it found, for settings without a MutationType or that replace', () => {
    const none = testStack();
    new lakeformation.CfnDataLakeSettings(none, 'Settings', { admins });
    expect(findingsOf(none, DATA_LAKE_SETTINGS_APPEND)).toEqual(['LF4 Test/Settings: found no MutationType (no default is documented: assume REPLACE)']);
    const replace = testStack();
    new lakeformation.CfnDataLakeSettings(replace, 'Settings', { admins, mutationType: 'REPLACE' });
    expect(findingsOf(replace, DATA_LAKE_SETTINGS_APPEND)).toEqual(['LF4 Test/Settings: found MutationType REPLACE']);
  });

  test('reports nothing at all for settings that append', () => {
    const stack = testStack();
    new lakeformation.CfnDataLakeSettings(stack, 'Settings', { admins, mutationType: 'APPEND' });
    expect(findingsOf(stack, DATA_LAKE_SETTINGS_APPEND)).toEqual([]);
  });

  test('names the parameter and the settings when the MutationType is only known at deploy', () => {
    const stack = testStack();
    new lakeformation.CfnDataLakeSettings(stack, 'Settings', { admins, mutationType: deployTimeParameter(stack, 'Mutation') });
    expect(findingsOf(stack, DATA_LAKE_SETTINGS_APPEND)).toEqual([
      'LF4[Unverified] Test/Settings: could not evaluate: the MutationType of Settings (parameter Mutation, no default) is not known at synth (a token, parameter or intrinsic function)',
    ]);
  });
});
