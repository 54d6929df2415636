/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import { l1Publication } from './data-rules.fixtures';
import { dataMeshFindings, dataMeshViolations, testApp, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const table = (stack: any, id: string, parameters: Record<string, string>, databaseName: string = 'collections') =>
  new glue.CfnTable(stack, id, { catalogId: '111111111111', databaseName, tableInput: { name: id.toLowerCase(), parameters } });

describe('DataMesh-ICE1: published tables are Iceberg when the mesh requires it', () => {
  test('accepts Iceberg tables of a database published with requireIceberg', () => {
    const stack = testStack();
    l1Publication(stack).dataSource.addMetadata('cdk-data-mesh:requireIceberg', true);
    table(stack, 'Trees', { table_type: 'ICEBERG' });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-ICE1');
  });

  test('flags a plain table of that database, naming it', () => {
    const stack = testStack();
    l1Publication(stack).dataSource.addMetadata('cdk-data-mesh:requireIceberg', true);
    table(stack, 'Trees', { classification: 'csv' });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-ICE1')?.description).toMatch(/found table trees in collections with table_type \(none\)/);
  });

  test('does not apply when the mesh does not require Iceberg, or to other databases', () => {
    const stack = testStack();
    l1Publication(stack);
    table(stack, 'Trees', { classification: 'csv' });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-ICE1');
  });

  test('reports "could not evaluate" for a table whose database is a parameter, which may name the published database', () => {
    const stack = testStack();
    l1Publication(stack).dataSource.addMetadata('cdk-data-mesh:requireIceberg', true);
    table(stack, 'Trees', { classification: 'csv' }, deployTimeParameter(stack, 'Db'));
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-ICE1[Unverified]')?.description)
      .toMatch(/could not evaluate: the DatabaseName of table Trees, which may be a database published with requireIceberg \(collections\)/);
  });

  test('reads the name of a database of the template the table refers to', () => {
    const stack = testStack();
    l1Publication(stack).dataSource.addMetadata('cdk-data-mesh:requireIceberg', true);
    const database = new glue.CfnDatabase(stack, 'Database', { catalogId: '111111111111', databaseInput: { name: 'collections' } });
    table(stack, 'Trees', { classification: 'csv' }, database.ref);
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-ICE1')?.description).toMatch(/found table trees in collections/);
  });

  test('does not apply to tables of another account than the data sources that require Iceberg', () => {
    const app = testApp();
    l1Publication(testStack({}, app)).dataSource.addMetadata('cdk-data-mesh:requireIceberg', true);
    table(new Stack(app, 'Other', { env: { account: '333333333333', region: 'eu-west-1' } }), 'Trees', { classification: 'csv' }, 'collections');
    expect(dataMeshFindings(app)).not.toContain('DataMesh-ICE1');
  });

  test('does not apply to a table whose database is a parameter when no database requires Iceberg', () => {
    const stack = testStack();
    l1Publication(stack);
    table(stack, 'Trees', { classification: 'csv' }, deployTimeParameter(stack, 'Db'));
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-ICE1');
  });
});
