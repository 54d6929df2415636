/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/** Where the cross-account hand-off parameters live (see docs/decisions/0003-cross-account-handoff.md). */
export const HANDOFF_ROOT = '/cdk-data-mesh';

/** An advanced SSM parameter (the tier AWS RAM can share) holding one value for other mesh accounts. */
export function handoffParameter(
  scope: Construct, id: string, name: string, value: string, description: string, removalPolicy: RemovalPolicy,
): ssm.StringParameter {
  const parameter = new ssm.StringParameter(scope, id, {
    parameterName: name,
    stringValue: value,
    // Only advanced parameters can be shared with other accounts through AWS RAM.
    tier: ssm.ParameterTier.ADVANCED,
    description,
  });
  parameter.applyRemovalPolicy(removalPolicy);
  return parameter;
}

/**
 * Read, in a member account, a hand-off parameter the governance account shared with it: a template
 * parameter of type `AWS::SSM::Parameter::Value<String>` whose default is the shared parameter's ARN.
 */
export function readHandoffParameter(scope: Construct, id: string, governanceAccount: string, name: string): string {
  const stack = Stack.of(scope);
  const partition = Token.isUnresolved(stack.partition) ? 'aws' : stack.partition;
  return ssm.StringParameter.fromStringParameterArn(scope, id, `arn:${partition}:ssm:${stack.region}:${governanceAccount}:parameter${name}`).stringValue;
}

/** The name of the hand-off parameter with a project's id. */
export function projectIdParameterName(projectName: string): string {
  return `${HANDOFF_ROOT}/projects/${projectName.trim().replace(/\s+/g, '-')}/project-id`;
}
