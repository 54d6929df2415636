/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { reportsForStack, usage } from './stack-limits';
import { fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** A stack above a CloudFormation quota is an error. */
export const STACK_OVER_LIMITS: RuleDefinition = {
  id: 'CFN2',
  level: NagMessageLevel.ERROR,
  appliesTo: ['*'],
  checklist: 'CloudFormation limits: 500 resources, 200 outputs, 200 parameters, 1 MB template per stack',
  info: 'The stack exceeds a CloudFormation quota.',
  explanation: 'CloudFormation refuses the template at deploy; aws-cdk-lib checks only the resource count and only warns on size, and checks no output or parameter count.',
  fix: 'Split the stack so that each stays within 500 resources, 200 outputs, 200 parameters and 1 MB.',
  check: (resource, mesh) => {
    if (!reportsForStack(resource.logicalId, resource.stack, mesh)) {
      return notApplicable();
    }
    const over = usage(resource.stack, mesh).filter(([, used, limit]) => used > limit);
    return over.length === 0 ? pass() : fail(`stack ${resource.stack.stackName}: ${over.map(([what, used, limit]) => `${used}/${limit} ${what}`).join(', ')}`);
  },
};
