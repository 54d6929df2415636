/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { TRUST_BINDING_TYPE } from '../../../contract';
import { CouldNotEvaluate, fail, pass, RuleDefinition } from '../../rule';

/** The trust statement a binding adds names a role, never an account root. */
export const TRUST_NAMES_A_ROLE: RuleDefinition = {
  id: 'IAM2',
  level: NagMessageLevel.ERROR,
  appliesTo: [TRUST_BINDING_TYPE],
  checklist: 'Edit the consumer project role\'s trust policy: add the Lambda role ARN as principal',
  info: 'The consumer binding trusts an account root (or an account id) instead of the function\'s role.',
  explanation: 'Trusting the account root lets every principal of the consumer account that may call sts:AssumeRole act as the consumer project role, and read everything the project subscribed to.',
  fix: 'Name the function\'s execution role ARN (arn:aws:iam::<account>:role/<name>) as the principal (ConsumerBinding does).',
  check: (binding, mesh) => {
    const principal = binding.properties.PrincipalArn;
    if (typeof principal === 'string') {
      return /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(principal) ? pass() : fail(`principal ${principal}`);
    }
    // An ARN built with Fn::Join or Fn::Sub (Role.fromRoleName, Stack.formatArn): its literal parts tell a role from a root.
    const built = joinedArn(principal);
    if (built !== undefined && /^arn:[^:]+:iam::[^:]+:role\/.+$/.test(built)) {
      return pass();
    }
    if (built !== undefined && /^arn:[^:]+:iam::[^:]+:root$/.test(built)) {
      return fail(`principal ${built}`);
    }
    const target = mesh.target(binding, principal);
    if (target === undefined) {
      throw new CouldNotEvaluate(`the PrincipalArn of ${binding.logicalId} (a parameter or an intrinsic function that names no resource of the template)`);
    }
    // A role of the template, or a custom resource that reads the function's role at deploy.
    return target.type === 'AWS::IAM::Role' || target.type.startsWith('Custom::') ? pass() : fail(`principal ${target.type} ${target.logicalId}`);
  },
};

/**
 * The ARN `value` builds with `Fn::Join` or `Fn::Sub`, each part only known at deploy time written `<token>`
 * (a pseudo parameter such as the partition or account), or undefined for any other value.
 */
function joinedArn(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') {
    return undefined;
  }
  const join = (value as Record<string, unknown>)['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part: unknown) => (typeof part === 'string' ? part : '<token>')).join(join[0]);
  }
  const sub = (value as Record<string, unknown>)['Fn::Sub'];
  const template = Array.isArray(sub) ? sub[0] : sub;
  return typeof template === 'string' ? template.replace(/\$\{[^}]*\}/g, '<token>') : undefined;
}
