/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as glue from 'aws-cdk-lib/aws-glue';
import { findingsOf, l1Publication } from './data-rules.fixtures';
import { PUBLISHED_TABLES_ARE_ICEBERG } from '../../../../src/nag/rules/data/published-tables-are-iceberg';
import { dataMeshFindings, dataMeshViolations, testApp, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const table = (stack: any, id: string, parameters: Record<string, string>, databaseName: string = 'collections') =>
  new glue.CfnTable(stack, id, { catalogId: '111111111111', databaseName, tableInput: { name: id.toLowerCase(), parameters } });

const findings = (scope: Stack | App) => findingsOf(scope, PUBLISHED_TABLES_ARE_ICEBERG);

/** A stack whose data source publishes `collections` (and `databases`) with requireIceberg. */
function requiring(stack: Stack, ...databases: string[]): Stack {
  const { dataSource } = l1Publication(stack);
  dataSource.addMetadata('cdk-data-mesh:requireIceberg', true);
  if (databases.length > 0) {
    dataSource.addPropertyOverride('Configuration.GlueRunConfiguration.RelationalFilterConfigurations', [{ DatabaseName: 'collections' }, ...databases.map((d) => ({ DatabaseName: d }))]);
  }
  return stack;
}

const UNVERIFIED = (what: string) => `ICE1[Unverified] Test/Trees: could not evaluate: ${what} is not known at synth (a token, parameter or intrinsic function)`;

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

  test('flags a table without TableInput, naming it by its logical id (an OpenTableFormatInput alone is Iceberg)', () => {
    const stack = requiring(testStack());
    new glue.CfnTable(stack, 'Trees', { catalogId: '111111111111', databaseName: 'collections', tableInput: {} }).addPropertyDeletionOverride('TableInput');
    new glue.CfnTable(stack, 'Birds', { catalogId: '111111111111', databaseName: 'collections', tableInput: {}, openTableFormatInput: { icebergInput: { metadataOperation: 'CREATE' } } })
      .addPropertyDeletionOverride('TableInput');
    expect(findings(stack)).toEqual(['ICE1 Test/Trees: found table Trees in collections with table_type (none)']);
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

  test('accepts an Iceberg table whatever the case of its table_type, or one with an IcebergInput and no Parameters', () => {
    const stack = requiring(testStack());
    table(stack, 'Trees', { table_type: 'iceberg' });
    new glue.CfnTable(stack, 'Birds', {
      catalogId: '111111111111',
      databaseName: 'collections',
      tableInput: { name: 'birds' },
      openTableFormatInput: { icebergInput: { metadataOperation: 'CREATE', version: '2' } },
    });
    expect(findings(stack)).toEqual([]);
  });

  test('names the table, its database and its table_type, or the table\'s id when its input has no name', () => {
    const stack = requiring(testStack());
    table(stack, 'Trees', { table_type: 'HIVE' });
    new glue.CfnTable(stack, 'Birds', { catalogId: '111111111111', databaseName: 'collections', tableInput: {} });
    expect(findings(stack)).toEqual([
      'ICE1 Test/Trees: found table trees in collections with table_type HIVE; Test/Birds: found table Birds in collections with table_type (none)',
    ]);
  });

  test('reports nothing at all for a table of another database, or when no data source requires Iceberg', () => {
    const other = requiring(testStack());
    table(other, 'Trees', { classification: 'csv' }, 'sightings');
    const notRequired = testStack();
    l1Publication(notRequired).dataSource.addMetadata('cdk-data-mesh:requireIceberg', false);
    table(notRequired, 'Trees', { classification: 'csv' });
    const parameter = testStack();
    l1Publication(parameter);
    table(parameter, 'Trees', { classification: 'csv' }, deployTimeParameter(parameter, 'Db'));
    expect([other, notRequired, parameter].map(findings)).toEqual([[], [], []]);
  });

  test('checks a table against data sources of a stack of unknown account, and a table of such a stack', () => {
    const agnosticSource = testApp();
    requiring(new Stack(agnosticSource, 'Producer'));
    table(testStack({}, agnosticSource), 'Trees', { classification: 'csv' });
    expect(findings(agnosticSource)).toEqual(['ICE1 Test/Trees: found table trees in collections with table_type (none)']);
    const agnosticTable = testApp();
    requiring(testStack({}, agnosticTable));
    table(new Stack(agnosticTable, 'Tables'), 'Trees', { classification: 'csv' });
    expect(findings(agnosticTable)).toEqual(['ICE1 Tables/Trees: found table trees in collections with table_type (none)']);
  });

  test('names every database that requires Iceberg when the table\'s database cannot be read', () => {
    const stack = requiring(testStack(), 'sightings');
    table(stack, 'Trees', { classification: 'csv' }, deployTimeParameter(stack, 'Db'));
    expect(findings(stack)).toEqual([UNVERIFIED('the DatabaseName of table Trees, which may be a database published with requireIceberg (collections, sightings)')]);
  });

  test('cannot read the database of a table that refers to another kind of resource, or to a database whose name is not literal or absent', () => {
    const otherKind = requiring(testStack());
    const notADatabase = new datazone.CfnProject(otherKind, 'Project', { domainIdentifier: 'dzd_abc123', name: 'p' });
    table(otherKind, 'Trees', { classification: 'csv' }, notADatabase.ref);
    const unnamed = requiring(testStack());
    const database = new glue.CfnDatabase(unnamed, 'Database', { catalogId: '111111111111', databaseInput: { name: deployTimeParameter(unnamed, 'Name') } });
    table(unnamed, 'Trees', { classification: 'csv' }, database.ref);
    const noInput = requiring(testStack());
    const bare = new glue.CfnDatabase(noInput, 'Database', { catalogId: '111111111111', databaseInput: {} });
    bare.addPropertyDeletionOverride('DatabaseInput');
    table(noInput, 'Trees', { classification: 'csv' }, bare.ref);
    const expected = [UNVERIFIED('the DatabaseName of table Trees, which may be a database published with requireIceberg (collections)')];
    expect([otherKind, unnamed, noInput].map(findings)).toEqual([expected, expected, expected]);
  });
});
