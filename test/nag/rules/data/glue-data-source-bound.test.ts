/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Fn } from 'aws-cdk-lib';
import { findingsOf, l1Publication } from './data-rules.fixtures';
import { GLUE_DATA_SOURCE_BOUND } from '../../../../src/nag/rules/data/glue-data-source-bound';
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

  test('reports exactly one finding for a Glue data source with neither, and for one whose identifiers are empty or null', () => {
    const neither = testStack();
    l1Publication(neither, { connection: false });
    expect(findingsOf(neither, GLUE_DATA_SOURCE_BOUND)).toEqual(['DS1 Test/DataSource: found no ConnectionIdentifier and no EnvironmentIdentifier']);
    const empty = testStack();
    const { dataSource } = l1Publication(empty, { connection: false });
    dataSource.connectionIdentifier = '';
    dataSource.addPropertyOverride('EnvironmentIdentifier', null);
    expect(findingsOf(empty, GLUE_DATA_SOURCE_BOUND)).toEqual(['DS1 Test/DataSource: found no ConnectionIdentifier and no EnvironmentIdentifier']);
  });

  test('reports nothing at all for a data source bound to a connection, to an environment, or to both, whatever the case of its type', () => {
    const stacks = [testStack(), testStack(), testStack()];
    l1Publication(stacks[0]).dataSource.type = 'Glue';
    l1Publication(stacks[1], { connection: false }).dataSource.environmentIdentifier = 'e5tooling3x1';
    l1Publication(stacks[2]).dataSource.environmentIdentifier = 'e5tooling3x1';
    expect(stacks.map((stack) => findingsOf(stack, GLUE_DATA_SOURCE_BOUND))).toEqual([[], [], []]);
  });

  test('reports nothing at all for a Redshift data source bound to neither', () => {
    const stack = testStack();
    l1Publication(stack, { connection: false }).dataSource.type = 'REDSHIFT';
    expect(findingsOf(stack, GLUE_DATA_SOURCE_BOUND)).toEqual([]);
  });

  test('names the property and the data source that a condition may drop, or the parameter that gives the type', () => {
    const connection = testStack();
    l1Publication(connection, { connection: false }).dataSource.connectionIdentifier = Fn.conditionIf('UseConnection', 'c7lakehouse2k9', Fn.ref('AWS::NoValue')).toString();
    expect(findingsOf(connection, GLUE_DATA_SOURCE_BOUND)).toEqual([
      'DS1[Unverified] Test/DataSource: could not evaluate: the ConnectionIdentifier of DataSource is not known at synth (a token, parameter or intrinsic function)',
    ]);
    const environment = testStack();
    l1Publication(environment, { connection: false }).dataSource.environmentIdentifier = Fn.conditionIf('UseEnvironment', 'e5tooling3x1', Fn.ref('AWS::NoValue')).toString();
    expect(findingsOf(environment, GLUE_DATA_SOURCE_BOUND)).toEqual([
      'DS1[Unverified] Test/DataSource: could not evaluate: the EnvironmentIdentifier of DataSource is not known at synth (a token, parameter or intrinsic function)',
    ]);
    const type = testStack();
    l1Publication(type).dataSource.type = deployTimeParameter(type, 'SourceType');
    expect(findingsOf(type, GLUE_DATA_SOURCE_BOUND)).toEqual([
      'DS1[Unverified] Test/DataSource: could not evaluate: the Type of DataSource (parameter SourceType, no default) is not known at synth (a token, parameter or intrinsic function)',
    ]);
  });
});
