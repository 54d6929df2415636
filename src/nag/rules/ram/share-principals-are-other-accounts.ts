/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Token } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { sharesDataZoneDomain } from './domain-share';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition, withUnverified } from '../../rule';

/** The principals of a domain share are valid accounts other than the domain's own. */
export const SHARE_PRINCIPALS_ARE_OTHER_ACCOUNTS: RuleDefinition = {
  id: 'RAM3',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::RAM::ResourceShare'],
  checklist: 'Producer, consumer and governance are distinct accounts; associate accounts, not the governance account',
  info: 'A principal of the domain share is not a 12-digit account id of another account.',
  explanation: 'The domain is associated with accounts one by one: an Organization or OU principal is not documented for domain shares, a malformed id fails at deploy, and sharing the domain with its own account breaks the three-account separation.',
  fix: 'List the producer and consumer account ids (12 digits), never the governance account, an Organization or an OU.',
  check: (share, mesh) => {
    if (!sharesDataZoneDomain(share, mesh)) {
      return notApplicable();
    }
    const listed = share.properties.Principals;
    // Each literal principal is checked; one known only at deploy is named, and masks no breach of the others.
    const entries: unknown[] = Array.isArray(listed) ? listed : listed === undefined ? [] : [listed];
    const unverified = entries.filter((p) => typeof p !== 'string')
      .map((p) => new CouldNotEvaluate(`the Principals of resource share ${share.logicalId}: an entry`, p).message);
    const principals = entries.filter((p): p is string => typeof p === 'string');
    const owner = share.stack.account;
    const bad = principals.filter((p) => !/^\d{12}$/.test(p) || (!Token.isUnresolved(owner) && p === owner));
    if (entries.length === 0) {
      return fail('no Principals');
    }
    return withUnverified(bad.length === 0 ? pass() : fail(`principal(s) ${bad.map((p) => (p === owner ? `${p} (the domain's own account)` : p)).join(', ')}`), unverified);
  },
};
