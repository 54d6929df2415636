/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { publishedDatabases } from './data';
import { REVOKE_IAM_ALLOWED_PRINCIPALS_TYPE } from '../../../contract';
import { fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** IAMAllowedPrincipals is revoked on every database a data source publishes. */
export const IAM_ALLOWED_PRINCIPALS_REVOKED: RuleDefinition = {
  id: 'LF3',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::DataSource'],
  checklist: 'Revoke IAMAllowedPrincipals on the database and the table',
  info: 'Nothing in the stack revokes IAMAllowedPrincipals on a database the data source publishes.',
  explanation: 'While IAMAllowedPrincipals holds its default grants, any IAM principal with Glue and S3 permissions reads the tables without a subscription; the catalog then governs nothing.',
  fix: 'Revoke IAMAllowedPrincipals on the database and its tables (ProducerDataProduct does it with a custom resource, since CloudFormation has none), or acknowledge with the reason if it is revoked elsewhere.',
  check: (dataSource, mesh) => {
    const databases = publishedDatabases(dataSource);
    if (databases.length === 0) {
      return notApplicable();
    }
    const revoked = new Set(mesh.ofType(dataSource.stack, REVOKE_IAM_ALLOWED_PRINCIPALS_TYPE).map((r) => r.properties.DatabaseName));
    const open = databases.filter((database) => !revoked.has(database));
    return open.length === 0 ? pass() : fail(`no revocation on database(s) ${open.join(', ')}`);
  },
};
