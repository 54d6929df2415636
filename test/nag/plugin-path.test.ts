/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnOutput, CfnWaitConditionHandle, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DataMeshChecks, TwoAzPrivateVpc } from '../../src';
import { reportedPaths, synthReport, testApp, testStack } from '../util';
import { l1Network } from './fixtures';

/**
 * The path users take: `Validations.of(app).addPlugins(new DataMeshChecks())`, then `app.synth()`,
 * at the aws-cdk-lib floor this library declares (the dev dependency is pinned to it).
 */
describe('DataMeshChecks registered as a policy-validation plugin', () => {
  test('lets a sound mesh network synthesize', () => {
    const app = testApp();
    new TwoAzPrivateVpc(testStack({}, app), 'Network');
    Validations.of(app).addPlugins(new DataMeshChecks());
    expect(() => app.synth()).not.toThrow();
  });

  test('refuses, at synth, a VPC whose subnets sit in one Availability Zone', () => {
    const app = testApp();
    l1Network(testStack({}, app), { zones: ['eu-west-1a', 'eu-west-1a'] });
    Validations.of(app).addPlugins(new DataMeshChecks());
    expect(() => app.synth()).toThrow(/ERROR The VPC does not have subnets in at least two distinct Availability Zones. Test\/Vpc: found 2 subnet\(s\) in 1 zone\(s\) \(eu-west-1a\)[^]*Acknowledge with 'DataMesh::DataMesh-VPC1'/);
  });

  test('lets a finding be acknowledged with its pack-qualified id and records the reason', () => {
    const app = testApp({ context: { '@aws-cdk/core:validationReportJson': true } });
    const stack = testStack({}, app);
    const { vpc } = l1Network(stack, { zones: ['eu-west-1a', 'eu-west-1a'] });
    Validations.of(vpc).acknowledge({ id: 'DataMesh::DataMesh-VPC1', reason: 'a lab network; production uses TwoAzPrivateVpc' });
    Validations.of(app).addPlugins(new DataMeshChecks());
    const { error, report } = synthReport(app);
    expect(error).toBeUndefined();
    const suppressed = report.pluginReports.flatMap((p: any) => p.suppressedViolations ?? []);
    expect(suppressed).toContainEqual(expect.objectContaining({ acknowledgedId: 'DataMesh::DataMesh-VPC1', reason: 'a lab network; production uses TwoAzPrivateVpc' }));
  });

  test('lets one finding of a multi-finding rule be acknowledged with its pack-qualified id', () => {
    const app = testApp();
    const stack = testStack({}, app);
    const { vpc } = l1Network(stack, { endpoints: ['glue', 'athena', 'redshift-data', 'emr-serverless', 'bedrock-runtime', 'sagemaker.api', 'sts', 'lakeformation', 'datazone'] });
    Validations.of(app).addPlugins(new DataMeshChecks());
    Validations.of(vpc).acknowledge({ id: 'DataMesh::DataMesh-VPC4[MWAA]', reason: 'no Airflow in this mesh' });
    expect(() => app.synth()).not.toThrow();
  });

  test('reports a finding once when the app spans three environments', () => {
    // aws-cdk-lib calls a plugin once per environment, with the whole construct tree each time.
    const app = testApp({ context: { '@aws-cdk/core:validationReportJson': true } });
    l1Network(testStack({}, app), { zones: ['eu-west-1a', 'eu-west-1a'] });
    for (const account of ['222222222222', '333333333333']) {
      l1Network(new Stack(app, `Member${account}`, { env: { account, region: 'eu-west-1' } }));
    }
    Validations.of(app).addPlugins(new DataMeshChecks());
    const { error, report } = synthReport(app);
    expect(error).toMatch(/DataMesh-VPC1/);
    expect(reportedPaths(report).filter((entry) => entry.startsWith('DataMesh-VPC1 '))).toEqual(['DataMesh-VPC1 Test/Vpc']);
  });

  test('reports the findings of one rule in two stacks of one environment as one violation naming both', () => {
    const app = testApp({ context: { '@aws-cdk/core:validationReportJson': true } });
    l1Network(testStack({}, app), { zones: ['eu-west-1a', 'eu-west-1a'] });
    l1Network(new Stack(app, 'Second', { env: { account: '111111111111', region: 'eu-west-1' } }), { zones: ['eu-west-1b', 'eu-west-1b'] });
    Validations.of(app).addPlugins(new DataMeshChecks());
    const { error, report } = synthReport(app);
    const violations = report.pluginReports.flatMap((p: any) => p.violations ?? []).filter((v: any) => v.ruleName === 'DataMesh-VPC1');
    expect(violations).toHaveLength(1);
    expect(violations[0].violatingConstructs.map((c: any) => c.constructPath).sort()).toEqual(['Second/Vpc', 'Test/Vpc']);
    expect(error).toMatch(/Second\/Vpc: found 2 subnet\(s\) in 1 zone\(s\) \(eu-west-1b\); Test\/Vpc: found 2 subnet\(s\) in 1 zone\(s\) \(eu-west-1a\)/);
  });

  test('checks the resources of a nested stack, whose template is not an artifact of the assembly', () => {
    const app = testApp();
    l1Network(new NestedStack(testStack({}, app), 'Nested'), { zones: ['eu-west-1a', 'eu-west-1a'] });
    Validations.of(app).addPlugins(new DataMeshChecks());
    expect(() => app.synth()).toThrow(/Test\/Nested\/Vpc: found 2 subnet\(s\) in 1 zone\(s\)/);
  });

  test('reads each resource from the template synthesis wrote, which is what deploys', () => {
    // An escape-hatch override that reaches the template: the rule must see the value the template holds.
    const app = testApp();
    const stack = testStack({}, app);
    const { subnets } = l1Network(stack);
    (subnets[1] as ec2.CfnSubnet).addPropertyOverride('AvailabilityZone', 'eu-west-1a');
    Validations.of(app).addPlugins(new DataMeshChecks());
    expect(() => app.synth()).toThrow(/found 2 subnet\(s\) in 1 zone\(s\) \(eu-west-1a\)/);
  });

  test('checks the stacks of a second synthesis after the app changed, with a new index', () => {
    const app = testApp();
    l1Network(testStack({}, app));
    Validations.of(app).addPlugins(new DataMeshChecks());
    expect(() => app.synth()).not.toThrow();
    l1Network(new Stack(app, 'Added', { env: { account: '222222222222', region: 'eu-west-1' } }), { zones: ['eu-west-1a', 'eu-west-1a'] });
    expect(() => app.synth({ force: true })).toThrow(/Added\/Vpc: found 2 subnet\(s\) in 1 zone\(s\)/);
  });

  test('reports a finding of a stack defined inside another stack once', () => {
    const app = testApp({ context: { '@aws-cdk/core:validationReportJson': true } });
    const parent = testStack({}, app);
    l1Network(parent);
    l1Network(new Stack(parent, 'Child', { env: { account: '111111111111', region: 'eu-west-1' } }), { zones: ['eu-west-1a', 'eu-west-1a'] });
    Validations.of(app).addPlugins(new DataMeshChecks());
    const { error, report } = synthReport(app);
    expect(error).toMatch(/DataMesh-VPC1/);
    expect(reportedPaths(report).filter((entry) => entry.startsWith('DataMesh-VPC1 '))).toEqual(['DataMesh-VPC1 Test/Child/Vpc']);
  });

  test('lets an app whose only findings are warnings synthesize, and reports the warnings', () => {
    const app = testApp({ context: { '@aws-cdk/core:validationReportJson': true } });
    const stack = testStack({}, app);
    new CfnWaitConditionHandle(stack, 'Handle');
    for (let i = 0; i < 170; i++) {
      new CfnOutput(stack, `Out${i}`, { value: String(i) });
    }
    Validations.of(app).addPlugins(new DataMeshChecks());
    const { error, report } = synthReport(app);
    expect(error).toBeUndefined();
    expect(report.pluginReports.flatMap((p: any) => p.violations ?? [])).toContainEqual(expect.objectContaining({ ruleName: 'DataMesh-CFN1', severity: 'warning' }));
  });
});
