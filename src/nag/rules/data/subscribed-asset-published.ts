/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { includesTable, tableFilters } from './table-filters';
import { SUBSCRIPTION_TYPE } from '../../../contract';
import { literalBoolean, literalString } from '../../mesh-index';
import { fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** A subscription asks for an asset that a Glue data source of the app imports and publishes. */
export const SUBSCRIBED_ASSET_PUBLISHED: RuleDefinition = {
  id: 'SUB1',
  level: NagMessageLevel.ERROR,
  appliesTo: [SUBSCRIPTION_TYPE],
  checklist: 'Publish the producer\'s tables, then subscribe from the consumer project',
  info: 'The subscription asks for an asset that no Glue data source of the app imports (its RelationalFilterConfigurations) and publishes (PublishOnImport).',
  explanation: 'A subscription is requested on a published listing (botocore DataZone CreateSubscriptionRequest: subscribedListings, "the published asset"). A Glue data source creates one asset per table it imports, named after the table, and lists it only with PublishOnImport: true. The subscription custom resource waits for the listing until its timeout (up to 50 minutes, under CloudFormation\'s hour), so an asset that is never published fails the deploy an hour late, and rolls the stack back. The subscriptions of an app without any Glue data source (the producer deployed as another app) are not checked.',
  fix: 'Subscribe to a table the producer\'s data source includes (ProducerDataProduct tableNames / includeTables, or the data source\'s FilterExpressions INCLUDE), with PublishOnImport: true; or add the table to the data source\'s filter.',
  check: (subscription, mesh) => {
    if (subscription.properties.AssetName === undefined) {
      return notApplicable(); // a subscription that names its listing otherwise
    }
    const asset = literalString(subscription.properties.AssetName, `AssetName of subscription ${subscription.logicalId}`);
    // A data source whose type or filters cannot be read may or may not include the asset: it only matters
    // (as "could not evaluate") when no readable data source includes it.
    let unreadable: Error | undefined;
    const glueSources = mesh.allOfType('AWS::DataZone::DataSource').filter((d) => {
      try {
        return tableFilters(d).length > 0;
      } catch (e) {
        unreadable = e as Error;
        return false;
      }
    });
    if (glueSources.length === 0 && !unreadable) {
      // The producer is another app (its data sources are in no template of this one): nothing to compare.
      return notApplicable();
    }
    const including = glueSources.filter((d) => {
      try {
        return tableFilters(d).some((filter) => includesTable(filter, asset, d));
      } catch (e) {
        unreadable = e as Error;
        return false;
      }
    });
    if (including.length === 0 && unreadable) {
      throw unreadable;
    }
    if (including.length === 0) {
      return fail(`asset '${asset}', which no data source of the app includes (${glueSources.map((d) => `${d.logicalId} includes ${describeFilters(d)}`).join('; ')}); subscribe to an included table or include '${asset}'`);
    }
    const literal = including.filter((d) => typeof d.properties.PublishOnImport !== 'object');
    if (literal.some((d) => literalBoolean(d.properties.PublishOnImport, `PublishOnImport of data source ${d.logicalId}`))) {
      return pass();
    }
    const unknown = including.find((d) => !literal.includes(d));
    if (unknown) {
      literalBoolean(unknown.properties.PublishOnImport, `PublishOnImport of data source ${unknown.logicalId}`); // throws
    }
    return fail(`asset '${asset}', included by ${including.map((d) => d.logicalId).join(', ')} without PublishOnImport: true, so it is never listed; allowed: a data source with PublishOnImport: true`);
  },
};

function describeFilters(dataSource: Parameters<typeof tableFilters>[0]): string {
  return tableFilters(dataSource).map((f) => `${f.database}: ${f.includes.length === 0 ? 'every table' : f.includes.map((e) => (typeof e === 'string' ? `'${e}'` : JSON.stringify(e))).join(', ')}${f.excludes.length > 0 ? ` except ${f.excludes.map((e) => JSON.stringify(e)).join(', ')}` : ''}`).join(', ');
}
