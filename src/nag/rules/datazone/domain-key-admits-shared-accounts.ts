/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack, Token } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { IndexedResource, referencedLogicalId } from '../../mesh-index';
import { CouldNotEvaluate, failEach, Finding, notApplicable, RuleDefinition } from '../../rule';
import { iamWildcardMatches } from '../iam/wildcards';
import { literalStrings } from '../ram/domain-share';

/** What DataZone requires of every caller on the domain's customer managed key. */
const REQUIRED_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * The customer managed key of a domain admits, in its key policy, every account the domain is shared
 * with: DataZone refuses each call of a principal that cannot use the key.
 */
export const DOMAIN_KEY_ADMITS_SHARED_ACCOUNTS: RuleDefinition = {
  id: 'DZ3',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::Domain'],
  checklist: 'Associate the producer and consumer accounts: each can use the domain (and its key)',
  info: 'The key policy of the domain\'s customer managed key does not admit an account the domain is shared with.',
  explanation: 'DataZone requires every caller of its APIs to hold kms:Decrypt and kms:GenerateDataKey on the domain\'s customer managed key, in IAM and in the key policy. A key policy that admits only the governance account refuses every call from the associated accounts (enabling blueprints, policy grants, data sources, environment provisioning): the first member stack fails at its first DataZone resource. Only a statement for the whole account (its root or *) counts, because DataZone acts for many of its roles.',
  fix: 'Add a key-policy statement per associated account allowing kms:Decrypt, kms:GenerateDataKey and kms:DescribeKey to arn:aws:iam::<account>:root with the conditions kms:CallerAccount = <account> and kms:ViaService = datazone.<region>.amazonaws.com (CatalogDomain\'s encryptionKey does), or leave KmsKeyIdentifier out for an AWS owned key.',
  check: (domain, mesh) => {
    const identifier = domain.properties.KmsKeyIdentifier;
    const key = identifier === undefined ? undefined : mesh.target(domain, identifier);
    if (key === undefined || key.type !== 'AWS::KMS::Key') {
      // No key, or a key defined outside the app, whose policy is not in any template.
      return notApplicable();
    }
    const shares = mesh.ofType(domain.stack, 'AWS::RAM::ResourceShare').filter((share) => sharesDomain(share, domain));
    if (shares.length === 0) {
      return notApplicable();
    }
    const statements = keyPolicyStatements(key);
    const findings: Finding[] = [];
    for (const share of shares) {
      const accounts = literalStrings(share.properties.Principals, `Principals of resource share ${share.logicalId}`)
        .filter((p) => /^\d{12}$/.test(p)); // Organizations and OUs are DataMesh-RAM3's.
      for (const account of accounts) {
        if (!findings.some((f) => f.key === account) && !statements.some((s) => admits(s, account, domain.stack, key))) {
          findings.push({ key: account, found: `key ${key.logicalId} whose policy does not admit account ${account} (shared by ${share.logicalId})` });
        }
      }
    }
    return failEach(findings);
  },
};

/** True when `share`'s `ResourceArns` refer to `domain`. */
function sharesDomain(share: IndexedResource, domain: IndexedResource): boolean {
  const arns = share.properties.ResourceArns;
  if (arns === undefined) {
    return false;
  }
  if (!Array.isArray(arns)) {
    throw new CouldNotEvaluate(`ResourceArns of resource share ${share.logicalId}`);
  }
  return arns.some((arn) => referencedLogicalId(arn) === domain.logicalId);
}

function keyPolicyStatements(key: IndexedResource): Array<Record<string, unknown>> {
  const what = `KeyPolicy of key ${key.logicalId}`;
  let policy = key.properties.KeyPolicy;
  if (typeof policy === 'string') {
    try {
      policy = JSON.parse(policy);
    } catch {
      throw new CouldNotEvaluate(what);
    }
  }
  if (policy === undefined) {
    return []; // CloudFormation's default key policy, which admits the key's own account only
  }
  if (!policy || typeof policy !== 'object') {
    throw new CouldNotEvaluate(what); // `null` or a number written as the policy, or as its JSON
  }
  const statements = (policy as Record<string, unknown>).Statement;
  // A single statement may stand for the list; `admits` reports one it cannot read (an intrinsic, a string).
  return Array.isArray(statements) ? statements : [statements as Record<string, unknown>];
}

