/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BoundWorkload, CatalogDomain, WorkloadBinding, WorkloadBindingProps } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';

const CONSUMER = '333333333333';

/** Props by name; `workload` picks a BoundWorkload factory and its role's ARN. */
type Input = Partial<Omit<WorkloadBindingProps, 'workload' | 'domain'>> & {
  readonly kind?: 'lambda' | 'imported-lambda' | 'glue' | 'ecs' | 'ecs-role' | 'emr' | 'iam';
  readonly roleArn?: string;
};

function bind(app: App, input: Input): void {
  const { kind, roleArn, ...props } = input;
  const stack = new Stack(app, 'Consumer', { env: { account: CONSUMER, region: 'eu-west-1' } });
  const role = roleArn ? iam.Role.fromRoleArn(stack, 'Imported', roleArn) : new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  const workloads: Record<string, () => BoundWorkload> = {
    'lambda': () => BoundWorkload.lambdaFunction(new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = 1') })),
    'imported-lambda': () => BoundWorkload.lambdaFunction(lambda.Function.fromFunctionArn(stack, 'ImportedFn', `arn:aws:lambda:eu-west-1:${CONSUMER}:function:app`)),
    'glue': () => BoundWorkload.glueJob(role),
    'ecs': () => BoundWorkload.ecsTask(new ecs.FargateTaskDefinition(stack, 'Task')),
    'ecs-role': () => BoundWorkload.ecsTaskRole(role),
    'emr': () => BoundWorkload.emrServerlessRuntimeRole(role),
    'iam': () => BoundWorkload.iamRole(role),
  };
  const given = props.projectName !== undefined || props.projectId !== undefined || props.lakehouseEnvironmentId !== undefined;
  new WorkloadBinding(stack, 'Binding', {
    domain: CatalogDomain.fromCatalogDomainAttributes(stack, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'root1', governanceAccount: '111111111111' }),
    workload: workloads[kind ?? 'glue'](),
    ...(given ? {} : { lakehouseEnvironmentId: 'env_lakehouse1' }),
    ...props,
  });
}

/** The contract of WorkloadBinding's props and BoundWorkload's factories: each row is refused with the prop, the value, what is allowed and the fix. */
const INVALID: Array<InvalidRow<Input>> = [
  { prop: 'databaseName', value: { databaseName: 'Sales' }, shown: "'Sales'", expect: ['lower case', "'sales'"] },
  { prop: 'databaseName', value: { databaseName: 'a'.repeat(256) }, shown: `'${'a'.repeat(256)}'`, expect: ['1-255 characters'] },
  { prop: 'databaseName', value: { databaseName: 'bad\nname' }, shown: "'bad\nname'", expect: ['no control characters'] },
  { prop: 'projectName', value: { projectName: 'sales/analytics' }, shown: "'sales/analytics'", expect: ['1-64 letters, digits, _, - and spaces'] },
  { prop: 'projectName', value: { projectName: '   ' }, shown: "'   '", expect: ['not only spaces'] },
  { prop: 'projectName', value: { lakehouseEnvironmentId: undefined }, shown: 'missing', expect: ['name the consumer project: projectName', 'Pass exactly one'] },
  { prop: 'lakehouseEnvironmentId', value: { projectId: 'p1', lakehouseEnvironmentId: 'env1' }, shown: "'env1'", expect: ['name the consumer project once: projectId already names it', 'Pass exactly one'] },
  { prop: 'projectId', value: { projectName: 'analytics', projectId: 'p1' }, shown: "'p1'", expect: ['projectName already names it', 'remove projectId or projectName'] },
  { prop: 'projectId', value: { projectId: 'p'.repeat(37) }, shown: `'${'p'.repeat(37)}'`, expect: ['1-36 letters, digits, _ and -', "project's id"] },
  { prop: 'lakehouseEnvironmentId', value: { lakehouseEnvironmentId: 'env id' }, shown: "'env id'", expect: ['1-36 letters', "environment's id"] },
  { prop: 'lakehouseEnvironmentId', value: { lakehouseEnvironmentId: 'e'.repeat(37) }, shown: `'${'e'.repeat(37)}'`, expect: ['1-36 letters', "environment's id"] },
  { prop: 'lakehouseEnvironmentId', value: { lakehouseEnvironmentId: 'env.1' }, shown: "'env.1'", expect: ['1-36 letters, digits, _ and -'] },
  { prop: 'manageAccessRoleArn', value: { manageAccessRoleArn: 'AmazonSageMakerManageAccess' }, shown: "'AmazonSageMakerManageAccess'", expect: ['expected an IAM role ARN', 'leave it out'] },
  { prop: 'manageAccessRoleArn', value: { manageAccessRoleArn: 'arn:aws:iam::444444444444:role/service-role/m' }, shown: "'arn:aws:iam::444444444444:role/service-role/m'", expect: ['in account 444444444444', 'Leave it out'] },
  { prop: 'workload', value: { kind: 'imported-lambda' }, shown: "'function Consumer/ImportedFn'", expect: ['Lambda function has no known role', 'fromFunctionAttributes'] },
  { prop: 'workload', value: { kind: 'glue', roleArn: 'arn:aws:iam::444444444444:role/job' }, shown: "'arn:aws:iam::444444444444:role/job'", expect: ['in account 444444444444', 'from a stack in its own account'] },
  { prop: 'workload', value: { kind: 'emr', roleArn: 'arn:aws:iam::444444444444:role/emr' }, shown: "'arn:aws:iam::444444444444:role/emr'", expect: ['in account 444444444444'] },
  { prop: 'workload', value: { kind: 'ecs-role', roleArn: 'arn:aws:iam::444444444444:role/task' }, shown: "'arn:aws:iam::444444444444:role/task'", expect: ['in account 444444444444'] },
  { prop: 'workload', value: { kind: 'iam', roleArn: 'arn:aws:iam::444444444444:role/bi' }, shown: "'arn:aws:iam::444444444444:role/bi'", expect: ['in account 444444444444'] },
  { prop: 'workload', value: { kind: 'iam', roleArn: `arn:aws:iam::${CONSUMER}:role/bi+reader@team` }, shown: `'arn:aws:iam::${CONSUMER}:role/bi+reader@team'`, expect: ["only letters, digits, ':', '/', '_' and '-'", 'AuthorizedPrincipals', 'ConsumerBinding'] },
];

