/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { CouldNotEvaluate, COULD_NOT_EVALUATE, UNVERIFIED_KEY } from './could-not-evaluate';
import type { IndexedResource, MeshIndex } from './mesh-index';

// In a module of its own so that mesh-index (which throws it) and rule do not import each other.
export { COULD_NOT_EVALUATE, CouldNotEvaluate, describeValue, UNVERIFIED_KEY } from './could-not-evaluate';

/** The prefix of every rule id: the pack's name. */
export const PACK_NAME = 'DataMesh';

/** A part of a non-compliant verdict that can be acknowledged on its own as `DataMesh-<ID>[<key>]`. */
export interface Finding {
  /** Short, stable key, e.g. `MWAA`. */
  readonly key: string;
  /** What was found, in the user's terms. */
  readonly found: string;
}

/**
 * What a rule decided for one resource. `unverified` lists what the rule could not read at synth besides
 * its decision (each a `could not evaluate: …` message naming the value): reported apart, as
 * `DataMesh-<ID>[Unverified]`, so that a breach found on one part of a resource is never masked by
 * another part that could not be read, and the other way round.
 */
export type Verdict =
  | { readonly compliance: NagRuleCompliance.COMPLIANT | NagRuleCompliance.NOT_APPLICABLE; readonly unverified?: readonly string[] }
  | { readonly compliance: NagRuleCompliance.NON_COMPLIANT; readonly found: string; readonly unverified?: readonly string[] }
  | { readonly compliance: 'FINDINGS'; readonly findings: Finding[]; readonly unverified?: readonly string[] };

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
 * `verdict`, plus what could not be verified. With nothing unverified, `verdict` itself; with a
 * pass and something unverified, the rule could not verify the resource (reported as `[Unverified]` only).
 */
export const withUnverified = (verdict: Verdict, unverified: readonly string[]): Verdict =>
  (unverified.length === 0 ? verdict : { ...verdict, unverified: [...(verdict.unverified ?? []), ...unverified] });

/** True when `error` is a `CouldNotEvaluate` (a value only known at deploy), not a bug of the rule. */
export function isCouldNotEvaluate(error: unknown): error is CouldNotEvaluate {
  return error instanceof CouldNotEvaluate || (error instanceof Error && error.message.startsWith(COULD_NOT_EVALUATE));
}

/**
 * `read()`, or undefined when it throws `CouldNotEvaluate`, whose message is then added to `unverified`:
 * for a rule that reads several values and must still decide on those it can read.
 */
export function tryRead<T>(unverified: string[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (isCouldNotEvaluate(error)) {
      unverified.push(error.message);
      return undefined;
    }
    throw error;
  }
}

/** The full id of a rule's unverifiable findings, e.g. `DataMesh-BP3[Unverified]` (acknowledged as such). */
export function unverifiedId(rule: RuleDefinition): string {
  return `${ruleId(rule)}[${UNVERIFIED_KEY}]`;
}

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
  /**
   * The check: pure, no side effects. Throws `CouldNotEvaluate` when it cannot decide at all; returns a
   * verdict `withUnverified` when it decided on some parts and could not read others.
   */
  readonly check: (resource: IndexedResource, mesh: MeshIndex) => Verdict;
}

/** The full id of a rule, e.g. `DataMesh-VPC1`. */
export function ruleId(rule: RuleDefinition): string {
  return `${PACK_NAME}-${rule.id}`;
}
