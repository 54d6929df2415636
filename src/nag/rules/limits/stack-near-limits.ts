/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { reportsForStack, usage } from './stack-limits';
import { fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** A stack above 80 % of a CloudFormation quota is a warning. */
export const STACK_NEAR_LIMITS: RuleDefinition = {
  id: 'CFN1',
  level: NagMessageLevel.WARN,
  appliesTo: ['*'],
  checklist: 'CloudFormation limits: 500 resources, 200 outputs, 200 parameters, 1 MB template per stack',
  info: 'The stack uses more than 80 % of a CloudFormation quota.',
  explanation: 'A mesh grows (more tables, consumers, endpoints); a stack near a quota fails its next deploy when it crosses it.',
  fix: 'Split the stack (e.g. one stack per data product or per consumer application) before it reaches the quota.',
  check: (resource, mesh) => {
    if (!reportsForStack(resource.logicalId, resource.stack, mesh)) {
      return notApplicable();
    }
    const near = usage(resource.stack, mesh).filter(([, used, limit]) => used > 0.8 * limit && used <= limit);
    return near.length === 0 ? pass() : fail(`stack ${resource.stack.stackName}: ${near.map(([what, used, limit]) => `${used}/${limit} ${what}`).join(', ')}`);
  },
};