/** True when `statement` allows `account`'s principals both required actions through DataZone in the stack's Region. */
function admits(statement: Record<string, unknown>, account: string, stack: Stack, key: IndexedResource): boolean {
  const what = `KeyPolicy of key ${key.logicalId}`;
  if (!statement || typeof statement !== 'object' || Object.keys(statement).some((k) => k === 'Ref' || k.startsWith('Fn::'))) {
    throw new CouldNotEvaluate(what);
  }
  if (statement.Effect !== 'Allow' || statement.NotAction !== undefined || statement.NotPrincipal !== undefined) {
    return false;
  }
  const actions = asStrings(statement.Action, what, stack);
  if (!REQUIRED_ACTIONS.every((required) => actions.some((action) => iamWildcardMatches(action, required)))) {
    return false;
  }
  if (!admitsPrincipal(statement.Principal, account, what, stack)) {
    return false;
  }
  return conditionsAdmit(statement.Condition, account, what, stack);
}

function admitsPrincipal(principal: unknown, account: string, what: string, stack: Stack): boolean {
  if (principal === '*') {
    return true;
  }
  if (!principal || typeof principal !== 'object' || Array.isArray(principal)) {
    return false;
  }
  const aws = (principal as Record<string, unknown>).AWS;
  if (aws === undefined) {
    return false;
  }
  return asStrings(aws, what, stack).some((p) => p === '*' || p === account || /^arn:[\w-]+:iam::(\d{12}):root$/.exec(p)?.[1] === account);
}

/** False when a condition on the calling account or the service excludes `account` calling through DataZone. */
function conditionsAdmit(condition: unknown, account: string, what: string, stack: Stack): boolean {
  if (condition === undefined) {
    return true;
  }
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) {
    throw new CouldNotEvaluate(what);
  }
  const viaService = `datazone.${regionOf(stack)}.amazonaws.com`;
  for (const [operator, keys] of Object.entries(condition as Record<string, unknown>)) {
    if (!keys || typeof keys !== 'object' || Array.isArray(keys)) {
      throw new CouldNotEvaluate(what);
    }
    // `…IfExists` tests the same way when the key is present (DataZone's calls carry both keys); `Null` tests
    // whether a key is absent, which it is not for those calls.
    const base = operator.replace(/IfExists$/, '');
    if (base === 'Null') {
      continue;
    }
    const like = /Like$/.test(base);
    const negated = /Not/.test(base);
    for (const [conditionKey, value] of Object.entries(keys as Record<string, unknown>)) {
      const expected = { 'kms:calleraccount': account, 'kms:viaservice': viaService }[conditionKey.toLowerCase()];
      if (expected === undefined) {
        continue; // another key: assumed satisfiable
      }
      const values = asStrings(value, what, stack);
      const matches = values.some((v) => (like ? iamWildcardMatches(v, expected) : v.toLowerCase() === expected.toLowerCase()));
      if (matches === negated) {
        return false;
      }
    }
  }
  return true;
}

/** A string or list of strings, with `Fn::Join` of literals and pseudo parameters rendered; else `CouldNotEvaluate`. */
function asStrings(value: unknown, what: string, stack: Stack): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => render(v, what, stack));
}

function render(value: unknown, what: string, stack: Stack): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const join = v['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return join[1].map((part) => render(part, what, stack)).join(join[0]);
    }
    const pseudo: Record<string, string> = {
      'AWS::Partition': literalOr(stack.partition, 'aws'),
      'AWS::URLSuffix': literalOr(stack.urlSuffix, 'amazonaws.com'),
      'AWS::Region': regionOf(stack),
      'AWS::AccountId': literalOr(stack.account, '${AWS::AccountId}'),
    };
    if (typeof v.Ref === 'string' && v.Ref in pseudo) {
      return pseudo[v.Ref];
    }
    // Fn::Sub of a string whose only variables are pseudo parameters (`datazone.${AWS::Region}.amazonaws.com`).
    const sub = v['Fn::Sub'];
    if (typeof sub === 'string') {
      const rendered = sub.replace(/\$\{([A-Za-z0-9:]+)\}/g, (whole, name: string) => (name in pseudo && !pseudo[name].startsWith('${') ? pseudo[name] : whole));
      if (!/\$\{[^!]/.test(rendered)) {
        return rendered;
      }
    }
  }
  throw new CouldNotEvaluate(what);
}

function regionOf(stack: Stack): string {
  return literalOr(stack.region, '${AWS::Region}');
}

function literalOr(value: string, otherwise: string): string {
  return Token.isUnresolved(value) ? otherwise : value;
}
