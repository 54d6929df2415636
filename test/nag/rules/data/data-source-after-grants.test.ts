/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { l1Publication } from './data-rules.fixtures';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
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
});
