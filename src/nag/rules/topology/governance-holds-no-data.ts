/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { fail, pass, RuleDefinition } from '../../rule';

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
    const found = DATA_TYPES.flatMap((type) => mesh.allOfType(type).filter((r) => r.stack.account === governance).map((r) => `${type} ${r.logicalId}`));
    return found.length === 0 ? pass() : fail(found.join(', '));
  },
};
