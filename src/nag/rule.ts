/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { IndexedResource, MeshIndex } from './mesh-index';

// In a module of its own so that mesh-index (which throws it) and rule do not import each other.
export { COULD_NOT_EVALUATE, CouldNotEvaluate } from './could-not-evaluate';

/** The prefix of every rule id: the pack's name. */
export const PACK_NAME = 'DataMesh';

/** A part of a non-compliant verdict that can be acknowledged on its own as `DataMesh-<ID>[<key>]`. */
export interface Finding {
  /** Short, stable key, e.g. `MWAA`. */
  readonly key: string;
  /** What was found, in the user's terms. */
  readonly found: string;
}

/** What a rule decided for one resource. */
export type Verdict =
  | { readonly compliance: NagRuleCompliance.COMPLIANT | NagRuleCompliance.NOT_APPLICABLE }
  | { readonly compliance: NagRuleCompliance.NON_COMPLIANT; readonly found: string }
  | { readonly compliance: 'FINDINGS'; readonly findings: Finding[] };

/** The resource meets the rule. */
export const pass = (): Verdict => ({ compliance: NagRuleCompliance.COMPLIANT });
/** The rule does not apply to the resource. */
export const notApplicable = (): Verdict => ({ compliance: NagRuleCompliance.NOT_APPLICABLE });
/** The resource breaks the rule; `found` says what was found. */
export const fail = (found: string): Verdict => ({ compliance: NagRuleCompliance.NON_COMPLIANT, found });
/** The resource breaks the rule in separately acknowledgeable ways (none means compliant). */
export const failEach = (findings: Finding[]): Verdict =>
  (findings.length === 0 ? pass() : { compliance: 'FINDINGS', findings });

/**
 * One rule of the DataMeshChecks pack: data plus a pure check.
 *
 * The check reads CloudFormation resources and their properties (never our construct classes),
 * so hand-written L1 meshes are checked too. It may look at other resources only through the
 * `MeshIndex` built once per validation run.
 */
export interface RuleDefinition {
  /** The id without the pack prefix, e.g. `VPC1` (reported as `DataMesh-VPC1`). Never renumbered. */
  readonly id: string;
  /** ERROR when the mesh would not work or would be insecure; WARN for a legitimate choice to acknowledge. */
  readonly level: NagMessageLevel;
  /** The CloudFormation types the rule reads first. */
  readonly appliesTo: string[];
  /** The checklist row of the seed article this rule enforces. */
  readonly checklist: string;
  /** What is wrong, in one sentence. */
  readonly info: string;
  /** The failure mode the rule prevents. */
  readonly explanation: string;
  /** How to fix it. */
  readonly fix: string;
  /** The check: pure, no side effects. Throws `CouldNotEvaluate` when it cannot decide. */
  readonly check: (resource: IndexedResource, mesh: MeshIndex) => Verdict;
}

/** The full id of a rule, e.g. `DataMesh-VPC1`. */
export function ruleId(rule: RuleDefinition): string {
  return `${PACK_NAME}-${rule.id}`;
}
