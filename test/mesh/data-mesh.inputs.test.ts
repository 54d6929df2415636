/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App } from 'aws-cdk-lib';
import { DataMesh, DataMeshConsumer, DataMeshDataProduct, DataMeshProps } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';

const PRODUCT: DataMeshDataProduct = { databaseName: 'collections', tableNames: ['trees'], dataBucketName: 'collections-data' };
const CONSUMER: DataMeshConsumer = {
  name: 'analytics',
  account: '333333333333',
  functionArns: ['arn:aws:lambda:eu-west-1:333333333333:function:analytics_app'],
  subscriptions: [{ producer: 'collections', table: 'trees' }],
};

const USER = '90676a1234-1a2b3c4d-1111-2222-3333-444455556666';
const ROLE = 'arn:aws:iam::333333333333:role/etl-job';
const FUNCTION = 'arn:aws:lambda:eu-west-1:333333333333:function:report';

/** A one-producer, one-consumer mesh; `product` and `consumer` replace parts of the first data product and consumer. */
type Input = Partial<DataMeshProps> & { readonly product?: Partial<DataMeshDataProduct>; readonly consumer?: Partial<DataMeshConsumer> };

function mesh(app: App, input: Input): DataMesh {
  const { product, consumer, ...props } = input;
  return new DataMesh(app, 'Mesh', {
    domainName: 'data-mesh',
    governanceAccount: '111111111111',
    region: 'eu-west-1',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    producers: [{ name: 'collections', account: '222222222222', dataProducts: [{ ...PRODUCT, ...product }] }],
    consumers: [{ ...CONSUMER, ...consumer }],
    ...props,
  });
}

/** The contract of DataMesh's props: each row is refused with the prop's path, the value, what is allowed and the fix. */
const INVALID: Array<InvalidRow<Input>> = [
  { prop: 'domainName', value: { domainName: 'data/mesh' }, shown: '"data/mesh"', expect: ['must match pattern'] },
  { prop: 'governanceAccount', value: { governanceAccount: '1111' }, shown: '"1111"', expect: ['must match pattern'] },
  { prop: 'region', value: { region: 'eu-west-9' }, shown: "'eu-west-9'", expect: ['not an AWS Region', 'eu-west-1'] },
  { prop: 'availabilityZones', value: { availabilityZones: ['eu-west-1a'] }, shown: '["eu-west-1a"]', expect: ['fewer than 2 items'] },
  { prop: 'producers[0].dataProducts[0].tableNames[0]', value: { product: { tableNames: ['Trees'] } }, shown: '"Trees"', expect: ['must match pattern', 'no upper case'] },
  { prop: 'producers[0].dataProducts[0].dataPrefix', value: { product: { dataPrefix: 'trees/*' } }, shown: '"trees/*"', expect: ['must match pattern'] },
  { prop: 'producers[0].dataProducts[0].dataBucketName', value: { product: { dataBucketName: 'Collections_Data' } }, shown: '"Collections_Data"', expect: ['must match pattern'] },
  { prop: 'consumers[0].functionArns[0]', value: { consumer: { functionArns: ['arn:aws:lambda:eu-west-1:333333333333:function:f:prod'] } }, shown: '"arn:aws:lambda:eu-west-1:333333333333:function:f:prod"', expect: ['no version or alias'] },
  { prop: 'consumers[0].functionArns[0]', value: { consumer: { functionArns: ['arn:aws:lambda:us-east-1:333333333333:function:f'] } }, shown: "'arn:aws:lambda:us-east-1:333333333333:function:f'", expect: ["the mesh's Region (eu-west-1)", 'Bind the function from the consumer that owns it'] },
  { prop: 'consumers[0].subscriptions[0].table', value: { consumer: { subscriptions: [{ producer: 'collections', table: 'birds' }] } }, shown: "'birds'", expect: ['publishes trees', 'Name one of its tables'] },
  { prop: 'consumers[0].projectName', value: { consumer: { projectName: 'collections' } }, shown: "'collections'", expect: ['unique in the domain', 'another projectName'] },
  { prop: 'consumers[0].domainUnitName', value: { consumer: { domainUnitName: 'team/a' } }, shown: '"team/a"', expect: ['must match pattern', '1-128 letters', 'Rename the unit'] },
  { prop: 'consumers[0].domainUnitName', value: { consumer: { domainUnitName: 'Collections' } }, shown: "'Collections'", expect: ['a domain unit of its own', 'producers[0] has the same name', 'another domainUnitName'] },
  { prop: 'consumers[0].members[0].type', value: { consumer: { members: [{ type: 'SSO_USER', identifier: USER }] } }, shown: '"SSO_USER"', expect: ['must be equal to one of the allowed values', 'IDENTITY_CENTER_USER, IDENTITY_CENTER_GROUP or IAM_ROLE'] },
  { prop: 'consumers[0].members[0].designation', value: { consumer: { members: [{ type: 'IDENTITY_CENTER_USER', identifier: USER, designation: 'PROJECT_OWNER' }] } }, shown: '"PROJECT_OWNER"', expect: ['allowed values', 'Use OWNER or CONTRIBUTOR'] },
  { prop: 'consumers[0].members[0].identifier', value: { consumer: { members: [{ type: 'IDENTITY_CENTER_GROUP', identifier: 'analysts' }] } }, shown: "'analysts'", expect: ['Identity Center id', 'Copy the id from the Identity Center console'] },
  { prop: 'consumers[0].members[0].identifier', value: { consumer: { members: [{ type: 'IAM_ROLE', identifier: 'analyst' }] } }, shown: "'analyst'", expect: ['its role ARN', "Use the role's ARN"] },
  { prop: 'consumers[0].members[1]', value: { consumer: { members: [{ type: 'IDENTITY_CENTER_USER', identifier: USER }, { type: 'IDENTITY_CENTER_USER', identifier: USER, designation: 'OWNER' }] } }, shown: `'${USER}'`, expect: ['a member of a project once', 'Remove the duplicate'] },
  { prop: 'consumers[0].workloads[0].kind', value: { consumer: { workloads: [{ kind: 'GLUE', roleArn: ROLE }] } }, shown: '"GLUE"', expect: ['allowed values', 'LAMBDA_FUNCTION, GLUE_JOB, ECS_TASK, EMR_SERVERLESS or IAM_ROLE'] },
  { prop: 'consumers[0].workloads[0].roleArn', value: { consumer: { workloads: [{ kind: 'GLUE_JOB', roleArn: 'etl-job' }] } }, shown: '"etl-job"', expect: ['must match pattern', 'arn:aws:iam::<account>:role/<name>'] },
  { prop: 'consumers[0].workloads[0].roleArn', value: { consumer: { workloads: [{ kind: 'GLUE_JOB', roleArn: 'arn:aws:iam::222222222222:role/etl-job' }] } }, shown: "'arn:aws:iam::222222222222:role/etl-job'", expect: ["in its consumer's account (333333333333)", 'Bind the workload from the consumer that owns it'] },
  { prop: 'consumers[0].workloads[1].roleArn', value: { consumer: { workloads: [{ kind: 'GLUE_JOB', roleArn: ROLE }, { kind: 'IAM_ROLE', roleArn: ROLE }] } }, shown: `'${ROLE}'`, expect: ['bound once per consumer', 'workloads[0] binds it', 'Remove the duplicate'] },
  { prop: 'consumers[0].workloads[0].functionArn', value: { consumer: { workloads: [{ kind: 'LAMBDA_FUNCTION', roleArn: ROLE }] } }, shown: 'is missing', expect: ['names its function', 'kind IAM_ROLE'] },
  { prop: 'consumers[0].workloads[0].functionArn', value: { consumer: { workloads: [{ kind: 'GLUE_JOB', roleArn: ROLE, functionArn: FUNCTION }] } }, shown: `'${FUNCTION}'`, expect: ['only a LAMBDA_FUNCTION workload names a function', 'Remove functionArn'] },
  { prop: 'consumers[0].workloads[0].functionArn', value: { consumer: { workloads: [{ kind: 'LAMBDA_FUNCTION', roleArn: ROLE, functionArn: 'arn:aws:lambda:us-east-1:333333333333:function:f' }] } }, shown: "'arn:aws:lambda:us-east-1:333333333333:function:f'", expect: ["the mesh's Region (eu-west-1)"] },
];

