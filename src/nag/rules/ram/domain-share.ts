/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { IndexedResource, MeshIndex, referencedLogicalId } from '../../mesh-index';
import { CouldNotEvaluate } from '../../rule';

/** True when a RAM share's `ResourceArns` include a DataZone domain (of the stack, or by ARN). */
export function sharesDataZoneDomain(share: IndexedResource, mesh: MeshIndex): boolean {
  const arns = share.properties.ResourceArns;
  if (arns === undefined) {
    return false;
  }
  if (!Array.isArray(arns)) {
    throw new CouldNotEvaluate(`ResourceArns of resource share ${share.logicalId}`);
  }
  return arns.some((arn: unknown) => {
    if (referencedLogicalId(arn) !== undefined) {
      return mesh.target(share, arn)?.type === 'AWS::DataZone::Domain';
    }
    const text = typeof arn === 'string' ? arn : JSON.stringify(arn);
    return /:datazone:[^"]*:domain\/|:domain\/dzd[-_]/.test(text) && text.includes('datazone');
  });
}

/** A list of literal strings, or throws `CouldNotEvaluate` naming `what`. */
export function literalStrings(value: unknown, what: string): string[] {
  if (value === undefined) {
    return [];
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value as string[];
  }
  throw new CouldNotEvaluate(what);
}
