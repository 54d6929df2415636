/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition } from '../../rule';

const DATAZONE = 'datazone.amazonaws.com';

/** Roles trusted by DataZone carry an `aws:SourceAccount` condition. */
export const DATAZONE_TRUST_HAS_SOURCE_ACCOUNT: RuleDefinition = {
  id: 'IAM1',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::IAM::Role'],
  checklist: 'Domain, provisioning and manage-access roles trust DataZone for the governance account only',
  info: 'A trust statement for datazone.amazonaws.com has no aws:SourceAccount condition.',
  explanation: 'Without aws:SourceAccount, DataZone acting for any other account\'s domain could assume the role (the confused-deputy problem).',
  fix: 'Add Condition StringEquals aws:SourceAccount = <governance account> to every statement that trusts datazone.amazonaws.com.',
  check: (role) => {
    const document = role.properties.AssumeRolePolicyDocument;
    if (document === undefined) {
      return notApplicable();
    }
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    const trusting = statements.filter((s: any) => s?.Effect === 'Allow' && services(s).includes(DATAZONE));
    if (trusting.length === 0) {
      return notApplicable();
    }
    const missing = trusting.filter((s: any) => !Object.values(s.Condition ?? {}).some((c: any) => c && typeof c === 'object' && 'aws:SourceAccount' in c));
    return missing.length === 0 ? pass() : fail(`${missing.length} statement(s) trusting ${DATAZONE} for ${missing.map((s: any) => [].concat(s.Action).join('+')).join(', ')} without aws:SourceAccount`);
  },
};

function services(statement: any): string[] {
  const principal = statement.Principal;
  if (principal === undefined || typeof principal === 'string') {
    return [];
  }
  const service = principal.Service;
  if (service === undefined) {
    return [];
  }
  if (typeof service === 'string') {
    return [service];
  }
  if (Array.isArray(service) && service.every((s) => typeof s === 'string')) {
    return service;
  }
  throw new CouldNotEvaluate('the Service principal of a trust statement');
}
