/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { acknowledge } from './acknowledge';

/** The runtime of the library's custom-resource handlers (Python, boto3 from the runtime). */
export const HANDLER_RUNTIME = lambda.Runtime.PYTHON_3_14;

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
