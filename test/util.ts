/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { App, AppProps, Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { DataMeshChecks } from '../src';

export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';
export const AZS = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/**
 * An app with the CloudFormation schema check turned into synth errors and fixed Availability Zones
 * for the test accounts, so every test is deterministic and offline.
 */
export function testApp(props: AppProps = {}): App {
  return new App({
    ...props,
    context: {
      '@aws-cdk/core:validateAgainstDefaultRules': true,
      [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: AZS,
      'availability-zones:account=222222222222:region=eu-west-1': AZS,
      'availability-zones:account=333333333333:region=eu-west-1': AZS,
      ...props.context,
    },
  });
}

/** A stack in a fixed account and Region. */
export function testStack(props: StackProps = {}, app: App = testApp()): Stack {
  return new Stack(app, 'Test', { env: { account: ACCOUNT, region: REGION }, ...props });
}

/** The rule ids DataMeshChecks reports for `scope` (finding ids included, e.g. `DataMesh-VPC4[MWAA]`). */
export function dataMeshFindings(scope: IConstruct): string[] {
  return new DataMeshChecks().validateScope(scope).violations.map((v) => v.ruleName);
}

/** The full violations DataMeshChecks reports for `scope`. */
export function dataMeshViolations(scope: IConstruct) {
  return new DataMeshChecks().validateScope(scope).violations;
}

/** Expect `scope` to have no finding from DataMeshChecks or AwsSolutionsChecks (acknowledged ones aside). */
export function expectCleanUnderBothPacks(scope: IConstruct): void {
  for (const pack of [new DataMeshChecks(), new AwsSolutionsChecks()]) {
    expect(pack.validateScope(scope).violations).toEqual([]);
  }
}

/**
 * Synthesize `app` (its validation plugins run) and read the validation report it writes (the app needs
 * the `@aws-cdk/core:validationReportJson` context); `error` is synth's error message, if it refused.
 */
export function synthReport(app: App): { error?: string; report: any } {
  let error: string | undefined;
  try {
    app.synth();
  } catch (e) {
    error = (e as Error).message;
  }
  return { error, report: JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf-8')) };
}

/** The `<rule> <construct path>` pairs of a report's `violations` or `suppressedViolations`, of one plugin or all. */
export function reportedPaths(report: any, key: 'violations' | 'suppressedViolations' = 'violations', plugin?: string): string[] {
  return report.pluginReports
    .filter((p: any) => plugin === undefined || p.pluginName === plugin)
    .flatMap((p: any) => p[key] ?? [])
    .flatMap((v: any) => v.violatingConstructs.map((c: any) => `${v.ruleName} ${c.constructPath}`));
}

/**
 * The names of the installed aws-cdk-lib's Lambda runtimes of one family from `minimum` (major, minor)
 * on, oldest first, read independently of the library (`python3.10` … `python3.14` on 2.262.0).
 */
export function runtimeNames(family: 'python' | 'nodejs', minimum: [number, number]): string[] {
  const rank = (name: string) => {
    const m = new RegExp(`^${family}(\\d+)(?:\\.(\\d+))?(?:\\.x)?$`).exec(name);
    return m ? Number(m[1]) * 1000 + Number(m[2] ?? 0) : NaN;
  };
  return [...new Set(lambda.Runtime.ALL.map((r) => r.name))]
    .filter((name) => rank(name) >= minimum[0] * 1000 + minimum[1])
    .sort((a, b) => rank(a) - rank(b));
}

/** The newest Python runtime the installed aws-cdk-lib knows, e.g. `python3.14`. */
export function newestPython(): string {
  return runtimeNames('python', [3, 10]).slice(-1)[0];
}
