/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { allowStatements } from './role-statements';
import { ROLE_VARIABLE } from '../../../contract';
import { IndexedResource, MeshIndex } from '../../mesh-index';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition } from '../../rule';
import { allowsAny } from '../iam/wildcards';

/**
 * The calls that read S3, Glue, Lake Formation or Athena data directly: an action of the role's policies that
 * allows one of them (`s3:Get*`, `glue:*`, `*`, any case, as IAM reads them) is a direct read.
 */
const DIRECT_READS = [
  's3:GetObject', 's3:GetObjectVersion', 's3:ListBucket',
  'glue:GetTable', 'glue:GetTables', 'glue:GetTableVersion', 'glue:GetTableVersions', 'glue:GetPartition', 'glue:GetPartitions', 'glue:GetDatabase', 'glue:GetDatabases',
  'lakeformation:GetDataAccess',
  'athena:GetQueryResults',
];

/** A bound function's own role has no direct S3, Glue or Lake Formation read: data goes through the project role. */
export const BOUND_FUNCTION_READS_THROUGH_PROJECT: RuleDefinition = {
  id: 'BIND1',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::Lambda::Function'],
  checklist: 'The consumer application reads the producer\'s data through the consumer project role',
  info: 'The bound function\'s execution role can read S3, Glue or Lake Formation data directly, beside the consumer project role.',
  explanation: 'Direct read permissions on the function\'s own role bypass the mesh: the function could read data it never subscribed to, and revoking the subscription would not stop it.',
  fix: 'Remove the S3/Glue/Lake Formation read statements from the function\'s role; it needs only sts:AssumeRole on the project role (ConsumerBinding adds it).',
  check: (fn, mesh) => {
    const variables = fn.properties.Environment?.Variables;
    if (!variables || variables[ROLE_VARIABLE] === undefined) {
      return notApplicable();
    }
    const role = mesh.target(fn, fn.properties.Role);
    if (!role || role.type !== 'AWS::IAM::Role') {
      return notApplicable();
    }
    const actions = readActions(role, mesh);
    return actions.length === 0 ? pass() : fail(`${actions.join(', ')} on role ${role.logicalId}`);
  },
};

function readActions(role: IndexedResource, mesh: MeshIndex): string[] {
  const found = new Set<string>();
  for (const statement of allowStatements(role, mesh)) {
    for (const action of [].concat(statement.Action ?? [])) {
      if (typeof action !== 'string') {
        throw new CouldNotEvaluate(`an Action of a policy on role ${role.logicalId} (a parameter or intrinsic function may grant a direct read)`);
      }
      if (allowsAny(action, DIRECT_READS)) {
        found.add(action);
      }
    }
  }
  return [...found];
}
