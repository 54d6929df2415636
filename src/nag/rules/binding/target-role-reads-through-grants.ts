/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { allowStatements } from './role-statements';
import { authorizedPrincipals, namedPrincipal, SUBSCRIPTION_TARGET } from './subscription-target';
import { IndexedResource, MeshIndex } from '../../mesh-index';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition, tryRead, withUnverified } from '../../rule';
import { allowsAny } from '../iam/wildcards';

/** Reads of S3 objects, which Lake Formation does not govern where they are allowed on every bucket. */
const OBJECT_READS = ['s3:GetObject', 's3:GetObjectVersion'];
/** Lake Formation calls that grant, or make a principal an administrator (who may grant itself anything). */
const LF_GRANTS = ['lakeformation:GrantPermissions', 'lakeformation:BatchGrantPermissions', 'lakeformation:PutDataLakeSettings'];
const EVERY_BUCKET = /^(\*|arn:[^:]+:s3:::\*(\/\*)?)$/;

/** A role bound through a subscription target reads data only through what DataZone grants it. */
export const TARGET_ROLE_READS_THROUGH_GRANTS: RuleDefinition = {
  id: 'BIND2',
  level: NagMessageLevel.ERROR,
  appliesTo: [SUBSCRIPTION_TARGET],
  checklist: 'A bound workload reads only what its project subscribed to, and loses it when the subscription is revoked',
  info: 'A role that a subscription target authorizes can read data beside Lake Formation: S3 objects of every bucket, Lake Formation grants or admin settings, or every action.',
  explanation: 'DataZone governs the bound workload through Lake Formation grants on the subscribed tables, which it removes when the subscription is revoked. S3 reads on every bucket bypass Lake Formation, and a role that may grant Lake Formation permissions or change the data-lake settings can give itself any table: the workload could read data the project never subscribed to, and keep it after a revocation.',
  fix: 'Scope the role\'s S3 reads to its own buckets, and remove lakeformation:Grant*/PutDataLakeSettings and * actions from it; it needs only lakeformation:GetDataAccess and Glue catalog reads (WorkloadBinding adds them).',
  check: (target, mesh) => {
    const unverified: string[] = [];
    const principals = tryRead(unverified, () => authorizedPrincipals(target));
    if (principals === undefined) {
      return withUnverified(notApplicable(), unverified);
    }
    const found: string[] = [];
    principals.forEach((value, i) => {
      const principal = tryRead(unverified, () => namedPrincipal(target, value, mesh, `AuthorizedPrincipals[${i}] of ${target.logicalId}`));
      if (principal?.kind !== 'template-role') {
        // A role of another template is checked where it is defined (a target naming none passes: a pass and
        // "not applicable" report the same, no finding).
        return;
      }
      const bypasses = tryRead(unverified, () => bypassingActions(principal.role, mesh));
      if (bypasses && bypasses.length > 0) {
        found.push(`${bypasses.join(', ')} on role ${principal.role.logicalId}`);
      }
    });
    return withUnverified(found.length === 0 ? pass() : fail(found.join('; ')), unverified);
  },
};

function bypassingActions(role: IndexedResource, mesh: MeshIndex): string[] {
  const found = new Set<string>();
  for (const statement of allowStatements(role, mesh)) {
    const resources: unknown[] = [].concat(statement.Resource ?? []);
    for (const action of [].concat(statement.Action ?? [])) {
      if (typeof action !== 'string') {
        throw new CouldNotEvaluate(`an Action of a policy on role ${role.logicalId} (a parameter or intrinsic function may grant a read beside Lake Formation)`);
      }
      const everyBucket = resources.some((r) => typeof r === 'string' && EVERY_BUCKET.test(r));
      // An action allows a call when it names it with IAM's wildcards, in any case (`*`, `lakeformation:Grant*`, `s3:*Object`).
      if (allowsAny(action, LF_GRANTS) || (allowsAny(action, OBJECT_READS) && everyBucket)) {
        found.add(action);
      }
    }
  }
  return [...found];
}
