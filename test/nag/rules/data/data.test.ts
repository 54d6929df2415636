/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import { couldNotEvaluate, NOT_KNOWN } from './data-rules.fixtures';
import { MeshIndex } from '../../../../src/nag/mesh-index';
import { grantedDatabase, publishedDatabases } from '../../../../src/nag/rules/data/data';
import { testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

/** The databases `DataSource` publishes, its Configuration written as given (`undefined`: none). */
function databasesOf(configuration: unknown, stack: Stack = testStack()): string[] {
  const source = new datazone.CfnDataSource(stack, 'DataSource', { domainIdentifier: 'dzd_abc123', projectIdentifier: 'prj123', name: 'collections', type: 'GLUE' });
  if (configuration !== undefined) {
    source.addPropertyOverride('Configuration', configuration);
  }
  const mesh = MeshIndex.build(stack);
  return publishedDatabases(mesh.get(source)!);
}

/** The database the grant `Grant` is on, its Resource written as given (`undefined`: none). */
function databaseOf(resource: unknown, stack: Stack = testStack()): string | undefined {
  const grant = new lakeformation.CfnPrincipalPermissions(stack, 'Grant', {
    principal: { dataLakePrincipalIdentifier: 'arn:aws:iam::111111111111:role/datazone_usr_role_p_e' },
    resource: {},
    permissions: ['DESCRIBE'],
    permissionsWithGrantOption: [],
  });
  grant.addPropertyOverride('Resource', resource);
  const mesh = MeshIndex.build(stack);
  return grantedDatabase(mesh.get(grant)!);
}

describe('publishedDatabases: the Glue databases a data source imports', () => {
  test('lists the database of each relational filter configuration, in order', () => {
    expect(databasesOf({ GlueRunConfiguration: { RelationalFilterConfigurations: [{ DatabaseName: 'collections' }, { DatabaseName: 'sightings' }] } }))
      .toEqual(['collections', 'sightings']);
  });

  test('is empty for a data source without a Configuration, without a GlueRunConfiguration, or without filter configurations', () => {
    expect(databasesOf(undefined)).toEqual([]);
    expect(databasesOf({ RedshiftRunConfiguration: { DataAccessRole: 'arn:aws:iam::111111111111:role/r' } })).toEqual([]);
    expect(databasesOf({ GlueRunConfiguration: {} })).toEqual([]);
    expect(databasesOf({ GlueRunConfiguration: { RelationalFilterConfigurations: [] } })).toEqual([]);
  });

  test('cannot read filter configurations given by an intrinsic, naming them and the data source', () => {
    const stack = testStack();
    new CfnParameter(stack, 'Filters', { type: 'CommaDelimitedList' });
    const filters = { Ref: 'Filters' };
    expect(couldNotEvaluate(() => databasesOf({ GlueRunConfiguration: { RelationalFilterConfigurations: filters } }, stack)))
      .toBe(`could not evaluate: RelationalFilterConfigurations of DataSource (parameter Filters, no default) ${NOT_KNOWN}`);
  });

  test('cannot read a database name given at deploy, nor a configuration without one (or null)', () => {
    const stack = testStack();
    const database = deployTimeParameter(stack, 'Database');
    expect(couldNotEvaluate(() => databasesOf({ GlueRunConfiguration: { RelationalFilterConfigurations: [{ DatabaseName: 'collections' }, { DatabaseName: database }] } }, stack)))
      .toBe(`could not evaluate: a DatabaseName of DataSource (parameter Database, no default) ${NOT_KNOWN}`);
    expect(couldNotEvaluate(() => databasesOf({ GlueRunConfiguration: { RelationalFilterConfigurations: [{}] } })))
      .toBe(`could not evaluate: a DatabaseName of DataSource ${NOT_KNOWN}`);
    expect(couldNotEvaluate(() => databasesOf({ GlueRunConfiguration: { RelationalFilterConfigurations: [null] } })))
      .toBe(`could not evaluate: a DatabaseName of DataSource ${NOT_KNOWN}`);
  });
});

describe('grantedDatabase: the database a Lake Formation grant is on', () => {
  test('reads a grant on a database, on a table and on columns of a table', () => {
    expect(databaseOf({ Database: { CatalogId: '111111111111', Name: 'collections' } })).toBe('collections');
    expect(databaseOf({ Table: { CatalogId: '111111111111', DatabaseName: 'sightings', Name: 'trees' } })).toBe('sightings');
    expect(databaseOf({ TableWithColumns: { CatalogId: '111111111111', DatabaseName: 'birds', Name: 'trees', ColumnNames: ['id'] } })).toBe('birds');
  });

  test('is undefined for a grant on something else, without a Resource, or on a database named at deploy', () => {
    expect(databaseOf({ DataLocation: { CatalogId: '111111111111', ResourceArn: 'arn:aws:s3:::data' } })).toBeUndefined();
    expect(databaseOf(undefined)).toBeUndefined();
    const stack = testStack();
    expect(databaseOf({ Database: { CatalogId: '111111111111', Name: deployTimeParameter(stack, 'Database') } }, stack)).toBeUndefined();
  });
});
