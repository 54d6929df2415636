/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, CfnParameter, CustomResource, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { SUBSCRIPTION_TYPE } from '../../../../src/contract';
import { dataMeshViolations, testApp, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const DOMAIN = 'dzd_4f8a2b1c9e3d7h';

/** A producer stack with a Glue data source of database `collections` including `expressions` (none: every table). */
function producer(app: App, expressions: Array<{ expression: string; type: string }>, publishOnImport: unknown = true) {
  const stack = new Stack(app, 'ProducerData', { env: { account: '222222222222', region: 'eu-west-1' } });
  new datazone.CfnDataSource(stack, 'DataSource', {
    domainIdentifier: DOMAIN,
    projectIdentifier: 'c8n3v5x7z9b2d4',
    name: 'collections',
    type: 'GLUE',
    publishOnImport: publishOnImport as any,
    configuration: { glueRunConfiguration: { relationalFilterConfigurations: [{ databaseName: 'collections', filterExpressions: expressions }] } },
  });
  return stack;
}

/** A governance stack with a subscription, as ConsumerSubscription writes it, to `assetName`. */
function subscription(app: App, assetName: string | undefined) {
  const stack = testStack({}, app);
  new CustomResource(stack, 'Subscription', {
    serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:subscription',
    resourceType: SUBSCRIPTION_TYPE,
    properties: { DomainId: DOMAIN, ConsumerProjectId: 'b3kz9x2m4n5p6q', ProducerProjectId: 'c8n3v5x7z9b2d4', AssetName: assetName },
  });
  return stack;
}

/** A Glue data source whose table filters are a template parameter (known at deploy only). */
function unreadableSource(stack: Stack, id: string) {
  const source = new datazone.CfnDataSource(stack, id, { domainIdentifier: DOMAIN, projectIdentifier: 'c8n3v5x7z9b2d4', name: id, type: 'GLUE', publishOnImport: true });
  source.addPropertyOverride('Configuration.GlueRunConfiguration.RelationalFilterConfigurations', { Ref: new CfnParameter(stack, `${id}Filters`, { type: 'String' }).logicalId });
}

const sub1 = (app: App, id = 'DataMesh-SUB1') => dataMeshViolations(app).find((v) => v.ruleName === id);
const include = (...names: string[]) => names.map((expression) => ({ expression, type: 'INCLUDE' }));

describe('DataMesh-SUB1: a subscription asks for an asset that a data source of the app imports and publishes', () => {
  test('accepts an asset the data source includes by name, by wildcard, or as one of every table', () => {
    for (const expressions of [include('trees', 'birds'), include('tr*'), []]) {
      const app = testApp();
      producer(app, expressions);
      subscription(app, 'trees');
      expect(sub1(app)).toBeUndefined();
    }
  });

  test('flags an asset no data source includes, naming what each includes, and one that is excluded', () => {
    const app = testApp();
    producer(app, include('trees', 'birds'));
    subscription(app, 'fish');
    const violation = sub1(app);
    expect(violation?.severity).toBe('error');
    expect(violation?.description).toMatch(/found asset 'fish', which no data source of the app includes \(DataSource includes collections: 'trees', 'birds'\); subscribe to an included table or include 'fish'/);
    expect((violation as any)?.fix).toMatch(/Subscribe to a table the producer's data source includes/);

    const excluded = testApp();
    producer(excluded, [{ expression: 'tr*', type: 'EXCLUDE' }]);
    subscription(excluded, 'trees');
    expect(sub1(excluded)?.description).toMatch(/found asset 'trees', which no data source of the app includes \(DataSource includes collections: every table except "tr\*"\)/);
  });

  test('flags an asset whose data source does not publish on import', () => {
    const app = testApp();
    producer(app, include('trees'), false);
    subscription(app, 'trees');
    expect(sub1(app)?.description).toMatch(/found asset 'trees', included by DataSource without PublishOnImport: true, so it is never listed; allowed: a data source with PublishOnImport: true/);
  });

  test('does not apply to a subscription without an asset name, nor in an app without any Glue data source (the producer is another app)', () => {
    const noName = testApp();
    producer(noName, include('trees'));
    subscription(noName, undefined);
    expect(sub1(noName)).toBeUndefined();
    const consumerOnly = testApp();
    subscription(consumerOnly, 'trees');
    expect(sub1(consumerOnly)).toBeUndefined();
  });

  test('accepts an asset one data source includes although another data source of the app cannot be read', () => {
    const app = testApp();
    const stack = producer(app, include('trees'));
    unreadableSource(stack, 'OtherSource');
    subscription(app, 'trees');
    expect(sub1(app)).toBeUndefined();
    expect(sub1(app, 'DataMesh-SUB1[Unverified]')).toBeUndefined();
  });

  test('reports "could not evaluate" when the only data source that may include the asset cannot be read', () => {
    const app = testApp();
    const stack = new Stack(app, 'ProducerData', { env: { account: '222222222222', region: 'eu-west-1' } });
    unreadableSource(stack, 'DataSource');
    subscription(app, 'trees');
    expect(sub1(app)).toBeUndefined();
    expect(sub1(app, 'DataMesh-SUB1[Unverified]')?.severity).toBe('warning');
  });

  test('reports "could not evaluate" when the asset name is a parameter', () => {
    const app = testApp();
    producer(app, include('trees'));
    const stack = subscription(app, undefined);
    (stack.node.findChild('Subscription').node.defaultChild as any).addPropertyOverride('AssetName', deployTimeParameter(stack, 'AssetName'));
    expect(sub1(app, 'DataMesh-SUB1[Unverified]')?.description).toMatch(/could not evaluate: AssetName of subscription Subscription/);
  });
});
