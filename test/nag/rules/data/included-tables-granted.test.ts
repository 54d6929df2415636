/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import { dataMeshViolations, testStack } from '../../../util';
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
});
