/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, CfnParameter, CustomResource, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { findingsOf } from './data-rules.fixtures';
import { SUBSCRIPTION_TYPE } from '../../../../src/contract';
import { SUBSCRIBED_ASSET_PUBLISHED } from '../../../../src/nag/rules/data/subscribed-asset-published';
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
const findings = (app: App) => findingsOf(app, SUBSCRIBED_ASSET_PUBLISHED);

/** Another data source `id` in `stack`, importing the databases of `configurations` (as CloudFormation writes them). */
function otherSource(stack: Stack, id: string, configurations: unknown[], publishOnImport: unknown = true, type = 'GLUE') {
  const source = new datazone.CfnDataSource(stack, id, { domainIdentifier: DOMAIN, projectIdentifier: 'c8n3v5x7z9b2d4', name: id, type });
  source.addPropertyOverride('PublishOnImport', publishOnImport);
  if (type === 'GLUE') {
    source.addPropertyOverride('Configuration', { GlueRunConfiguration: { RelationalFilterConfigurations: configurations } });
  }
  return source;
}

const NOT_KNOWN = 'is not known at synth (a token, parameter or intrinsic function)';

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

  test('names each data source and each of its filters (databases, includes, excludes) when none includes the asset', () => {
    const app = testApp();
    const stack = producer(app, include('trees', 'birds'));
    otherSource(stack, 'Other', [
      { DatabaseName: 'sightings', FilterExpressions: [{ Type: 'INCLUDE', Expression: 'fish' }, { Type: 'INCLUDE', Expression: { Ref: 'AWS::StackName' } }, { Type: 'EXCLUDE', Expression: 'fish' }] },
      { DatabaseName: 'archive', FilterExpressions: [{ Type: 'EXCLUDE', Expression: 'fi*' }, { Type: 'EXCLUDE', Expression: 'tmp_*' }] },
    ]);
    subscription(app, 'fish');
    expect(findings(app)).toEqual([
      'SUB1 Test/Subscription/Default: found asset \'fish\', which no data source of the app includes (DataSource includes collections: \'trees\', \'birds\'; '
        + 'Other includes sightings: \'fish\', {"Ref":"AWS::StackName"} except "fish", archive: every table except "fi*", "tmp_*"); subscribe to an included table or include \'fish\'',
    ]);
  });

  test('accepts an asset of the second database of a data source, and one that a data source with PublishOnImport "true" or true includes beside one without or with one known at deploy', () => {
    const second = testApp();
    otherSource(new Stack(second, 'ProducerData', { env: { account: '222222222222', region: 'eu-west-1' } }), 'Source', [
      { DatabaseName: 'sightings', FilterExpressions: [{ Type: 'INCLUDE', Expression: 'birds' }] },
      { DatabaseName: 'collections', FilterExpressions: [{ Type: 'INCLUDE', Expression: 'trees' }] },
    ], 'true');
    subscription(second, 'trees');
    const beside = testApp();
    otherSource(producer(beside, include('trees'), false), 'Published', [{ DatabaseName: 'collections' }]);
    subscription(beside, 'trees');
    const besideUnknown = testApp();
    const stack = producer(besideUnknown, include('trees'), { Ref: 'Publish' });
    new CfnParameter(stack, 'Publish', { type: 'String' });
    otherSource(stack, 'Published', [{ DatabaseName: 'collections' }]);
    subscription(besideUnknown, 'trees');
    expect([second, beside, besideUnknown].map(findings)).toEqual([[], [], []]);
  });

  test('names every data source that includes the asset without publishing it', () => {
    const app = testApp();
    otherSource(producer(app, include('trees'), false), 'Other', [{ DatabaseName: 'collections' }], 'false');
    subscription(app, 'trees');
    expect(findings(app)).toEqual([
      'SUB1 Test/Subscription/Default: found asset \'trees\', included by DataSource, Other without PublishOnImport: true, so it is never listed; allowed: a data source with PublishOnImport: true',
    ]);
  });

  test('reports "could not evaluate", naming the data source, when the PublishOnImport of a data source that includes the asset is known only at deploy', () => {
    for (const beside of [false, true]) {
      const app = testApp();
      const stack = producer(app, include('trees'), beside ? false : { Ref: 'Publish' });
      new CfnParameter(stack, 'Publish', { type: 'String' });
      if (beside) {
        otherSource(stack, 'Other', [{ DatabaseName: 'collections' }], { Ref: 'Publish' });
      }
      subscription(app, 'trees');
      expect(findings(app)).toEqual([
        `SUB1[Unverified] Test/Subscription/Default: could not evaluate: PublishOnImport of data source ${beside ? 'Other' : 'DataSource'} (parameter Publish, no default) ${NOT_KNOWN}`,
      ]);
    }
  });

  test('reports "could not evaluate", naming the data source and the value, for a PublishOnImport that is neither a boolean nor "true" or "false"', () => {
    const app = testApp();
    (producer(app, include('trees')).node.findChild('DataSource') as datazone.CfnDataSource).addPropertyOverride('PublishOnImport', 'yes');
    subscription(app, 'trees');
    expect(findings(app)).toEqual([`SUB1[Unverified] Test/Subscription/Default: could not evaluate: PublishOnImport of data source DataSource ('yes') ${NOT_KNOWN}`]);
  });

  test('reports "could not evaluate" when an include expression that decides is only known at deploy, or the only data source cannot be read', () => {
    const expression = testApp();
    otherSource(new Stack(expression, 'ProducerData', { env: { account: '222222222222', region: 'eu-west-1' } }), 'Source', [
      { DatabaseName: 'collections', FilterExpressions: [{ Type: 'INCLUDE', Expression: 'birds' }, { Type: 'INCLUDE', Expression: { Ref: 'AWS::StackName' } }] },
    ]);
    subscription(expression, 'trees');
    expect(findings(expression)).toEqual([`SUB1[Unverified] Test/Subscription/Default: could not evaluate: a filter expression of Source ${NOT_KNOWN}`]);
    const unreadable = testApp();
    unreadableSource(new Stack(unreadable, 'ProducerData', { env: { account: '222222222222', region: 'eu-west-1' } }), 'DataSource');
    subscription(unreadable, 'trees');
    expect(findings(unreadable)).toEqual([
      `SUB1[Unverified] Test/Subscription/Default: could not evaluate: RelationalFilterConfigurations of DataSource (parameter DataSourceFilters, no default) ${NOT_KNOWN}`,
    ]);
  });

  test('reports nothing at all for a subscription without an asset name, or in an app whose only data source is not a Glue source', () => {
    const noName = testApp();
    producer(noName, include('trees'));
    subscription(noName, undefined);
    const redshiftOnly = testApp();
    otherSource(new Stack(redshiftOnly, 'ProducerData', { env: { account: '222222222222', region: 'eu-west-1' } }), 'Redshift', [], true, 'REDSHIFT');
    subscription(redshiftOnly, 'trees');
    expect([noName, redshiftOnly].map(findings)).toEqual([[], []]);
  });
});
