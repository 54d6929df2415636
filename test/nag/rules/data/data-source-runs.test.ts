/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CustomResource, Validations } from 'aws-cdk-lib';
import { findingsOf, l1Publication } from './data-rules.fixtures';
import { DATA_SOURCE_RUNS } from '../../../../src/nag/rules/data/data-source-runs';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

describe('DataMesh-LF5: something runs the data source', () => {
  test('accepts a data source a custom resource runs at deploy', () => {
    const stack = testStack();
    l1Publication(stack, { run: true });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF5');
  });

  test('accepts a data source on a schedule', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack);
    dataSource.schedule = { schedule: 'cron(0 6 * * ? *)' };
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF5');
  });

  test('warns about a data source nothing runs, and can be acknowledged when someone runs it by hand', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack);
    const finding = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-LF5');
    expect(finding?.description).toMatch(/found no Schedule and no run started at deploy/);
    expect(finding?.severity).toBe('warning');
    Validations.of(dataSource).acknowledge({ id: 'DataMesh-LF5', reason: 'the producer team runs it from the portal' });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF5');
  });

  test('warns when the run custom resource runs another data source', () => {
    const stack = testStack();
    l1Publication(stack);
    new CustomResource(stack, 'Run', { serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:run', resourceType: 'Custom::StartDataSourceRun', properties: { DataSourceId: 'ds-other' } });
    expect(dataMeshFindings(stack)).toContain('DataMesh-LF5');
  });

  test('does not apply to a disabled data source', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack);
    dataSource.enableSetting = 'DISABLED';
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF5');
  });

  test('reports "could not evaluate" when the EnableSetting is a parameter', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack);
    dataSource.enableSetting = deployTimeParameter(stack, 'Enabled');
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-LF5[Unverified]')?.description).toMatch(/could not evaluate: the EnableSetting of DataSource/);
  });

  test('reports exactly one finding for a data source nothing runs, written without an EnableSetting or ENABLED', () => {
    const stack = testStack();
    l1Publication(stack);
    expect(findingsOf(stack, DATA_SOURCE_RUNS)).toEqual(['LF5 Test/DataSource: found no Schedule and no run started at deploy']);
    const enabled = testStack();
    l1Publication(enabled).dataSource.enableSetting = 'ENABLED';
    expect(findingsOf(enabled, DATA_SOURCE_RUNS)).toEqual(['LF5 Test/DataSource: found no Schedule and no run started at deploy']);
  });

  test('warns about a Schedule without its schedule expression', () => {
    const stack = testStack();
    l1Publication(stack).dataSource.schedule = { timezone: 'UTC' };
    expect(findingsOf(stack, DATA_SOURCE_RUNS)).toEqual(['LF5 Test/DataSource: found no Schedule and no run started at deploy']);
  });

  test('reports nothing at all for a scheduled, run or disabled data source', () => {
    const scheduled = testStack();
    l1Publication(scheduled).dataSource.schedule = { schedule: 'cron(0 6 * * ? *)' };
    const run = testStack();
    l1Publication(run, { run: true });
    const disabled = testStack();
    l1Publication(disabled).dataSource.enableSetting = 'DISABLED';
    expect([scheduled, run, disabled].map((stack) => findingsOf(stack, DATA_SOURCE_RUNS))).toEqual([[], [], []]);
  });

  test('names the parameter and the data source when the EnableSetting is only known at deploy', () => {
    const stack = testStack();
    l1Publication(stack).dataSource.enableSetting = deployTimeParameter(stack, 'Enabled');
    expect(findingsOf(stack, DATA_SOURCE_RUNS)).toEqual([
      'LF5[Unverified] Test/DataSource: could not evaluate: the EnableSetting of DataSource (parameter Enabled, no default) is not known at synth (a token, parameter or intrinsic function)',
    ]);
  });
});
