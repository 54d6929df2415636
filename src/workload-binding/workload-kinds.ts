/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { WorkloadKind } from './bound-workload';
import { InputProblems } from '../private/validate';

/**
 * Each `WorkloadKind` by the name of its static member (`GLUE_JOB`), as a declaration spells it (`DataMesh`,
 * `ThreeAccountMesh`, the mesh file): read from the class itself, so a new kind is declarable once it is added
 * there. The mesh file's schema enum is pinned to these names (test/mesh/data-mesh.test.ts).
 */
export const WORKLOAD_KINDS: ReadonlyMap<string, WorkloadKind> = new Map(
  Object.entries(WorkloadKind).filter((entry): entry is [string, WorkloadKind] => entry[1] instanceof WorkloadKind),
);

/**
 * What AWS::DataZone::SubscriptionTarget's AuthorizedPrincipals admit: each item's pattern in its CloudFormation
 * resource schema (aws-datazone-subscriptiontarget.json, as cfn-lint vendors it).
 */
const SUBSCRIPTION_TARGET_PRINCIPAL = /^[a-zA-Z0-9:/_-]*$/;

/**
 * The problem of a workload role whose ARN a subscription target cannot authorize (a role name with `+=,.@`,
 * which IAM allows): reported at `prop`, with `fix`. True when there was one.
 */
export function subscriptionTargetPrincipalProblem(problems: InputProblems, prop: string, roleArn: string, fix: string): boolean {
  if (SUBSCRIPTION_TARGET_PRINCIPAL.test(roleArn)) {
    return false;
  }
  problems.add(prop, roleArn,
    "a role whose ARN has only letters, digits, ':', '/', '_' and '-': a subscription target's AuthorizedPrincipals take no other character (AWS::DataZone::SubscriptionTarget)",
    fix);
  return true;
}
