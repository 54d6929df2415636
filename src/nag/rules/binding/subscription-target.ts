/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { IndexedResource, MeshIndex, referencedLogicalId } from '../../mesh-index';
import { CouldNotEvaluate } from '../../rule';

/** The resource type of a DataZone subscription target. */
export const SUBSCRIPTION_TARGET = 'AWS::DataZone::SubscriptionTarget';

/** What a principal or role value of a subscription target is, as far as the template tells. */
export type NamedPrincipal =
  /** A role of the template (same account as the stack). */
  | { readonly kind: 'template-role'; readonly role: IndexedResource; readonly text: string }
  /** Another resource of the template that gives a role at deploy (a custom resource). */
  | { readonly kind: 'template-value'; readonly text: string }
  /** An ARN whose literal parts are known; `account` is `stack` for the stack's own account pseudo parameter. */
  | { readonly kind: 'arn'; readonly account: string; readonly resource: string; readonly text: string }
  /** A bare 12-digit account id (an account root). */
  | { readonly kind: 'account'; readonly account: string; readonly text: string };

/** The subscription target's `AuthorizedPrincipals`, each read (throws CouldNotEvaluate for the list itself). */
export function authorizedPrincipals(target: IndexedResource): unknown[] {
  const principals = target.properties.AuthorizedPrincipals;
  if (!Array.isArray(principals)) {
    throw new CouldNotEvaluate(`the AuthorizedPrincipals of ${target.logicalId}`, principals);
  }
  return principals;
}

/**
 * What `value` (read in `from`'s stack) names: a literal ARN or account id, an ARN built with `Fn::Join` or
 * `Fn::Sub` (its `AWS::AccountId` part is the stack's account), or a resource of the template. Throws
 * `CouldNotEvaluate` for a parameter or an intrinsic function that names no resource of the template.
 */
export function namedPrincipal(from: IndexedResource, value: unknown, mesh: MeshIndex, what: string): NamedPrincipal {
  if (typeof value === 'string') {
    return parse(value, value, what);
  }
  const built = builtArn(value);
  if (built !== undefined) {
    return parse(built, built, what);
  }
  const target = mesh.target(from, value);
  const logicalId = referencedLogicalId(value);
  const attribute = value !== null && typeof value === 'object' && 'Fn::GetAtt' in value;
  if (target === undefined && logicalId !== undefined && attribute) {
    // A resource of the template outside the checked scope (e.g. the workload's role, beside its binding).
    return { kind: 'template-value', text: `resource ${logicalId}` };
  }
  if (target === undefined) {
    throw new CouldNotEvaluate(`${what} (a parameter or an intrinsic function that names no resource of the template)`);
  }
  if (target.type === 'AWS::IAM::Role') {
    return { kind: 'template-role', role: target, text: `role ${target.logicalId}` };
  }
  return { kind: 'template-value', text: `${target.type} ${target.logicalId}` };
}

function parse(arn: string, text: string, what: string): NamedPrincipal {
  if (/^\d{12}$/.test(arn)) {
    return { kind: 'account', account: arn, text };
  }
  // The account part is a literal or the stack's account pseudo parameter, whose marker holds colons itself.
  const match = /^arn:[^:]+:iam::(<AWS::AccountId>|[^:]*):(.+)$/.exec(arn);
  if (!match) {
    if (arn.includes('<token>')) {
      throw new CouldNotEvaluate(`${what} (${text})`);
    }
    return { kind: 'arn', account: '', resource: arn, text };
  }
  return { kind: 'arn', account: match[1] === '<AWS::AccountId>' ? 'stack' : match[1], resource: match[2], text };
}

/**
 * The ARN `value` builds with `Fn::Join` or `Fn::Sub`: the stack's account pseudo parameter written
 * `<AWS::AccountId>`, any other part only known at deploy written `<token>`; undefined for any other value.
 */
function builtArn(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') {
    return undefined;
  }
  const part = (p: unknown) => {
    if (typeof p === 'string') {
      return p;
    }
    return (p as Record<string, unknown> | undefined)?.Ref === 'AWS::AccountId' ? '<AWS::AccountId>' : '<token>';
  };
  const join = (value as Record<string, unknown>)['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map(part).join(join[0]);
  }
  const sub = (value as Record<string, unknown>)['Fn::Sub'];
  const template = Array.isArray(sub) ? sub[0] : sub;
  return typeof template === 'string'
    ? template.replace(/\$\{AWS::AccountId\}/g, '<AWS::AccountId>').replace(/\$\{[^}]*\}/g, '<token>')
    : undefined;
}
