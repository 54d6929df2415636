/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import type { IndexedResource, MeshIndex } from '../../mesh-index';
import { CouldNotEvaluate, fail, pass, RuleDefinition, withUnverified } from '../../rule';

/** What a statement's Action or Resource holds: a literal '*', only other values, or a value known at deploy time. */
type Wildcard = 'star' | 'none' | 'unknown';

/** No policy allows every action on every resource. */
export const NO_ADMIN_STATEMENT: RuleDefinition = {
  id: 'IAM3',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role'],
  checklist: 'Least privilege for every mesh role',
  info: 'A policy statement allows Action "*" on Resource "*".',
  explanation: 'An administrator statement on a mesh role (a project, provisioning or application role) bypasses Lake Formation and the catalog: whoever assumes the role reads and changes everything.',
  fix: 'Allow the actions and resources the role needs; SageMaker Unified Studio\'s managed policies cover the service roles.',
  check: (resource, mesh) => {
    const statements = policyDocuments(resource)
      .flatMap((document) => listOf(isIntrinsic(document) ? document : document?.Statement, `a policy document of ${resource.logicalId}`))
      .map((statement) => (isIntrinsic(statement) ? { Effect: statement, Action: statement, Resource: statement } : statement));
    // An Effect known only at deploy time may be Allow: such a statement can only be unverified, never a breach.
    const allows = statements.filter((s: any) => s?.Effect === 'Allow' || isIntrinsic(s?.Effect));
    const verdicts = allows.map((s: any) => [wildcard(s.Action, resource, mesh, false), wildcard(s.Resource, resource, mesh, true), s.Effect === 'Allow'] as const);
    const unverified = verdicts.some(([action, target, allow]) => action !== 'none' && target !== 'none' && !(allow && action === 'star' && target === 'star'))
      ? [new CouldNotEvaluate(`an Allow statement of ${resource.logicalId} whose Effect, Action or Resource (a parameter or condition) may be "Allow", "*"`).message]
      : [];
    if (verdicts.some(([action, target, allow]) => allow && action === 'star' && target === 'star')) {
      return withUnverified(fail('Allow Action "*" on Resource "*"'), unverified);
    }
    return withUnverified(pass(), unverified);
  },
};

function policyDocuments(resource: IndexedResource): any[] {
  if (resource.type !== 'AWS::IAM::Role') {
    return [resource.properties.PolicyDocument];
  }
  return listOf(resource.properties.Policies, `the Policies of ${resource.logicalId}`).map((p: any) => p?.PolicyDocument);
}

/** A list (or single) value as an array; a value known only at deploy time cannot be read. */
function listOf(value: unknown, what: string): any[] {
  if (value === undefined) {
    return [];
  }
  if (Array.isArray(value)) {
    return value;
  }
  if (isIntrinsic(value)) {
    throw new CouldNotEvaluate(what);
  }
  return [value];
}

/** A `Ref` or `Fn::…` object: a value known only at deploy time. */
function isIntrinsic(value: unknown): boolean {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((key) => key === 'Ref' || key.startsWith('Fn::'));
}

/** An ARN or name built with literal text around its placeholders, which is never exactly '*'. */
function hasLiteralText(value: Record<string, any>): boolean {
  const join = value['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    return join[1].some((part: unknown) => typeof part === 'string' && part !== '' && part !== '*');
  }
  const sub = Array.isArray(value['Fn::Sub']) ? value['Fn::Sub'][0] : value['Fn::Sub'];
  return typeof sub === 'string' && sub.replace(/\$\{[^}]*\}/g, '').replace(/\*/g, '') !== '';
}

/**
 * Whether `value` (an Action or Resource) holds '*'. A reference to a resource of the stack, an attribute,
 * or an ARN built with literal text (Fn::Join / Fn::Sub) is never '*'; a parameter, condition or import may be.
 */
function wildcard(value: unknown, from: IndexedResource, mesh: MeshIndex, resources: boolean): Wildcard {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  let result: Wildcard = 'none';
  for (const v of values) {
    if (v === '*') {
      return 'star';
    }
    if (typeof v === 'string') {
      continue;
    }
    const known = resources && v && typeof v === 'object' && (mesh.target(from, v) !== undefined || 'Fn::GetAtt' in v || hasLiteralText(v));
    if (!known) {
      result = 'unknown';
    }
  }
  return result;
}
