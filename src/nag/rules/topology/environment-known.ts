/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Token } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { fail, pass, RuleDefinition } from '../../rule';

/** Mesh stacks name their account and Region, so that the topology can be checked. */
export const ENVIRONMENT_KNOWN: RuleDefinition = {
  id: 'ENV1',
  level: NagMessageLevel.WARN,
  appliesTo: ['AWS::DataZone::Domain', 'AWS::DataZone::ProjectProfile', 'AWS::DataZone::EnvironmentBlueprintConfiguration', 'AWS::RAM::ResourceShare'],
  checklist: 'Distinct accounts, one Region (verifiable only with explicit environments)',
  info: 'The mesh stack is environment-agnostic: its account or Region is unknown at synth, so the topology rules cannot verify it.',
  explanation: 'Distinct accounts, one Region and the two-zone network are checked from the stacks\' environments; an environment-agnostic stack is unverifiable, not compliant.',
  fix: 'Give the stack an env with account and region, or acknowledge the finding for a deliberately agnostic stack.',
  check: (resource) => {
    const unknown = [['account', resource.stack.account], ['Region', resource.stack.region]]
      .filter(([, value]) => Token.isUnresolved(value))
      .map(([what]) => what);
    return unknown.length === 0 ? pass() : fail(`stack ${resource.stack.stackName} with no ${unknown.join(' and ')}`);
  },
};
