/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App } from 'aws-cdk-lib';
import { MeshConsumerOptions, MeshProducerOptions, ThreeAccountMesh, ThreeAccountMeshProps } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';

/** Props by name; `producer` and `consumer` replace parts of the producer's and the consumer's options. */
type Input = Partial<Omit<ThreeAccountMeshProps, 'producer' | 'consumer'>> & { readonly producer?: Partial<MeshProducerOptions>; readonly consumer?: Partial<MeshConsumerOptions> };

function mesh(app: App, input: Input): ThreeAccountMesh {
  const { producer, consumer, ...props } = input;
  return new ThreeAccountMesh(app, 'Mesh', {
    domainName: 'data-mesh',
    governanceAccount: '111111111111',
    region: 'eu-west-1',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    producer: { account: '222222222222', databaseName: 'collections', tableNames: ['trees'], dataBucketName: 'collections-data', ...producer },
    consumer: { account: '333333333333', functionArn: 'arn:aws:lambda:eu-west-1:333333333333:function:consumer_function', ...consumer },
    ...props,
  });
}

/** An existing Glue job's role in the consumer account. */
const ETL = 'arn:aws:iam::333333333333:role/nightly_etl';

/**
 * The contract of ThreeAccountMesh's props. The preset's own checks name the prop by its path
 * (`producer.account`); a value it passes on is refused by the construct it reaches, under that construct's prop name.
 */
const INVALID: Array<InvalidRow<Input>> = [
  { prop: 'producer.account', value: { producer: { account: '111111111111' } }, shown: '["111111111111","111111111111","333333333333"]', expect: ['three distinct accounts', 'separate account'] },
  { prop: 'consumer.account', value: { consumer: { account: '3333' } }, shown: "'3333'", expect: ['exactly 12 digits'] },
  { prop: 'region', value: { region: 'eu-west-9' }, shown: "'eu-west-9'", expect: ['not an AWS Region', 'eu-west-1'] },
  { prop: 'consumer.functionArn', value: { consumer: { functionArn: 'arn:aws:lambda:us-east-1:333333333333:function:f' } }, shown: "'arn:aws:lambda:us-east-1:333333333333:function:f'", expect: ["mesh's Region (eu-west-1)"] },
  { prop: 'function', value: { consumer: { functionArn: 'arn:aws:lambda:eu-west-1:333333333333:function:f:prod' } }, shown: "'arn:aws:lambda:eu-west-1:333333333333:function:f:prod'", expect: ['qualified ARN', 'unqualified ARN'] },
  { prop: 'tableNames', value: { producer: { tableNames: ['Trees'] } }, shown: "'Trees'", expect: ['lower case', "'trees'"] },
  { prop: 'dataPrefix', value: { producer: { dataPrefix: 's3://collections-data/trees/' } }, shown: "'s3://collections-data/trees/'", expect: ['no s3:// URI', "'trees/'"] },
  { prop: 'domainName', value: { domainName: '   ' }, shown: "'   '", expect: ['not only spaces'] },
  { prop: 'availabilityZones', value: { availabilityZones: ['eu-west-1a', 'us-east-1b'] }, shown: '["eu-west-1a","us-east-1b"]', expect: ["stack's Region eu-west-1"] },
  { prop: 'consumer.workloads[0].kind', value: { consumer: { workloads: [{ kind: 'GLUE', roleArn: ETL }] } }, shown: "'GLUE'", expect: ['one of LAMBDA_FUNCTION, GLUE_JOB, ECS_TASK, EMR_SERVERLESS, IAM_ROLE', 'IAM_ROLE for any other role'] },
  { prop: 'consumer.workloads[0].roleArn', value: { consumer: { workloads: [{ kind: 'GLUE_JOB', roleArn: 'nightly_etl' }] } }, shown: "'nightly_etl'", expect: ['arn:aws:iam::<account>:role/<name>', 'not its name'] },
  { prop: 'consumer.workloads[0].roleArn', value: { consumer: { workloads: [{ kind: 'GLUE_JOB', roleArn: 'arn:aws:iam::222222222222:role/nightly_etl' }] } }, shown: "'arn:aws:iam::222222222222:role/nightly_etl'", expect: ["in its consumer's account (333333333333)", 'Bind the workload from the consumer that owns it'] },
  { prop: 'consumer.workloads[1].roleArn', value: { consumer: { workloads: [{ kind: 'GLUE_JOB', roleArn: ETL }, { kind: 'IAM_ROLE', roleArn: ETL }] } }, shown: `'${'arn:aws:iam::333333333333:role/nightly_etl'}'`, expect: ['bound once per consumer', 'consumer.workloads[0] binds it'] },
  { prop: 'consumer.workloads[0].roleArn', value: { consumer: { workloads: [{ kind: 'GLUE_JOB', roleArn: 'arn:aws:iam::333333333333:role/etl.job' }] } }, shown: "'arn:aws:iam::333333333333:role/etl.job'", expect: ["letters, digits, ':', '/', '_' and '-'", 'AuthorizedPrincipals', 'ConsumerBinding'] },
  { prop: 'consumer.workloads[0].functionArn', value: { consumer: { workloads: [{ kind: 'GLUE_JOB', roleArn: ETL, functionArn: 'arn:aws:lambda:eu-west-1:333333333333:function:f' }] } }, shown: "'arn:aws:lambda:eu-west-1:333333333333:function:f'", expect: ['only a LAMBDA_FUNCTION workload names a function', 'Remove functionArn'] },
];

const VALID: Array<ValidRow<Input>> = [
  { name: 'a table named tree-counts', value: { producer: { tableNames: ['tree-counts'] } } },
  { name: 'a Glue job role with a path and a plain IAM role', value: { consumer: { workloads: [{ kind: 'GLUE_JOB', roleArn: 'arn:aws:iam::333333333333:role/service-role/etl-job_1' }, { kind: 'IAM_ROLE', roleArn: ETL }] } } },
  { name: 'two distinct tables trees_2023 and trees2023', value: { producer: { tableNames: ['trees_2023', 'trees2023'] } } },
];

describe('ThreeAccountMesh inputs', () => {
  test.each(INVALID)("refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, input) => mesh(app, input));
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, (app, input) => mesh(app, input));
  });

  test('reports every problem of the preset at once', () => {
    const message = refusal((app) => mesh(app, { region: 'eu-west-9', consumer: { account: 'x' } }));
    expect(message).toContain("'region' is 'eu-west-9'");
    expect(message).toContain("'consumer.account' is 'x'");
  });
});
