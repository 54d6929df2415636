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
];

/** Valid edge values: they must synthesize. */
const VALID: Array<ValidRow<Input>> = [
  { name: 'a table named tree-counts, which Glue and Lake Formation allow', value: { product: { tableNames: ['tree-counts'] }, consumer: { subscriptions: [{ producer: 'collections', table: 'tree-counts' }] } } },
  { name: 'two distinct tables trees_2023 and trees2023', value: { product: { tableNames: ['trees_2023', 'trees2023'] }, consumer: { subscriptions: [{ producer: 'collections', table: 'trees_2023' }, { producer: 'collections', table: 'trees2023' }] } } },
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