/** Valid edge values: they must synthesize. */
const VALID: Array<ValidRow<Input>> = [
  { name: 'a table named tree-counts, which Glue and Lake Formation allow', value: { product: { tableNames: ['tree-counts'] }, consumer: { subscriptions: [{ producer: 'collections', table: 'tree-counts' }] } } },
  { name: 'two distinct tables trees_2023 and trees2023', value: { product: { tableNames: ['trees_2023', 'trees2023'] }, consumer: { subscriptions: [{ producer: 'collections', table: 'trees_2023' }, { producer: 'collections', table: 'trees2023' }] } } },
  { name: 'a domain unit name with spaces, 128 characters long', value: { consumer: { domainUnitName: `analytics team ${'x'.repeat(113)}` } } },
  { name: 'an Identity Center user id without its 10-digit prefix, and a role with a path as an owner', value: { consumer: { members: [{ type: 'IDENTITY_CENTER_USER', identifier: USER.slice(11) }, { type: 'IAM_ROLE', identifier: 'arn:aws:iam::333333333333:role/team/analyst', designation: 'OWNER' }] } } },
  { name: 'workloads alone, without functionArns', value: { consumer: { functionArns: undefined, workloads: [{ kind: 'ECS_TASK', roleArn: ROLE }] } } },
  { name: 'two workload roles etl_job and etl-job', value: { consumer: { workloads: [{ kind: 'GLUE_JOB', roleArn: 'arn:aws:iam::333333333333:role/etl_job' }, { kind: 'GLUE_JOB', roleArn: 'arn:aws:iam::333333333333:role/path/etl-job' }] } } },
  { name: 'two functions my_app and myApp', value: { consumer: { functionArns: ['arn:aws:lambda:eu-west-1:333333333333:function:my_app', 'arn:aws:lambda:eu-west-1:333333333333:function:myApp'] } } },
];

describe('DataMesh inputs', () => {
  test.each(INVALID)("refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, input) => mesh(app, input));
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, (app, input) => mesh(app, input));
  });

  test('accepts two distinct databases tree_counts and tree-counts of one producer', () => {
    expectAccepted({ name: 'two databases', value: {} }, (app) => new DataMesh(app, 'Mesh', {
      domainName: 'data-mesh',
      governanceAccount: '111111111111',
      region: 'eu-west-1',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      producers: [{
        name: 'collections',
        account: '222222222222',
        dataProducts: [{ ...PRODUCT, databaseName: 'tree_counts', tableNames: ['a'] }, { ...PRODUCT, databaseName: 'tree-counts', tableNames: ['b'] }],
      }],
      consumers: [{ ...CONSUMER, subscriptions: [{ producer: 'collections', table: 'b' }] }],
    }));
  });

  test('reports every problem at once', () => {
    const message = refusal((app) => mesh(app, { region: 'eu-west-9', consumer: { subscriptions: [{ producer: 'nobody', table: 'trees' }] } }));
    expect(message).toContain("'region' is 'eu-west-9'");
    expect(message).toContain("'consumers[0].subscriptions[0].producer' is 'nobody'");
  });
});
