/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { IndexedResource, literalList, literalString } from '../../mesh-index';
import { CouldNotEvaluate } from '../../rule';

/** The tables of one Glue database a data source imports: the INCLUDE and EXCLUDE expressions of its filter. */
export interface TableFilter {
  readonly database: string;
  /** Table-name expressions (`*` is a wildcard); none means every table of the database. */
  readonly includes: unknown[];
  readonly excludes: unknown[];
}

/** The filters of a Glue data source, one per database (empty for a source that is not a Glue source). */
export function tableFilters(dataSource: IndexedResource): TableFilter[] {
  const glue = dataSource.properties.Configuration?.GlueRunConfiguration;
  if (!glue) {
    return [];
  }
  return literalList(glue.RelationalFilterConfigurations, `RelationalFilterConfigurations of ${dataSource.logicalId}`).map((c: any) => {
    const expressions = literalList(c?.FilterExpressions, `FilterExpressions of ${dataSource.logicalId}`) as any[];
    const ofType = (type: string) => expressions.filter((e) => literalString(e?.Type, `a filter Type of ${dataSource.logicalId}`) === type).map((e) => e?.Expression);
    return {
      database: literalString(c?.DatabaseName, `a DatabaseName of ${dataSource.logicalId}`),
      includes: ofType('INCLUDE'),
      excludes: ofType('EXCLUDE'),
    };
  });
}

/** Whether `filter` imports the table `name`: true, false, or throws when an expression that decides it is not literal. */
export function includesTable(filter: TableFilter, name: string, dataSource: IndexedResource): boolean {
  const matches = (expression: unknown) => {
    if (typeof expression !== 'string') {
      throw new CouldNotEvaluate(`a filter expression of ${dataSource.logicalId}`);
    }
    return globMatches(expression, name);
  };
  const included = filter.includes.length === 0 || filter.includes.some(matches);
  return included && !filter.excludes.some(matches);
}

/** True when an expression is a literal table name, without wildcards. */
export function isLiteralName(expression: unknown): expression is string {
  return typeof expression === 'string' && !expression.includes('*');
}

/** The `*` wildcard (any characters); table names are case-insensitive in the Glue Data Catalog. */
export function globMatches(pattern: string, text: string): boolean {
  const regex = pattern.split('').map((c) => (c === '*' ? '.*' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${regex}$`, 'i').test(text);
}
