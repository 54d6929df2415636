/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import { findingsOf } from './data-rules.fixtures';
import { INCLUDED_TABLES_GRANTED } from '../../../../src/nag/rules/data/included-tables-granted';
import { dataMeshViolations, testApp, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const PROJECT_ROLE = 'arn:aws:iam::111111111111:role/datazone_usr_role_c8n3v5x7z9b2d4_5k2d7w8h3n4qzr';

function dataSource(stack: Stack, expressions: Array<{ expression: string; type: string }>, type = 'GLUE') {
  return new datazone.CfnDataSource(stack, 'DataSource', {
    domainIdentifier: 'dzd_4f8a2b1c9e3d7h',
    projectIdentifier: 'c8n3v5x7z9b2d4',
    name: 'collections',
    type,
    publishOnImport: true,
    configuration: type === 'GLUE' ? { glueRunConfiguration: { relationalFilterConfigurations: [{ databaseName: 'collections', filterExpressions: expressions }] } } : undefined,
  });
}

/** A grant to the project role on `resource` (a Lake Formation Resource). */
function grant(stack: Stack, id: string, resource: lakeformation.CfnPrincipalPermissions.ResourceProperty) {
  return new lakeformation.CfnPrincipalPermissions(stack, id, {
    principal: { dataLakePrincipalIdentifier: PROJECT_ROLE },
    resource,
    permissions: ['SELECT', 'DESCRIBE'],
    permissionsWithGrantOption: [],
  });
}

const table = (name: string) => ({ table: { catalogId: '111111111111', databaseName: 'collections', name } });
const lf6 = (stack: Stack) => dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-LF6'));
const include = (...names: string[]) => names.map((expression) => ({ expression, type: 'INCLUDE' }));
const exclude = (...names: string[]) => names.map((expression) => ({ expression, type: 'EXCLUDE' }));
const findings = (scope: Stack | App) => findingsOf(scope, INCLUDED_TABLES_GRANTED);

/** A grant written as AWS::LakeFormation::Permissions, the older resource type, on `resource`. */
function permissions(stack: Stack, id: string, resource: lakeformation.CfnPermissions.ResourceProperty) {
  return new lakeformation.CfnPermissions(stack, id, { dataLakePrincipal: { dataLakePrincipalIdentifier: PROJECT_ROLE }, resource, permissions: ['SELECT'] });
}

const COULD_NOT = (grantId: string, tableName: string) =>
  `LF6[Unverified] Test/DataSource: could not evaluate: the tables of Lake Formation grant ${grantId} (an LF-Tag policy, a data cells filter or a database/table name given at deploy), which may cover collections.${tableName} included by DataSource is not known at synth (a token, parameter or intrinsic function)`;

describe('DataMesh-LF6: the tables a data source includes are granted by a Lake Formation grant of the app', () => {
  test('accepts tables granted one by one, or all at once with TableWildcard', () => {
    const byName = testStack();
    dataSource(byName, include('trees', 'birds'));
    grant(byName, 'Trees', table('trees'));
    grant(byName, 'Birds', table('birds'));
    expect(lf6(byName)).toEqual([]);
    const wildcard = testStack();
    dataSource(wildcard, []);
    grant(wildcard, 'Tables', { table: { catalogId: '111111111111', databaseName: 'collections', tableWildcard: {} } });
    expect(lf6(wildcard)).toEqual([]);
  });

  test('warns about an included table that no grant covers, and a database whose tables are included but only the database is granted', () => {
    const stack = testStack();
    dataSource(stack, include('trees', 'birds'));
    grant(stack, 'Trees', table('trees'));
    const violations = lf6(stack);
    expect(violations.map((v) => v.ruleName)).toEqual(['DataMesh-LF6[collections.birds]']);
    expect(violations[0].severity).toBe('warning');
    expect(violations[0].description).toMatch(/found no grant on table collections.birds, which the data source includes/);
    expect((violations[0] as any).fix).toMatch(/Grant the data source's role \(the producer project role\) SELECT and DESCRIBE on each included table/);

    const databaseOnly = testStack();
    dataSource(databaseOnly, []);
    grant(databaseOnly, 'Database', { database: { catalogId: '111111111111', name: 'collections' } });
    expect(lf6(databaseOnly)[0]?.description).toMatch(/found no grant on any table of database collections, whose tables the data source includes \(every table\)/);
  });

  test('does not apply to a data source that is not a Glue source', () => {
    const stack = testStack();
    dataSource(stack, [], 'REDSHIFT');
    expect(lf6(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the only grant that might cover the table names it with a parameter', () => {
    const stack = testStack();
    dataSource(stack, include('trees'));
    grant(stack, 'Grant', table(deployTimeParameter(stack, 'TableName')));
    expect(lf6(stack)[0]?.description).toMatch(/could not evaluate: the tables of Lake Formation grant Grant .*, which may cover collections.trees included by DataSource/);
  });

  test('names each included table no grant covers, one finding each, and a wildcard as all the tables of its database', () => {
    const stack = testStack();
    dataSource(stack, include('trees', 'birds', 'fi*'));
    expect(findings(stack)).toEqual([
      'LF6[collections.trees] Test/DataSource: found no grant on table collections.trees, which the data source includes',
      'LF6[collections.birds] Test/DataSource: found no grant on table collections.birds, which the data source includes',
      'LF6[collections.*] Test/DataSource: found no grant on any table of database collections, whose tables the data source includes (by wildcard)',
    ]);
    const every = testStack();
    dataSource(every, []);
    expect(findings(every)).toEqual([
      'LF6[collections.*] Test/DataSource: found no grant on any table of database collections, whose tables the data source includes (every table)',
    ]);
  });

  test('does not ask for a grant on a table it excludes by name or by wildcard, and ignores an exclusion given at deploy', () => {
    const stack = testStack();
    dataSource(stack, [...include('trees', 'birds', 'fi*'), ...exclude('bi*', 'trees')]);
    expect(findings(stack).map((f) => f.split(' ')[0])).toEqual(['LF6[collections.*]']);
    const literal = testStack();
    dataSource(literal, [...include('trees', 'birds'), ...exclude('birds')]);
    (literal.node.findChild('DataSource') as datazone.CfnDataSource).addPropertyOverride(
      'Configuration.GlueRunConfiguration.RelationalFilterConfigurations.0.FilterExpressions.3', { Type: 'EXCLUDE', Expression: { Ref: 'AWS::StackName' } });
    grant(literal, 'Trees', table('trees'));
    expect(findings(literal)).toEqual([]);
  });

  test('still asks for a grant on an included table that no exclusion matches', () => {
    const stack = testStack();
    dataSource(stack, [...include('trees', 'birds'), ...exclude('bi*', 'fish')]);
    expect(findings(stack).map((f) => f.split(' ')[0])).toEqual(['LF6[collections.trees]']);
  });

  test('accepts a grant written in any case, as AWS::LakeFormation::Permissions, on columns, in another stack of the app', () => {
    const app = testApp();
    const stack = testStack({}, app);
    dataSource(stack, include('trees', 'birds', 'fish', 'moths', 'bats'));
    grant(stack, 'Trees', { table: { catalogId: '111111111111', databaseName: 'Collections', name: 'TREES' } });
    permissions(stack, 'Birds', { tableResource: { catalogId: '111111111111', databaseName: 'collections', name: 'birds' } });
    permissions(stack, 'Fish', { tableWithColumnsResource: { catalogId: '111111111111', databaseName: 'collections', name: 'fish', columnNames: ['id'] } });
    grant(stack, 'Moths', { tableWithColumns: { catalogId: '111111111111', databaseName: 'collections', name: 'moths', columnNames: ['id'] } });
    grant(new Stack(app, 'Grants', { env: { account: '111111111111', region: 'eu-west-1' } }), 'Bats', table('bats'));
    expect(findings(app)).toEqual([]);
  });

  test('accepts a table wildcard for a table included by name, and a grant on one table for tables included by wildcard', () => {
    const byName = testStack();
    dataSource(byName, include('trees'));
    permissions(byName, 'Tables', { tableResource: { catalogId: '111111111111', databaseName: 'collections', tableWildcard: {} } });
    expect(findings(byName)).toEqual([]);
    const byWildcard = testStack();
    dataSource(byWildcard, include('tr*'));
    grant(byWildcard, 'Trees', table('trees'));
    expect(findings(byWildcard)).toEqual([]);
  });

  test('does not count a grant on the same table of another database, nor a grant on a database or a location', () => {
    const stack = testStack();
    dataSource(stack, include('trees'));
    grant(stack, 'Other', { table: { catalogId: '111111111111', databaseName: 'sightings', name: 'trees' } });
    grant(stack, 'Database', { database: { catalogId: '111111111111', name: 'collections' } });
    grant(stack, 'Location', { dataLocation: { catalogId: '111111111111', resourceArn: 'arn:aws:s3:::data' } });
    expect(findings(stack)).toEqual(['LF6[collections.trees] Test/DataSource: found no grant on table collections.trees, which the data source includes']);
  });

  test('reports "could not evaluate", naming the first such grant, for an LF-Tag policy, a data cells filter or a database given at deploy', () => {
    const tags = testStack();
    dataSource(tags, include('trees'));
    grant(tags, 'Tags', { lfTagPolicy: { catalogId: '111111111111', resourceType: 'TABLE', expression: [{ tagKey: 'domain', tagValues: ['nature'] }] } });
    grant(tags, 'Cells', { dataCellsFilter: { databaseName: 'collections', tableName: 'trees', name: 'public', tableCatalogId: '111111111111' } });
    expect(findings(tags)).toEqual([COULD_NOT('Tags', 'trees')]);
    const cells = testStack();
    dataSource(cells, include('trees'));
    grant(cells, 'Cells', { dataCellsFilter: { databaseName: 'collections', tableName: 'trees', name: 'public', tableCatalogId: '111111111111' } });
    expect(findings(cells)).toEqual([COULD_NOT('Cells', 'trees')]);
    const database = testStack();
    dataSource(database, []);
    grant(database, 'Grant', { table: { catalogId: '111111111111', databaseName: deployTimeParameter(database, 'Database'), name: 'trees' } });
    expect(findings(database)).toEqual([COULD_NOT('Grant', '*')]);
  });

  test('accepts a table that a readable grant covers beside a grant it cannot read, in either order', () => {
    for (const readableFirst of [true, false]) {
      const stack = testStack();
      dataSource(stack, include('trees'));
      if (readableFirst) {
        grant(stack, 'Trees', table('trees'));
      }
      grant(stack, 'Unreadable', table(deployTimeParameter(stack, 'TableName')));
      if (!readableFirst) {
        grant(stack, 'Trees', table('trees'));
      }
      expect(findings(stack)).toEqual([]);
    }
  });
});
