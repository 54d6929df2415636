/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CustomResource, Validations } from 'aws-cdk-lib';
import { l1Publication } from './data-rules.fixtures';
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
});