/** Valid edge values Glue, DataZone and IAM accept: they must synthesize. */
const VALID: Array<ValidRow<Input>> = [
  { name: 'a database name with hyphens and dots (Glue NameString)', value: { databaseName: 'sales-mart.v2' } },
  { name: 'a database name of 255 characters', value: { databaseName: 'a'.repeat(255) } },
  { name: 'a Unicode database name', value: { databaseName: 'ventes_été' } },
  { name: 'a project name with spaces, 64 characters', value: { projectName: `Sales analytics ${'x'.repeat(48)}` } },
  { name: 'a project id of 36 characters', value: { projectId: 'a'.repeat(36) } },
  { name: 'an environment id of 36 letters, digits, _ and - (botocore EnvironmentId)', value: { lakehouseEnvironmentId: `env_-${'A1'.repeat(15)}z` } },
  { name: 'an environment id of one character', value: { lakehouseEnvironmentId: 'e' } },
  { name: 'a role with a path, in this account', value: { kind: 'iam', roleArn: `arn:aws:iam::${CONSUMER}:role/service-role/bi/reader` } },
  { name: 'an ECS task definition (its task role)', value: { kind: 'ecs' } },
  { name: 'a Lambda function defined in the app', value: { kind: 'lambda' } },
  { name: 'an EMR Serverless runtime role', value: { kind: 'emr' } },
  { name: 'no catalog-read policy', value: { grantCatalogRead: false } },
];

describe('WorkloadBinding inputs', () => {
  test.each(INVALID)("refuses '$prop' = $shown", (row) => {
    expectRefused(row, bind);
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, bind);
  });

  test('reports every problem at once', () => {
    const message = refusal((app) => bind(app, { databaseName: 'Sales', projectName: 'a/b', manageAccessRoleArn: 'x' }));
    expect(message).toContain("'databaseName' is 'Sales'");
    expect(message).toContain("'projectName' is 'a/b'");
    expect(message).toContain("'manageAccessRoleArn' is 'x'");
  });

  test('reports every problem at once, each with its own prop: two ways of naming the project and a bad environment id', () => {
    const message = refusal((app) => bind(app, { databaseName: 'Sales', projectId: 'p1', lakehouseEnvironmentId: 'env id', manageAccessRoleArn: 'x' }));
    expect(message).toContain("'databaseName' is 'Sales'");
    expect(message).toContain("'lakehouseEnvironmentId' is 'env id': name the consumer project once: projectId already names it");
    expect(message).toContain("'lakehouseEnvironmentId' is 'env id': a DataZone id is 1-36");
    expect(message).toContain("'manageAccessRoleArn' is 'x'");
    expect(message).not.toContain("'projectName'");
    expect(message).not.toContain("'projectId'");
  });
});
