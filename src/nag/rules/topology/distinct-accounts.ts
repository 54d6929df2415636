/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Token } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { meshAccounts } from './topology';
import { CouldNotEvaluate, fail, pass, RuleDefinition } from '../../rule';

/** Governance, producer and consumer are three distinct accounts. */
export const DISTINCT_ACCOUNTS: RuleDefinition = {
  id: 'TOPO1',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::Domain'],
  checklist: 'Three accounts: Producer (data), Consumer (application), Governance (domain)',
  info: 'The governance, producer and consumer roles of the mesh are not played by three distinct accounts.',
  explanation: 'The pattern separates who governs the catalog, who owns the data and who consumes it; sharing an account merges their permissions and hides cross-account grants and subscriptions behind same-account access.',
  fix: 'Deploy the domain, the producer stacks and the consumer stacks to three different accounts (the example\'s MESH_*_ACCOUNT settings).',
  check: (domain, mesh) => {
    const governance = domain.stack.account;
    if (Token.isUnresolved(governance)) {
      throw new CouldNotEvaluate(`the account of the domain's stack ${domain.stack.stackName} (environment-agnostic)`);
    }
    const { producers, consumers } = meshAccounts(mesh);
    const problems: string[] = [];
    if (producers.has(governance)) {
      problems.push(`governance account ${governance} is also a producer`);
    }
    if (consumers.has(governance)) {
      problems.push(`governance account ${governance} is also a consumer`);
    }
    const both = [...producers].filter((a) => consumers.has(a) && a !== governance);
    if (both.length > 0) {
      problems.push(`account(s) ${both.join(', ')} both producer and consumer`);
    }
    return problems.length === 0 ? pass() : fail(problems.join('; '));
  },
};
