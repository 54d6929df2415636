/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { grantedDatabase, publishedDatabases } from './data';
import { fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** A Glue data source is created after the Lake Formation grants on its databases. */
export const DATA_SOURCE_AFTER_GRANTS: RuleDefinition = {
  id: 'LF1',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::DataSource'],
  checklist: 'Grant the producer project role Lake Formation permissions before creating the data source and publishing',
  info: 'The data source does not depend on the Lake Formation grants on the databases it imports.',
  explanation: 'Created before the grants, the data source runs without permission on the tables: the import finds nothing or fails, and no asset is published. CloudFormation creates resources in parallel unless a dependency orders them.',
  fix: 'Grant the project role on the database and tables (AWS::LakeFormation::PrincipalPermissions) in the same stack and make the data source depend on every grant (ProducerDataProduct does).',
  check: (dataSource, mesh) => {
    const databases = publishedDatabases(dataSource);
    if (databases.length === 0) {
      return notApplicable();
    }
    const grants = mesh.ofType(dataSource.stack, 'AWS::LakeFormation::PrincipalPermissions');
    const problems = databases.flatMap((database) => {
      const onDatabase = grants.filter((g) => grantedDatabase(g) === database);
      if (onDatabase.length === 0) {
        return [`no Lake Formation grant on database ${database} in this stack`];
      }
      const unordered = onDatabase.filter((g) => !dataSource.dependsOn.has(g.logicalId));
      return unordered.length === 0 ? [] : [`no dependency on grant(s) ${unordered.map((g) => g.logicalId).join(', ')}`];
    });
    return problems.length === 0 ? pass() : fail(problems.join('; '));
  },
};
