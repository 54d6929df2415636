/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { globMatches, isLiteralName, tableFilters, TableFilter } from './table-filters';
import { IndexedResource, MeshIndex } from '../../mesh-index';
import { CouldNotEvaluate, failEach, Finding, notApplicable, RuleDefinition } from '../../rule';

/** A Lake Formation grant on tables: the database and the table name, or `*` for every table (TableWildcard). */
interface TableGrant {
  readonly database: unknown;
  readonly table: unknown;
  readonly grant: IndexedResource;
}

/** The tables a Glue data source includes are granted by a Lake Formation grant of the app. */
export const INCLUDED_TABLES_GRANTED: RuleDefinition = {
  id: 'LF6',
  level: NagMessageLevel.WARN,
  appliesTo: ['AWS::DataZone::DataSource'],
  checklist: 'Grant the producer project role Lake Formation permissions before creating the data source and publishing',
  info: 'The data source includes a table that no Lake Formation grant of the app (AWS::LakeFormation::PrincipalPermissions or Permissions on that table, or on every table of its database) covers.',
  explanation: 'In Lake Formation mode a principal sees only the tables it was granted; the data source\'s run then finds no such table, creates no asset, and a subscription to it waits until it fails. DataMesh-LF1 checks that the data source waits for grants on its databases; a grant on the database alone (DESCRIBE) does not show its tables. A warning, not an error, because the grant may be made outside the app (console, another app, LF-Tags) or the table may still be under IAMAllowedPrincipals: acknowledge it naming where the grant is.',
  fix: 'Grant the data source\'s role (the producer project role) SELECT and DESCRIBE on each included table (AWS::LakeFormation::PrincipalPermissions with Resource.Table { DatabaseName, Name } or TableWildcard), as ProducerDataProduct does for its tableNames.',
  check: (dataSource, mesh) => {
    const filters = tableFilters(dataSource);
    if (filters.length === 0) {
      return notApplicable();
    }
    const grants = tableGrants(mesh);
    const findings: Finding[] = [];
    for (const filter of filters) {
      for (const table of wantedTables(filter)) {
        if (!granted(filter.database, table, grants, dataSource)) {
          findings.push({
            key: `${filter.database}.${table}`,
            found: table === '*'
              ? `no grant on any table of database ${filter.database}, whose tables the data source includes (${filter.includes.length === 0 ? 'every table' : 'by wildcard'})`
              : `no grant on table ${filter.database}.${table}, which the data source includes`,
          });
        }
      }
    }
    return failEach(findings);
  },
};

/** The tables a filter names literally; `*` when it includes tables by wildcard or every table. */
function wantedTables(filter: TableFilter): string[] {
  if (filter.includes.length === 0 || filter.includes.some((e) => !isLiteralName(e))) {
    const literal = filter.includes.filter(isLiteralName);
    return [...literal.filter((t) => !excluded(filter, t)), '*'];
  }
  return (filter.includes as string[]).filter((t) => !excluded(filter, t));
}

function excluded(filter: TableFilter, table: string): boolean {
  return filter.excludes.some((e) => typeof e === 'string' && globMatches(e, table));
}

/** Every table-level grant of the app. */
function tableGrants(mesh: MeshIndex): TableGrant[] {
  const grants: TableGrant[] = [];
  for (const type of ['AWS::LakeFormation::PrincipalPermissions', 'AWS::LakeFormation::Permissions']) {
    for (const grant of mesh.allOfType(type)) {
      const resource = grant.properties.Resource ?? {};
      const table = resource.Table ?? resource.TableResource ?? resource.TableWithColumns ?? resource.TableWithColumnsResource;
      if (table) {
        grants.push({ database: table.DatabaseName, table: table.TableWildcard !== undefined ? '*' : table.Name, grant });
      } else if (resource.LFTagPolicy !== undefined || resource.DataCellsFilter !== undefined) {
        grants.push({ database: undefined, table: undefined, grant });
      }
    }
  }
  return grants;
}

/** True when a grant covers `table` (`*`: any table) of `database`; throws when only an unreadable grant might. */
function granted(database: string, table: string, grants: TableGrant[], dataSource: IndexedResource): boolean {
  let unreadable: TableGrant | undefined;
  for (const g of grants) {
    if (typeof g.database !== 'string' || typeof g.table !== 'string') {
      unreadable ??= g;
      continue;
    }
    if (g.database.toLowerCase() === database.toLowerCase() && (g.table === '*' || table === '*' || g.table.toLowerCase() === table.toLowerCase())) {
      return true;
    }
  }
  if (unreadable) {
    throw new CouldNotEvaluate(`the tables of Lake Formation grant ${unreadable.grant.logicalId} (an LF-Tag policy, a data cells filter or a database/table name given at deploy), which may cover ${database}.${table} included by ${dataSource.logicalId}`);
  }
  return false;
}
