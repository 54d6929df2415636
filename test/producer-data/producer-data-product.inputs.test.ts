/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CatalogDomain, ProducerDataProduct, ProducerDataProductProps } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';
import { testApp } from '../util';

/** Props by name; `dataBucketName` imports the data bucket by that name. */
type Input = Partial<ProducerDataProductProps> & { readonly dataBucketName?: string };

function product(app: App, input: Input): ProducerDataProduct {
  const stack = new Stack(app, 'ProducerData', { env: { account: '222222222222', region: 'eu-west-1' } });
  const { dataBucketName, ...props } = input;
  return new ProducerDataProduct(stack, 'Trees', {
    domain: CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: '111111111111' }),
    projectName: 'Producer',
    databaseName: 'collections',
    tableNames: ['trees'],
    dataBucket: s3.Bucket.fromBucketName(stack, 'Data', dataBucketName ?? 'collections-data'),
    dataPrefix: 'trees/',
    ...props,
  } as ProducerDataProductProps);
}

/** The contract of ProducerDataProduct's props: each row is refused with the prop, the value, what is allowed and the fix. */
const INVALID: Array<InvalidRow<Input>> = [
  { prop: 'projectId', value: { projectId: 'prj1', projectName: 'Producer' }, shown: "'prj1'", expect: ['exactly one of projectId and projectName'] },
  { prop: 'projectId', value: { projectName: undefined }, shown: 'missing', expect: ['exactly one of projectId and projectName'] },
  { prop: 'projectName', value: { projectName: 'producer/eu' }, shown: "'producer/eu'", expect: ['1-64 letters, digits, _, - and spaces', 'as addProject() or the portal shows it'] },
  { prop: 'projectName', value: { projectName: '  ' }, shown: "'  '", expect: ['not only spaces'] },
  { prop: 'tableNames', value: { tableNames: [] }, shown: '[]', expect: ['at least one table', 'allTables: true'] },
  { prop: 'tableNames', value: { tableNames: ['trees'], allTables: true }, shown: '["trees"]', expect: ['cannot be combined with allTables', 'Remove one of them'] },
  { prop: 'tableNames', value: { tableNames: ['Trees'] }, shown: "'Trees'", expect: ['lower case', "'trees'"] },
  { prop: 'tableNames', value: { tableNames: [''] }, shown: "''", expect: ['1-255 characters', 'as Glue shows it'] },
  { prop: 'tableNames', value: { tableNames: ['t'.repeat(256)] }, shown: `'${'t'.repeat(256)}'`, expect: ['1-255 characters'] },
  { prop: 'tableNames', value: { tableNames: ['trees\n'] }, shown: "'trees\n'", expect: ['no control characters'] },
  { prop: 'tableNames', value: { tableNames: ['trees', 'trees'] }, shown: "'trees'", expect: ['once', 'Remove the duplicate'] },
  { prop: 'databaseName', value: { databaseName: 'Collections' }, shown: "'Collections'", expect: ['lower case', "'collections'"] },
  { prop: 'databaseName', value: { databaseName: '' }, shown: "''", expect: ['1-255 characters', 'as Glue shows it'] },
  { prop: 'projectRoleArn', value: { projectRoleArn: 'datazone_usr_role_abc' }, shown: "'datazone_usr_role_abc'", expect: ['IAM role ARN', 'Copy the project role ARN'] },
  { prop: 'dataPrefix', value: { dataPrefix: 's3://collections-data/trees/' }, shown: "'s3://collections-data/trees/'", expect: ['no s3:// URI', "'trees/'"] },
  { prop: 'dataPrefix', value: { dataPrefix: 'trees/*' }, shown: "'trees/*'", expect: ['no wildcard', "'trees/'"] },
  { prop: 'dataPrefix', value: { dataPrefix: 'trees//2023/' }, shown: "'trees//2023/'", expect: ['no empty segment', 'Remove the empty segment'] },
  { prop: 'dataBucket', value: { dataBucketName: 'Collections_Data' }, shown: "'Collections_Data'", expect: ['3-63 lower-case letters', 'lowercase characters', 'as the S3 console shows it'] },
  // s3.Bucket.fromBucketName itself refuses a name of the wrong length, like an IP address, with '..' or a leading '-';
  // it lets upper case and '_' through (legacy names), which S3 refuses for new buckets and in every Region but us-east-1.
];

/** Valid edge values Glue, Lake Formation and S3 accept: they must synthesize. */
const VALID: Array<ValidRow<Input>> = [
  { name: 'a table name with hyphens, which Glue and Lake Formation allow', value: { tableNames: ['tree-counts'] } },
  { name: 'a database name with hyphens and dots', value: { databaseName: 'collections-eu.v2' } },
  { name: 'a table name of 255 characters', value: { tableNames: ['t'.repeat(255)] } },
  { name: 'a table name with Unicode letters', value: { tableNames: ['bäume'] } },
  { name: 'two distinct tables whose PascalCase names are the same', value: { tableNames: ['trees_2023', 'trees2023'] } },
  { name: 'a prefix with a leading slash (the slash is dropped)', value: { dataPrefix: '/trees/' } },
  { name: 'no prefix: the whole bucket', value: { dataPrefix: undefined } },
  { name: 'a bucket name of 63 characters with dots', value: { dataBucketName: `collections.${'d'.repeat(51)}` } },
  { name: 'a project name of 64 characters', value: { projectName: 'p'.repeat(64) } },
];

describe('ProducerDataProduct inputs', () => {
  test.each(INVALID)("refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, input) => product(app, input));
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, (app, input) => product(app, input));
  });

  test('reports every problem at once', () => {
    const message = refusal((app) => product(app, { databaseName: 'A', dataPrefix: 'x/*', dataBucketName: 'Bad_Bucket' }));
    expect(message).toContain("'databaseName' is 'A'");
    expect(message).toContain("'dataPrefix' is 'x/*'");
    expect(message).toContain("'dataBucket' is 'Bad_Bucket'");
  });

  test('grants trees_2023 and trees2023 separately, keeping the first grant\'s id', () => {
    const p = product(testApp(), { tableNames: ['trees_2023', 'trees2023'] });
    const grants = Template.fromStack(Stack.of(p)).findResources('AWS::LakeFormation::PrincipalPermissions');
    const tables = Object.values(grants).map((g: any) => g.Properties.Resource.Table?.Name).filter((t) => t);
    expect(tables.sort()).toEqual(['trees2023', 'trees_2023']);
    expect(p.node.tryFindChild('TableGrantTrees2023')).toBeDefined();
  });
});
