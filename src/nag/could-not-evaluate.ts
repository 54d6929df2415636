/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */

/** How the message of a `CouldNotEvaluate` starts. */
export const COULD_NOT_EVALUATE = 'could not evaluate:';

/** The key under which a rule's unverifiable findings are reported and acknowledged: `DataMesh-<ID>[Unverified]`. */
export const UNVERIFIED_KEY = 'Unverified';

/** The (non-enumerable) key under which a resolved `{ Ref }` to a template parameter carries the parameter. */
export const PARAMETER: unique symbol = Symbol('cdk-data-mesh:parameter');

/**
 * Thrown by a check that cannot decide because a value is only known at deploy time.
 *
 * `value`, when given, is the CloudFormation value that could not be read; the message names it
 * (`parameter DomainARN`, `Fn::ImportValue SharedVpc`, …) so that the finding says what to check.
 */
export class CouldNotEvaluate extends Error {
  constructor(what: string, value?: unknown) {
    const named = value === undefined ? '' : ` (${describeValue(value)})`;
    super(`${COULD_NOT_EVALUATE} ${what}${named} is not known at synth (a token, parameter or intrinsic function)`);
  }
}

/**
 * A CloudFormation value in words, for a message: `parameter X`, `X.Attr`, an `Fn::Sub` string, or short JSON;
 * a list as its one entry, or as its entries in brackets, each in words.
 */
export function describeValue(value: unknown): string {
  if (Array.isArray(value) && value.length > 0) {
    const entries = value.map(describeValue);
    const text = entries.length === 1 ? entries[0] : `[${entries.join('; ')}]`;
    return text.length > 240 ? `${text.slice(0, 237)}...` : text;
  }
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, any>;
    const parameter = v[PARAMETER as any] as { name: string; default?: unknown } | undefined;
    if (parameter) {
      return `parameter ${parameter.name}${parameter.default === undefined ? ', no default' : `, default ${JSON.stringify(parameter.default)}, which the deployment may override`}`;
    }
    if (typeof v.Ref === 'string') {
      return v.Ref.startsWith('AWS::') ? `pseudo parameter ${v.Ref}` : `{ Ref: ${v.Ref} } (a parameter or a resource's id)`;
    }
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt)) {
      return `{ Fn::GetAtt: ${getAtt.map(String).join('.')} }`;
    }
    if (typeof getAtt === 'string') {
      return `{ Fn::GetAtt: ${getAtt} }`;
    }
    if (v['Fn::ImportValue'] !== undefined) {
      return `Fn::ImportValue ${typeof v['Fn::ImportValue'] === 'string' ? v['Fn::ImportValue'] : JSON.stringify(v['Fn::ImportValue'])}`;
    }
    const sub = v['Fn::Sub'];
    if (typeof sub === 'string' || (Array.isArray(sub) && typeof sub[0] === 'string')) {
      return `Fn::Sub '${typeof sub === 'string' ? sub : sub[0]}'`;
    }
  }
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}
