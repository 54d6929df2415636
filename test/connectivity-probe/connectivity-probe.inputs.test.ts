/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { ConnectivityProbeOptions, MeshEndpointService, TwoAzPrivateVpc } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';
import { testStack } from '../util';

/** A default mesh VPC (19 interface endpoints, CloudWatch metrics and S3: 21 probed services) with a probe. */
function probe(app: App, options: ConnectivityProbeOptions): void {
  new TwoAzPrivateVpc(testStack({}, app), 'Network').addConnectivityProbe('Probe', options);
}

/** The contract of ConnectivityProbe's options: each row is refused with the prop, the value, what is allowed and the fix. */
const INVALID: Array<InvalidRow<ConnectivityProbeOptions>> = [
  { prop: 'schedule', value: { schedule: Duration.seconds(30) }, shown: "'30 seconds'", expect: ['whole number of minutes', 'Duration.minutes(15)'] },
  { prop: 'schedule', value: { schedule: Duration.seconds(90) }, shown: "'1 minute 30 seconds'", expect: ['EventBridge rate counts whole minutes'] },
  { prop: 'schedule', value: { schedule: Duration.days(2) }, shown: "'2 days'", expect: ['at most 86400 seconds', 'Duration.days(1)'] },
  { prop: 'schedule', value: { schedule: Duration.minutes(0) }, shown: "'0 minutes'", expect: ['from 1 minute to 1 day'] },
  { prop: 'timeoutPerService', value: { timeoutPerService: Duration.millis(1500) }, shown: "'1 second 500 millis'", expect: ['whole number of seconds', 'Duration.seconds(3)'] },
  { prop: 'timeoutPerService', value: { timeoutPerService: Duration.seconds(0) }, shown: "'0 seconds'", expect: ['at least 1'] },
  { prop: 'timeoutPerService', value: { timeoutPerService: Duration.minutes(1) }, shown: "'1 minute'", expect: ['checks 21 services', 'more than a Lambda function may run (900 seconds)', 'Use at most 39 seconds'] },
];

/** Valid edge values EventBridge, CloudWatch and Lambda accept: they must synthesize. */
const VALID: Array<ValidRow<ConnectivityProbeOptions>> = [
  { name: 'a schedule of one minute, EventBridge\'s shortest rate', value: { schedule: Duration.minutes(1) } },
  { name: 'a schedule of one day, the longest alarm window', value: { schedule: Duration.days(1) } },
  { name: 'a schedule in whole minutes given as seconds', value: { schedule: Duration.seconds(120) } },
  { name: 'a timeout of one second per service', value: { timeoutPerService: Duration.seconds(1) } },
  { name: 'the longest timeout that fits in a Lambda function\'s 900 seconds (21 services)', value: { timeoutPerService: Duration.seconds(39) } },
  { name: 'failing the deploy on an unreachable service', value: { failDeployOnUnreachable: true } },
];

describe('ConnectivityProbe inputs', () => {
  test.each(INVALID)("refuses '$prop' = $shown", (row) => {
    expectRefused(row, probe);
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, probe);
  });

  test('reports every problem at once', () => {
    const message = refusal((app) => probe(app, { schedule: Duration.seconds(30), timeoutPerService: Duration.seconds(0) }));
    expect(message).toContain("'schedule' is '30 seconds'");
    expect(message).toContain("'timeoutPerService' is '0 seconds'");
  });

  test('blames an environment-agnostic stack, by its path, not the probe, and says to give the stack a Region', () => {
    const message = refusal((app) => {
      const agnostic = new Stack(app, 'Agnostic');
      new TwoAzPrivateVpc(agnostic, 'Network', { availabilityZones: ['eu-west-1a', 'eu-west-1b'] }).addConnectivityProbe('Probe');
    });
    expect(message).toContain("ConnectivityProbe at 'Agnostic/Network/Probe'");
    expect(message).toContain("its stack 'Agnostic' has no concrete Region");
    expect(message).toContain("Give the stack 'Agnostic' an env with a region");
    expect(message).not.toMatch(/'network'|\$\{Token\[/);
  });
});

describe('MeshEndpointService inputs', () => {
  const INVALID_OF: Array<InvalidRow<[string, string | undefined]>> = [
    { prop: 'serviceName', value: ['SSM', undefined], shown: "'SSM'", expect: ['lower-case', "e.g. 'ssm'"] },
    { prop: 'serviceName', value: ['com.amazonaws.eu-west-1.ssm', undefined], shown: "'com.amazonaws.eu-west-1.ssm'", expect: ['the part after the Region', "'ssm'"] },
    { prop: 'serviceName', value: ['', undefined], shown: "''", expect: ['lower-case'] },
    { prop: 'prefix', value: ['ssm', 'com amazonaws'], shown: "'com amazonaws'", expect: ['the part before the Region', "'com.amazonaws'"] },
    { prop: 'prefix', value: ['ssm', 'com.amazonaws.eu-west-1'], shown: "'com.amazonaws.eu-west-1'", expect: ['without the Region'] },
  ];
  const VALID_OF: Array<ValidRow<[string, string | undefined]>> = [
    { name: 'a dotted service name (ecr.dkr)', value: ['ecr.dkr', undefined] },
    { name: 'a hyphenated service name (secretsmanager, ssm-contacts)', value: ['ssm-contacts', undefined] },
    { name: 'a prefix other than com.amazonaws (aws.sagemaker)', value: ['notebook', 'aws.sagemaker'] },
  ];
  const endpoint = (app: App, [name, prefix]: [string, string | undefined]) => {
    new TwoAzPrivateVpc(testStack({}, app), 'Network', { endpoints: [MeshEndpointService.of(name, prefix)] });
  };

  test.each(INVALID_OF)("refuses of() '$prop' = $shown", (row) => {
    expectRefused(row, endpoint);
  });

  test.each(VALID_OF)('accepts of() with $name', (row) => {
    expectAccepted(row, endpoint);
  });
});
