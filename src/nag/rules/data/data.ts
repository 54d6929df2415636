/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { IndexedResource, literalList, literalString } from '../../mesh-index';

/** The Glue databases a DataZone data source imports (empty for non-Glue sources). */
export function publishedDatabases(dataSource: IndexedResource): string[] {
  const glue = dataSource.properties.Configuration?.GlueRunConfiguration;
  if (!glue) {
    return [];
  }
  return literalList(glue.RelationalFilterConfigurations, `RelationalFilterConfigurations of ${dataSource.logicalId}`)
    .map((c: any) => literalString(c?.DatabaseName, `a DatabaseName of ${dataSource.logicalId}`));
}

/** The database a Lake Formation grant is on (database, table or columns), if it is literal. */
export function grantedDatabase(grant: IndexedResource): string | undefined {
  const resource = grant.properties.Resource ?? {};
  const name = resource.Database?.Name ?? resource.Table?.DatabaseName ?? resource.TableWithColumns?.DatabaseName;
  return typeof name === 'string' ? name : undefined;
}
