/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Token } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { CouldNotEvaluate, fail, pass, RuleDefinition } from '../../rule';

const DATA_TYPES = ['AWS::LakeFormation::Resource', 'AWS::Glue::Table', 'AWS::DataZone::DataSource'];

/** The domain's account stores no producer data. */
export const GOVERNANCE_HOLDS_NO_DATA: RuleDefinition = {
  id: 'TOPO3',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::Domain'],
  checklist: 'The governance account hosts the domain and stores no data',
  info: 'The domain\'s account registers data locations, defines Glue tables or publishes data sources.',
  explanation: 'Data in the governance account bypasses the producer\'s ownership and Lake Formation grants, and widens who can reach it to every domain administrator.',
  fix: 'Keep data, its Lake Formation registration and its data sources in the producer account.',
  check: (domain, mesh) => {
    const governance = domain.stack.account;
    const data = DATA_TYPES.flatMap((type) => mesh.allOfType(type));
    const found = Token.isUnresolved(governance) ? [] : data.filter((r) => r.stack.account === governance).map((r) => `${r.type} ${r.logicalId}`);
    if (found.length > 0) {
      return fail(found.join(', '));
    }
    // Two environment-agnostic stacks have the same account token, which says nothing about their accounts.
    const unknown = data.filter((r) => Token.isUnresolved(governance) || Token.isUnresolved(r.stack.account));
    if (unknown.length > 0) {
      throw new CouldNotEvaluate(`whether ${unknown.map((r) => `${r.type} ${r.logicalId} (stack ${r.stack.stackName})`).join(', ')} `
        + `is in the domain's account (stack ${domain.stack.stackName}): an environment-agnostic stack's account`);
    }
    return pass();
  },
};
