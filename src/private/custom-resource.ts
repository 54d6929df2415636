/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { acknowledge } from './acknowledge';

/** The version of a runtime name such as `python3.14` or `nodejs22.x`, as numbers (`[3, 14]`, `[22]`). */
function runtimeVersion(name: string, family: string): number[] | undefined {
  const match = new RegExp(`^${family}(\\d+(?:\\.\\d+)?)(?:\\.x)?$`).exec(name);
  return match ? match[1].split('.').map(Number) : undefined;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The runtimes of one family (`python`, `nodejs`) that the installed aws-cdk-lib knows, oldest first,
 * from `minimum` on. aws-cdk-lib is a peer dependency: the list is the user's, so a newer aws-cdk-lib
 * that adds a runtime moves the library's functions to it (AwsSolutions-L1 asks for the newest one).
 */
export function knownRuntimes(family: string, minimum: number[] = []): lambda.Runtime[] {
  // Runtime.ALL grows with every `new Runtime(...)` (aws-cdk-lib's own "latest" helpers make some): one per name.
  const byName = new Map(lambda.Runtime.ALL.map((runtime) => [runtime.name, runtime]));
  return [...byName.values()]
    .map((runtime) => ({ runtime, version: runtimeVersion(runtime.name, family) }))
    .filter((r): r is { runtime: lambda.Runtime; version: number[] } => r.version !== undefined && compareVersions(r.version, minimum) >= 0)
    .sort((a, b) => compareVersions(a.version, b.version))
    .map((r) => r.runtime);
}

/**
 * The newest runtime of a family that the installed aws-cdk-lib knows.
 */
export function newestRuntime(family: string): lambda.Runtime {
  const runtimes = knownRuntimes(family);
  if (runtimes.length === 0) {
    throw new Error(`cdk-data-mesh: the installed aws-cdk-lib knows no Lambda runtime of the family '${family}'; install aws-cdk-lib >= 2.262.0.`);
  }
  return runtimes[runtimes.length - 1];
}

/**
 * The runtime of the library's custom-resource handlers: the newest Python runtime that the installed
 * aws-cdk-lib knows (python3.14 on 2.262.0). The handlers use only the standard library and the boto3
 * of the runtime, and their tests run on the oldest and the newest Python installable on CI's machines.
 */
export const HANDLER_RUNTIME = newestRuntime('python');

/** The AwsSolutions finding id of an AWS managed policy attached to a role. */
export function managedPolicyFinding(policyName: string): string {
  return `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policyName}]`;
}

/**
 * Acknowledge, on the provider framework only, the AwsSolutions findings that aws-cdk-lib's
 * `Provider` framework causes and that neither the library nor its users can change.
 *
 * @param handlers the library's own handler functions that the framework invokes
 */
export function acknowledgeProviderFramework(provider: cr.Provider, handlers: lambda.IFunction[]): void {
  const stack = Stack.of(provider);
  const functions = [
    ...handlers.map((fn) => fn.node.defaultChild as CfnResource),
    ...provider.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::Lambda::Function'),
  ];
  acknowledge(provider, managedPolicyFinding('service-role/AWSLambdaBasicExecutionRole'),
    'The aws-cdk-lib Provider framework functions use the AWS managed AWSLambdaBasicExecutionRole for their logs; the framework does not let the library change their roles.');
  for (const fn of functions) {
    acknowledge(provider, `AwsSolutions-IAM5[Resource::<${stack.resolve(fn.logicalId)}.Arn>:*]`,
      'The aws-cdk-lib Provider framework invokes any version of this one function (<function ARN>:*); the wildcard covers versions only.');
  }
  acknowledge(provider, 'AwsSolutions-IAM5[Resource::*]',
    'The Provider framework\'s waiter state machine delivers its execution logs to CloudWatch Logs; the log-delivery actions (logs:CreateLogDelivery, …) support no resource-level permissions.');
  acknowledge(provider, 'AwsSolutions-L1',
    'The aws-cdk-lib Provider framework chooses the Node.js runtime of its own functions; the library\'s handlers use the latest Python runtime.');
  acknowledge(provider, 'AwsSolutions-SF2',
    'The Provider framework\'s waiter state machine only polls the isComplete handler; its executions are logged in full (SF1), and X-Ray tracing cannot be turned on through the framework.');
}
