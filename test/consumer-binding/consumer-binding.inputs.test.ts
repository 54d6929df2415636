/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { bind, consumer, CONSUMER, EXISTING, inlinePythonFunction } from './fixture';
import { ConsumerBinding, ConsumerBindingProps } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';

/**
 * Props by name; `functionArn` imports the function by that ARN, `ownEnvironment` defines the function in
 * the app with that environment, and `functionStack` puts the imported function in another account or Region.
 */
type Input = Partial<Omit<ConsumerBindingProps, 'function'>> & {
  readonly functionArn?: string;
  readonly ownEnvironment?: Record<string, string>;
  readonly functionEnv?: { account: string; region: string };
};

function bindInput(app: App, input: Input): ConsumerBinding {
  const { functionArn, ownEnvironment, functionEnv, ...props } = input;
  const stack = consumer(app);
  let fn: lambda.IFunction;
  if (ownEnvironment) {
    fn = inlinePythonFunction(stack, 'Own', ownEnvironment);
  } else if (functionEnv) {
    fn = inlinePythonFunction(new Stack(app, 'Elsewhere', { env: functionEnv }), 'Elsewhere');
  } else {
    fn = lambda.Function.fromFunctionArn(stack, 'Existing', functionArn ?? EXISTING);
  }
  return bind(stack, fn, props);
}

/** The contract of ConsumerBinding's props: each row is refused with the prop, the value, what is allowed and the fix. */
const INVALID: Array<InvalidRow<Input>> = [
  { prop: 'projectName', value: { projectName: undefined }, shown: 'missing', expect: ['name the consumer project once', 'Pass exactly one of projectName and projectId'] },
  { prop: 'projectName', value: { projectId: 'prj1' }, shown: "'Consumer'", expect: ['name the consumer project once'] },
  { prop: 'projectName', value: { projectName: 'consumer/eu' }, shown: "'consumer/eu'", expect: ['1-64 letters, digits, _, - and spaces'] },
  { prop: 'projectRoleArn', value: { projectName: undefined, projectRoleArn: 'datazone_usr_role_x' }, shown: "'datazone_usr_role_x'", expect: ['IAM role ARN', 'Copy the role ARN'] },
  { prop: 'function', value: { functionArn: 'arn:aws:lambda:eu-west-1:333333333333:function:f:prod' }, shown: "'arn:aws:lambda:eu-west-1:333333333333:function:f:prod'", expect: ["alias 'prod'", "'arn:aws:lambda:eu-west-1:333333333333:function:f'"] },
  { prop: 'function', value: { functionArn: 'arn:aws:lambda:eu-west-1:333333333333:function:f:7' }, shown: "'arn:aws:lambda:eu-west-1:333333333333:function:f:7'", expect: ['qualified ARN', 'unqualified ARN'] },
  { prop: 'function', value: { functionArn: 'arn:aws:lambda:eu-west-1:444444444444:function:f' }, shown: "'arn:aws:lambda:eu-west-1:444444444444:function:f'", expect: ['account 444444444444', 'from a stack in its own account'] },
  { prop: 'function', value: { functionArn: 'arn:aws:lambda:us-east-1:333333333333:function:f' }, shown: "'arn:aws:lambda:us-east-1:333333333333:function:f'", expect: ['Region us-east-1', 'from a stack in its own Region'] },
  { prop: 'function', value: { functionEnv: { account: CONSUMER, region: 'us-east-1' } }, shown: "'Elsewhere/Elsewhere'", expect: ['Region us-east-1', 'own Region'] },
  { prop: 'function', value: { functionEnv: { account: '444444444444', region: 'eu-west-1' } }, shown: "'Elsewhere/Elsewhere'", expect: ['account 444444444444', 'own account'] },
  { prop: 'function', value: { ownEnvironment: { AWS_LAMBDA_EXEC_WRAPPER: '/opt/otel-instrument' } }, shown: "'Consumer/Own'", expect: ["'/opt/otel-instrument'", 'one exec wrapper', "Remove the function's own wrapper"] },
  { prop: 'glueDatabaseName', value: { glueDatabaseName: 'Glue_DB' }, shown: "'Glue_DB'", expect: ['lower case', "'glue_db'"] },
  { prop: 'athenaWorkgroup', value: { athenaWorkgroup: 'work group' }, shown: "'work group'", expect: ['1-128 letters, digits, ., _ and -', 'Athena console'] },
  { prop: 'reconcileInterval', value: { reconcileInterval: Duration.seconds(90) }, shown: "'90 seconds'", expect: ['whole minutes', 'Duration.minutes(15)'] },
];

/** Valid edge values Lambda, Glue and Athena accept: they must synthesize. */
const VALID: Array<ValidRow<Input>> = [
  { name: 'a function name of 64 characters', value: { functionArn: `arn:aws:lambda:eu-west-1:${CONSUMER}:function:${'f'.repeat(64)}` } },
  { name: 'a function in the stack with an environment of its own', value: { ownEnvironment: { LOG_LEVEL: 'debug' } } },
  { name: 'a Glue database name with hyphens', value: { glueDatabaseName: 'glue-db-consumer' } },
  { name: 'a workgroup name of 128 characters with dots', value: { athenaWorkgroup: `wg.${'w'.repeat(125)}` } },
  { name: 'no reconcile schedule', value: { reconcileInterval: Duration.minutes(0) } },
  { name: 'an hourly reconcile schedule', value: { reconcileInterval: Duration.hours(1) } },
];

describe('ConsumerBinding inputs', () => {
  test.each(INVALID)("refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, input) => bindInput(app, input));
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, (app, input) => bindInput(app, input));
  });

  test('reports every problem at once', () => {
    const message = refusal((app) => bindInput(app, { functionArn: 'arn:aws:lambda:us-east-1:444444444444:function:f', athenaWorkgroup: 'a b' }));
    expect(message).toContain('account 444444444444');
    expect(message).toContain('Region us-east-1');
    expect(message).toContain("'athenaWorkgroup' is 'a b'");
  });
});
