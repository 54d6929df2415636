/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */

/**
 * True when `pattern`, read with IAM's wildcards (`*` any characters, `?` one character), matches all of `text`,
 * case-insensitively: IAM reads action names so, and the pack's rules read condition values of `…Like`
 * operators the same way.
 */
export function iamWildcardMatches(pattern: string, text: string): boolean {
  const regex = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${regex}$`, 'i').test(text);
}

/** True when the action pattern `pattern` allows one of `actions`: `s3:Get*`, `s3:*Object` and `*` allow `s3:GetObject`; `s3:GetObjectAcl` does not. */
export function allowsAny(pattern: string, actions: readonly string[]): boolean {
  return actions.some((action) => iamWildcardMatches(pattern, action));
}
