/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { IndexedResource, MeshIndex } from '../../mesh-index';
import { CouldNotEvaluate } from '../../rule';

const DOMAIN_ARN = /^arn:[^:]+:datazone:[^:]*:[^:]*:domain\/dzd[-_]/;

/**
 * True when a RAM share's `ResourceArns` include a DataZone domain (of the stack, or by ARN); false when
 * every entry is known to be something else. Throws `CouldNotEvaluate` naming the entries that are only
 * known at deploy (a parameter, an import, a nested stack's output) when none is known to be a domain.
 */
export function sharesDataZoneDomain(share: IndexedResource, mesh: MeshIndex): boolean {
  const arns = share.properties.ResourceArns;
  if (arns === undefined) {
    return false;
  }
  if (!Array.isArray(arns)) {
    throw new CouldNotEvaluate(`ResourceArns of resource share ${share.logicalId}`, arns);
  }
  const unknown: unknown[] = [];
  for (const arn of arns) {
    if (typeof arn === 'string') {
      if (DOMAIN_ARN.test(arn)) {
        return true;
      }
      continue;
    }
    const target = mesh.target(share, arn);
    if (target) {
      if (target.type === 'AWS::DataZone::Domain') {
        return true;
      }
      continue; // another resource of the template: not a domain
    }
    // An ARN built with Fn::Join / Fn::Sub around unknown parts: its literal service and resource type decide.
    const text = flattened(arn) ?? '';
    const service = /^arn:[^:]*:([^:*]+):/.exec(text)?.[1];
    if (service === 'datazone' && /:domain\//.test(text)) {
      return true;
    }
    if (service !== undefined && service !== 'datazone') {
      continue; // another service's resource (an SSM parameter, a subnet): not a domain
    }
    unknown.push(arn);
  }
  if (unknown.length > 0) {
    throw new CouldNotEvaluate(`whether resource share ${share.logicalId} shares a DataZone domain: its ResourceArns${unknown.length === 1 ? ' entry' : ''}`, unknown);
  }
  return false;
}

/** An `Fn::Join` or `Fn::Sub` as text, `*` for each part only known at deploy; undefined for any other value. */
function flattened(value: unknown): string | undefined {
  const join = (value as any)?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part: unknown) => (typeof part === 'string' ? part : '*')).join(join[0]);
  }
  const sub = (value as any)?.['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  return typeof text === 'string' ? text.replace(/\$\{[^}]*\}/g, '*') : undefined;
}

/** A list of literal strings, or throws `CouldNotEvaluate` naming `what` and the value. */
export function literalStrings(value: unknown, what: string): string[] {
  if (value === undefined) {
    return [];
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value as string[];
  }
  throw new CouldNotEvaluate(what, Array.isArray(value) ? value.filter((v) => typeof v !== 'string') : value);
}
