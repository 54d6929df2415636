/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Fn } from 'aws-cdk-lib';
import { l1Publication } from './data-rules.fixtures';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

describe('DataMesh-DS1: a Glue data source is bound to a connection or an environment', () => {
  test('accepts a Glue data source bound to the project\'s lakehouse connection', () => {
    const stack = testStack();
    l1Publication(stack);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-DS1');
  });

  test('accepts a Glue data source bound to an environment (V1)', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack, { connection: false });
    dataSource.environmentIdentifier = 'e5tooling3x1';
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-DS1');
  });

  test('accepts a connection known only at deploy (a lookup\'s attribute)', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack, { connection: false });
    dataSource.connectionIdentifier = deployTimeParameter(stack, 'Connection');
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-DS1');
  });

  test('refuses a Glue data source with neither, as an error', () => {
    const stack = testStack();
    l1Publication(stack, { connection: false });
    const finding = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-DS1');
    expect(finding?.description).toMatch(/found no ConnectionIdentifier and no EnvironmentIdentifier/);
    expect(finding?.severity).toBe('error');
  });

  test('refuses a data source whose type is written in lower case, as MDAA writes it', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack, { connection: false });
    dataSource.type = 'glue';
    expect(dataMeshFindings(stack)).toContain('DataMesh-DS1');
  });

  test('does not apply to a Redshift data source', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack, { connection: false });
    dataSource.type = 'REDSHIFT';
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-DS1');
  });

  test('reports "could not evaluate" when the type is a parameter', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack, { connection: false });
    dataSource.type = deployTimeParameter(stack, 'SourceType');
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-DS1[Unverified]')?.description).toMatch(/could not evaluate: the Type of DataSource/);
  });

  test('reports "could not evaluate" when a condition may drop the connection', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack, { connection: false });
    dataSource.connectionIdentifier = Fn.conditionIf('UseConnection', 'c7lakehouse2k9', Fn.ref('AWS::NoValue')).toString();
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-DS1[Unverified]')?.description).toMatch(/could not evaluate: the ConnectionIdentifier of DataSource/);
  });
});
