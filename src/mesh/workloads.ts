/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'crypto';
import type { LayoutWorkload } from './layout';
import { InputProblems, isUnresolved } from '../private/validate';
import { WorkloadKind } from '../workload-binding/bound-workload';
import { subscriptionTargetPrincipalProblem, WORKLOAD_KINDS } from '../workload-binding/workload-kinds';

/** A declared workload: the shape of `DataMeshWorkload` (declared here too, so this module imports no mesh construct). */
interface DataMeshWorkload {
  readonly kind: string;
  readonly roleArn: string;
  readonly functionArn?: string;
}

/** An IAM role ARN in any partition, with an optional path: the mesh file schema's pattern. */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** The problems of a consumer's `workloads` (at `prop`), in the consumer's `account` and the mesh's `region`. */
export function workloadProblems(
  problems: InputProblems, prop: string, workloads: DataMeshWorkload[] | undefined, account: string, region: string,
): void {
  const roles = (workloads ?? []).map((w) => w.roleArn);
  (workloads ?? []).forEach((workload, j) => {
    const at = `${prop}[${j}]`;
    // DataMesh's schema says these first; ThreeAccountMesh has no schema.
    if (!WORKLOAD_KINDS.has(workload.kind)) {
      problems.add(`${at}.kind`, workload.kind, `one of ${[...WORKLOAD_KINDS.keys()].join(', ')} (the names of WorkloadKind)`, 'Use the kind of the workload, or IAM_ROLE for any other role.');
    }
    if (isUnresolved(workload.roleArn)) {
      return;
    }
    if (!ROLE_ARN.test(workload.roleArn)) {
      problems.add(`${at}.roleArn`, workload.roleArn, 'an IAM role ARN, arn:aws:iam::<account>:role/<name>', 'Give the ARN of the role the workload runs as (not its name or an instance profile).');
      return;
    }
    // WorkloadBinding refuses it too; reported here first, with the declaration's path.
    subscriptionTargetPrincipalProblem(problems, `${at}.roleArn`, workload.roleArn,
      'Bind a Lambda function whose role has another character with ConsumerBinding (functionArn), or give the workload a role without it.');
    const roleAccount = workload.roleArn.split(':')[4];
    if (roleAccount !== account) {
      problems.add(`${at}.roleArn`, workload.roleArn, `a bound workload's role is in its consumer's account (${account}): DataZone grants only to principals of the subscription target's account`, 'Bind the workload from the consumer that owns it.');
    }
    if (roles.indexOf(workload.roleArn) !== j) {
      problems.add(`${at}.roleArn`, workload.roleArn, `each role is bound once per consumer (${prop}[${roles.indexOf(workload.roleArn)}] binds it: DataZone already grants it every subscribed table)`, 'Remove the duplicate.');
    }
    if (WORKLOAD_KINDS.get(workload.kind) === WorkloadKind.LAMBDA_FUNCTION && workload.functionArn === undefined) {
      problems.add(`${at}.functionArn`, undefined, 'a LAMBDA_FUNCTION workload names its function', 'Add the function\'s unqualified ARN, or use kind IAM_ROLE to bind only its role.');
    } else if (WORKLOAD_KINDS.get(workload.kind) !== WorkloadKind.LAMBDA_FUNCTION && workload.functionArn !== undefined) {
      problems.add(`${at}.functionArn`, workload.functionArn, `only a LAMBDA_FUNCTION workload names a function; this one is ${workload.kind}, named by its role`, 'Remove functionArn, or set kind to LAMBDA_FUNCTION.');
    } else if (workload.functionArn !== undefined) {
      const [, , , functionRegion, functionAccount] = workload.functionArn.split(':');
      if (functionAccount !== account || functionRegion !== region) {
        problems.add(`${at}.functionArn`, workload.functionArn, `a bound function is in its consumer's account (${account}) and the mesh's Region (${region})`, 'Bind the function from the consumer that owns it.');
      }
    }
  });
}

/** A consumer's `workloads` as the layout binds them, with construct ids from their role names. */
export function layoutWorkloads(workloads: DataMeshWorkload[] | undefined): LayoutWorkload[] {
  return (workloads ?? []).map((workload, _, all) => {
    const key = distinctKeys(all.map((w) => roleName(w.roleArn))).get(roleName(workload.roleArn));
    return { id: `Workload${key}`, roleId: `WorkloadRole${key}`, functionId: `WorkloadFunction${key}`, ...workload };
  });
}

/** `arn:aws:iam::333333333333:role/service-role/etl` → `etl`. */
function roleName(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

/**
 * The construct-id key of each name: its PascalCase form (`pascal`), as before, and for a name whose
 * PascalCase form an earlier name already has (`tree-counts` after `tree_counts`, or a name with no ASCII
 * letter) that form and a short hash of the name, so that distinct names never share a construct id.
 */
export function distinctKeys(names: string[]): Map<string, string> {
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    if (keys.has(name)) {
      continue;
    }
    let key = pascal(name);
    if (taken.has(key) || key === '') {
      key = `${key}${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
    }
    taken.add(key);
    keys.set(name, key);
  }
  return keys;
}

/** `collections-eu` → `CollectionsEu`, `trees_2023` → `Trees2023`. */
export function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}
