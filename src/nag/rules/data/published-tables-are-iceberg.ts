/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Token } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { publishedDatabases } from './data';
import { REQUIRE_ICEBERG_METADATA } from '../../../contract';
import { IndexedResource, MeshIndex } from '../../mesh-index';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** When the mesh requires it, the Glue tables it publishes are Apache Iceberg tables. */
export const PUBLISHED_TABLES_ARE_ICEBERG: RuleDefinition = {
  id: 'ICE1',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::Glue::Table'],
  checklist: 'Iceberg tables, when the mesh requires them',
  info: 'A Glue table of a database the mesh publishes with requireIceberg is not an Apache Iceberg table.',
  explanation: 'A mesh that promises Iceberg to its consumers (time travel, schema evolution, ACID reads through Athena and Redshift) breaks that promise for this table. Only tables defined in this app can be checked at synth.',
  fix: 'Define the table as Iceberg (TableInput.Parameters.table_type = ICEBERG, or OpenTableFormatInput.IcebergInput), or leave it out of the data source.',
  check: (table, mesh) => {
    // Data sources publish the databases of their own account's catalog.
    const requiring = requiringIceberg(mesh, table.stack.account);
    if (requiring.size === 0) {
      return notApplicable();
    }
    const database = databaseName(table, mesh);
    if (database === undefined) {
      throw new CouldNotEvaluate(`the DatabaseName of table ${table.logicalId}, which may be a database published with requireIceberg (${[...requiring].join(', ')})`);
    }
    if (!requiring.has(database)) {
      return notApplicable();
    }
    const parameters = table.properties.TableInput?.Parameters ?? {};
    const iceberg = String(parameters.table_type ?? '').toUpperCase() === 'ICEBERG' || table.properties.OpenTableFormatInput?.IcebergInput !== undefined;
    return iceberg ? pass() : fail(`table ${table.properties.TableInput?.Name ?? table.logicalId} in ${database} with table_type ${parameters.table_type ?? '(none)'}`);
  },
};

function requiringIceberg(mesh: MeshIndex, account: string): Set<string> {
  return new Set(mesh.allOfType('AWS::DataZone::DataSource')
    .filter((source: IndexedResource) => source.node.getMetadata(REQUIRE_ICEBERG_METADATA) === true)
    .filter((source: IndexedResource) => source.stack.account === account || Token.isUnresolved(source.stack.account) || Token.isUnresolved(account))
    .flatMap(publishedDatabases));
}

/** The table's database name: a literal, or the name of an `AWS::Glue::Database` of the template it refers to. */
function databaseName(table: IndexedResource, mesh: MeshIndex): string | undefined {
  const value = table.properties.DatabaseName;
  if (typeof value === 'string') {
    return value;
  }
  const database = mesh.target(table, value);
  const name = database?.type === 'AWS::Glue::Database' ? database.properties.DatabaseInput?.Name : undefined;
  return typeof name === 'string' ? name : undefined;
}
