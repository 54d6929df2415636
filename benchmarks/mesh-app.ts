/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 *
 * The TypeScript side of benchmarks/languages.py: the example three-account mesh, synthesized into <outdir>,
 * the way examples/python/mesh_app.py and examples/java build it (same props, same context, DataMeshChecks and
 * AwsSolutionsChecks registered), against the compiled library in lib/ — the JavaScript a TypeScript user gets
 * from the npm package, and the same JavaScript that the Python and Java runs load through jsii.
 * languages.py compiles it with tsc once, untimed, and times `node mesh-app.js <outdir>`.
 *
 *   node <compiled>/benchmarks/mesh-app.js <outdir>
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DataMeshChecks, ThreeAccountMesh } from '../lib';

const [GOVERNANCE, PRODUCER, CONSUMER, REGION] = ['111111111111', '222222222222', '333333333333', 'eu-west-1'];

const outdir = process.argv[2];
if (!outdir) {
  throw new Error('usage: node mesh-app.js <outdir>');
}
const app = new App({
  outdir,
  context: {
    '@aws-cdk/core:validateAgainstDefaultRules': true,
    '@aws-cdk/core:validationReportJson': true,
  },
});
Validations.of(app).addPlugins(new DataMeshChecks(), new AwsSolutionsChecks());
new ThreeAccountMesh(app, 'Mesh', {
  domainName: 'data-mesh',
  governanceAccount: GOVERNANCE,
  region: REGION,
  availabilityZones: [`${REGION}a`, `${REGION}b`],
  producer: {
    account: PRODUCER,
    databaseName: 'collections',
    tableNames: ['trees', 'birds'],
    dataBucketName: `collections-${PRODUCER}`,
    dataPrefix: 'collections/',
  },
  consumer: {
    account: CONSUMER,
    glueDatabaseName: 'consumer_db',
    functionArn: `arn:aws:lambda:${REGION}:${CONSUMER}:function:consumer_function`,
    workloads: [{ kind: 'GLUE_JOB', roleArn: `arn:aws:iam::${CONSUMER}:role/nightly_etl` }],
  },
});
app.synth();
