/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Duration } from 'aws-cdk-lib';
import { CatalogDomain, ConsumerSubscription, ConsumerSubscriptionProps } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';
import { testStack } from '../util';

function subscription(app: App, props: Partial<ConsumerSubscriptionProps>): ConsumerSubscription {
  const stack = testStack({}, app);
  const domain = CatalogDomain.fromCatalogDomainAttributes(stack, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'root', governanceAccount: '111111111111' });
  return new ConsumerSubscription(stack, 'Trees', { domain, consumerProjectId: 'prjconsumer', producerProjectId: 'prjproducer', assetName: 'trees', ...props });
}

/** The contract of ConsumerSubscription's props: each row is refused with the prop, the value, what is allowed and the fix. */
const INVALID: Array<InvalidRow<Partial<ConsumerSubscriptionProps>>> = [
  { prop: 'assetName', value: { assetName: '' }, shown: "''", expect: ['1-256 characters', 'the table name'] },
  { prop: 'assetName', value: { assetName: 'a'.repeat(257) }, shown: `'${'a'.repeat(257)}'`, expect: ['1-256 characters'] },
  { prop: 'consumerProjectId', value: { consumerProjectId: 'Consumer project' }, shown: "'Consumer project'", expect: ['1-36 letters, digits, _ and -', "project's overview"] },
  { prop: 'producerProjectId', value: { producerProjectId: 'p'.repeat(37) }, shown: `'${'p'.repeat(37)}'`, expect: ['1-36'] },
  { prop: 'consumerProjectId', value: { consumerProjectId: 'prjproducer' }, shown: "'prjproducer'", expect: ['the consumer project is the producer project'] },
  { prop: 'requestReason', value: { requestReason: '  ' }, shown: "'  '", expect: ['1-4096 characters', 'leave it out'] },
  { prop: 'requestReason', value: { requestReason: 'r'.repeat(4097) }, shown: `'${'r'.repeat(4097)}'`, expect: ['1-4096'] },
  { prop: 'timeout', value: { timeout: Duration.seconds(59) }, shown: "'59 seconds'", expect: ['from 60 to 3000', 'Duration.minutes(30)'] },
  { prop: 'timeout', value: { timeout: Duration.hours(1) }, shown: "'3600 seconds'", expect: ['CloudFormation fails a custom resource after one hour', 'autoApprove: false'] },
  { prop: 'timeout', value: { timeout: Duration.millis(61500) }, shown: "'61.5 seconds'", expect: ['whole seconds'] },
];

const VALID: Array<ValidRow<Partial<ConsumerSubscriptionProps>>> = [
  { name: 'an asset name of 256 characters', value: { assetName: 'a'.repeat(256) } },
  { name: 'an asset name with hyphens', value: { assetName: 'tree-counts' } },
  { name: 'project ids of 36 characters', value: { consumerProjectId: 'c'.repeat(36), producerProjectId: 'p'.repeat(36) } },
  { name: 'the shortest timeout, 60 seconds', value: { timeout: Duration.seconds(60) } },
  { name: 'a timeout that is not a multiple of the poll interval', value: { timeout: Duration.seconds(61) } },
  { name: 'the longest timeout, 50 minutes', value: { timeout: Duration.minutes(50) } },
];

describe('ConsumerSubscription inputs', () => {
  test.each(INVALID)("refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, props) => subscription(app, props));
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, (app, props) => subscription(app, props));
  });

  test('reports every problem at once', () => {
    const message = refusal((app) => subscription(app, { assetName: '', timeout: Duration.seconds(1), consumerProjectId: 'a b' }));
    expect(message).toContain("'assetName' is ''");
    expect(message).toContain("'timeout' is '1 seconds'");
    expect(message).toContain("'consumerProjectId' is 'a b'");
  });
});
