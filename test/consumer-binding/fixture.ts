/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { CatalogDomain, ConsumerBinding, ConsumerBindingProps } from '../../src';
import { testApp } from '../util';

/** The consumer account of the ConsumerBinding tests. */
export const CONSUMER = '333333333333';
/** An existing function of the consumer account, imported by ARN. */
export const EXISTING = `arn:aws:lambda:eu-west-1:${CONSUMER}:function:consumer_function`;

/** The consumer account's stack. */
export function consumer(app: App = testApp(), account = CONSUMER): Stack {
  return new Stack(app, 'Consumer', { env: { account, region: 'eu-west-1' } });
}

/** A minimal valid ConsumerBinding of `fn` (the shared domain, project 'Consumer', its database and workgroup), with `props` over it. */
export function bind(stack: Stack, fn: lambda.IFunction, props: Partial<ConsumerBindingProps> = {}): ConsumerBinding {
  return new ConsumerBinding(stack, 'Binding', {
    domain: CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: '111111111111' }),
    function: fn,
    projectName: 'Consumer',
    glueDatabaseName: 'glue_db_consumer',
    athenaWorkgroup: 'workgroup-consumer',
    ...props,
  } as ConsumerBindingProps);
}

/** A Python function with inline code, defined in the app. */
export function inlinePythonFunction(scope: Construct, id: string, environment?: Record<string, string>): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.PYTHON_3_13, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n  return 1'), environment,
  });
}
