/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CustomResource, Stack, Validations } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { findingsOf, l1Publication } from './data-rules.fixtures';
import { IAM_ALLOWED_PRINCIPALS_REVOKED } from '../../../../src/nag/rules/data/iam-allowed-principals-revoked';
import { dataMeshFindings, dataMeshViolations, testApp, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

describe('DataMesh-LF3: IAMAllowedPrincipals is revoked on every published database', () => {
  test('accepts a published database whose IAMAllowedPrincipals grants are revoked in the stack', () => {
    const stack = testStack();
    l1Publication(stack);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF3');
  });

  test('flags a published database nothing revokes, and can be acknowledged when it is revoked elsewhere', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack, { revoke: false });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-LF3')?.description).toMatch(/found no revocation on database\(s\) collections/);
    Validations.of(dataSource).acknowledge({ id: 'DataMesh-LF3', reason: 'revoked by the platform team\'s baseline' });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-LF3');
  });

  test('does not apply to other resources', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the database name is a parameter', () => {
    const stack = testStack();
    l1Publication(stack, { database: deployTimeParameter(stack, 'Database') });
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-LF3[Unverified]')?.description).toMatch(/could not evaluate/);
  });

  test('names every published database nothing in the stack revokes, and only those', () => {
    const stack = testStack();
    const { dataSource } = l1Publication(stack);
    dataSource.addPropertyOverride('Configuration.GlueRunConfiguration.RelationalFilterConfigurations', [
      { DatabaseName: 'sightings' }, { DatabaseName: 'collections' }, { DatabaseName: 'birds' },
    ]);
    expect(findingsOf(stack, IAM_ALLOWED_PRINCIPALS_REVOKED)).toEqual(['LF3 Test/DataSource: found no revocation on database(s) sightings, birds']);
  });

  test('reports nothing at all when every published database is revoked', () => {
    const stack = testStack();
    l1Publication(stack);
    expect(findingsOf(stack, IAM_ALLOWED_PRINCIPALS_REVOKED)).toEqual([]);
  });

  test('does not count a revocation of another stack', () => {
    const app = testApp();
    l1Publication(testStack({}, app), { revoke: false });
    revoke(new Stack(app, 'Other', { env: { account: '111111111111', region: 'eu-west-1' } }), 'collections');
    expect(findingsOf(app, IAM_ALLOWED_PRINCIPALS_REVOKED)).toEqual(['LF3 Test/DataSource: found no revocation on database(s) collections']);
  });

  test('reports nothing at all for a data source that is not a Glue source', () => {
    const stack = testStack();
    new datazone.CfnDataSource(stack, 'Redshift', { domainIdentifier: 'dzd_abc123', projectIdentifier: 'p', name: 'r', type: 'REDSHIFT' });
    expect(findingsOf(stack, IAM_ALLOWED_PRINCIPALS_REVOKED)).toEqual([]);
  });

  test('names the parameter and the data source when the database name is only known at deploy', () => {
    const stack = testStack();
    l1Publication(stack, { database: deployTimeParameter(stack, 'Database') });
    expect(findingsOf(stack, IAM_ALLOWED_PRINCIPALS_REVOKED)).toEqual([
      'LF3[Unverified] Test/DataSource: could not evaluate: a DatabaseName of DataSource (parameter Database, no default) is not known at synth (a token, parameter or intrinsic function)',
    ]);
  });
});

function revoke(stack: Stack, database: string) {
  new CustomResource(stack, 'Revoke', { serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:revoke', resourceType: 'Custom::RevokeIamAllowedPrincipals', properties: { DatabaseName: database } });
}
