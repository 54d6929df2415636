/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import { findingsOf, l1Publication } from './data-rules.fixtures';
import { DATA_SOURCE_AFTER_GRANTS } from '../../../../src/nag/rules/data/data-source-after-grants';
import { dataMeshFindings, dataMeshViolations, testApp, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

describe('DataMesh-LF1: a Glue data source comes after the Lake Formation grants on its databases', () => {
  test('accepts a data source that depends on the grant', () => {
    const stack = testStack();
    l1Publication(stack);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF1');
  });

  test('flags a data source created beside the grant without waiting for it, and one with no grant at all', () => {
    const unordered = testStack();
    l1Publication(unordered, { dependOnGrant: false });
    expect(dataMeshViolations(unordered).find((v) => v.ruleName === 'DataMesh-LF1')?.description).toMatch(/found no dependency on grant\(s\) Grant/);
    const ungranted = testStack();
    l1Publication(ungranted, { database: 'other' });
    expect(dataMeshViolations(ungranted).find((v) => v.ruleName === 'DataMesh-LF1')?.description).toMatch(/found no Lake Formation grant on database other in this stack/);
  });

  test('does not apply to data sources that are not Glue sources', () => {
    const stack = testStack();
    new datazone.CfnDataSource(stack, 'Redshift', { domainIdentifier: 'dzd_abc123', projectIdentifier: 'p', name: 'r', type: 'REDSHIFT' });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF1');
  });

  test('reports "could not evaluate" when the database name is a parameter', () => {
    const stack = testStack();
    l1Publication(stack, { database: deployTimeParameter(stack, 'Database') });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-LF1[Unverified]')?.description).toMatch(/could not evaluate: a DatabaseName of DataSource/);
  });

  test('names, per database, each grant it does not wait for and each database without a grant, all in one finding', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack);
    dataSource.addPropertyOverride('Configuration.GlueRunConfiguration.RelationalFilterConfigurations', [
      { DatabaseName: 'collections' }, { DatabaseName: 'sightings' }, { DatabaseName: 'birds' },
    ]);
    grantOn(stack, 'TableGrant', { table: { catalogId: '111111111111', databaseName: 'collections', name: 'trees' } });
    grantOn(stack, 'ColumnsGrant', { tableWithColumns: { catalogId: '111111111111', databaseName: 'collections', name: 'trees', columnNames: ['id'] } });
    const sightings = grantOn(stack, 'SightingsGrant', { database: { catalogId: '111111111111', name: 'sightings' } });
    dataSource.addResourceDependency(sightings);
    expect(findingsOf(stack, DATA_SOURCE_AFTER_GRANTS)).toEqual([
      'LF1 Test/DataSource: found no dependency on grant(s) TableGrant, ColumnsGrant; no Lake Formation grant on database birds in this stack',
    ]);
  });

  test('reports nothing at all for a data source that waits for every grant on its databases', () => {
    const stack = testStack();
    l1Publication(stack);
    expect(findingsOf(stack, DATA_SOURCE_AFTER_GRANTS)).toEqual([]);
  });

  test('does not count a grant of another stack, which it cannot depend on', () => {
    const app = testApp();
    const stack = testStack({}, app);
    l1Publication(stack, { dependOnGrant: false }).grant.addPropertyOverride('Resource.Database.Name', 'elsewhere');
    grantOn(new Stack(app, 'Grants', { env: { account: '111111111111', region: 'eu-west-1' } }), 'Grant', { database: { catalogId: '111111111111', name: 'collections' } });
    expect(findingsOf(app, DATA_SOURCE_AFTER_GRANTS)).toEqual(['LF1 Test/DataSource: found no Lake Formation grant on database collections in this stack']);
  });

  test('reports nothing at all for a data source that is not a Glue source', () => {
    const stack = testStack();
    new datazone.CfnDataSource(stack, 'Redshift', { domainIdentifier: 'dzd_abc123', projectIdentifier: 'p', name: 'r', type: 'REDSHIFT' });
    expect(findingsOf(stack, DATA_SOURCE_AFTER_GRANTS)).toEqual([]);
  });
});

function grantOn(stack: Stack, id: string, resource: lakeformation.CfnPrincipalPermissions.ResourceProperty) {
  return new lakeformation.CfnPrincipalPermissions(stack, id, {
    principal: { dataLakePrincipalIdentifier: 'arn:aws:iam::111111111111:role/datazone_usr_role_p_e' },
    resource,
    permissions: ['SELECT'],
    permissionsWithGrantOption: [],
  });
}
