/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 *
 * Benchmark (a script, not a test): DataMesh at N member accounts (N/2 producers with 3 tables each, N/2
 * consumers with a bound function and 2 subscriptions each), for N = 10, 50, 100, 200 by default. Prints, per N:
 * - synth CPU time (construction and `app.synth()`, with aws-cdk-lib's default CloudFormation schema check, no other
 *   plugin) against the same templates written as raw L1 constructs, two ways: typed `Cfn*` classes (`CfnRole`,
 *   `CfnFunction`, ..., built by `cloudformation-include`: the baseline the targets use, as issue 15 words it) and
 *   generic `CfnResource`s (a lower bound: no L1 class, no property mapping). The DataMesh arm's time includes
 *   reading the mesh file (YAML and its JSON Schema check, about 0.3 s at N = 100); the L1 arms get their templates
 *   parsed before their timers start, as a hand-written L1 program would not parse anything;
 * - peak RSS of the DataMesh run;
 * - the largest share of each CloudFormation per-stack quota (resources 500, outputs 200, parameters 200,
 *   template body 1 MB) in any stack;
 * - IAM roles and Lambda functions in the governance account (IAM's default quota is 1,000 roles per account);
 * - DataMeshChecks at synth (one `validate` per environment, as aws-cdk-lib calls it) against one pass of
 *   AwsSolutionsChecks over the tree;
 * - AwsSolutionsChecks at synth two ways: the README's once-per-stack plugin (`AwsSolutionsOncePerStack`, each
 *   stack checked once), and the pack registered on the app (each of the per-environment calls walks the whole
 *   app); the latter is measured for at most SCALE_NAG_BUDGET_SECONDS (120) of CPU and extrapolated past it;
 * and the targets at the largest N: <= 1.3x raw L1, <= 1.5 GiB peak RSS, T(N)/T(N/2) <= 2.1, no stack above 80 % of
 * a quota, <= 100 IAM roles in the governance account, DataMeshChecks <= 0.5x one AwsSolutionsChecks pass.
 *
 *   npx ts-node --project tsconfig.dev.json benchmarks/scale.ts [N ...]
 *
 * Each measurement runs in a process of its own, so that peak RSS is that run's. Absolute times depend on the
 * machine; the ratios are what the targets are about.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, CfnOutput, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stringify } from 'yaml';
import { AwsSolutionsOncePerStack, validationCalls } from './validation';
import { DataMesh, DataMeshChecks, DataMeshProps } from '../src';

const REGION = 'eu-west-1';
const GOVERNANCE = '111111111111';
const QUOTAS = { resources: 500, outputs: 200, parameters: 200, templateBytes: 1_000_000 };

/** The generated mesh: n/2 producers with 3 tables, n/2 consumers with a function and 2 subscriptions each. */
export function generatedMesh(n: number): DataMeshProps {
  const half = Math.max(1, Math.floor(n / 2));
  const account = (i: number) => String(200000000000 + i);
  return {
    domainName: 'bench',
    governanceAccount: GOVERNANCE,
    region: REGION,
    availabilityZones: [`${REGION}a`, `${REGION}b`],
    producers: Array.from({ length: half }, (_, i) => ({
      name: `p${i}`,
      account: account(i),
      dataProducts: [{ databaseName: `p${i}`, tableNames: ['t0', 't1', 't2'], dataBucketName: `p${i}-data` }],
    })),
    consumers: Array.from({ length: half }, (_, i) => ({
      name: `c${i}`,
      account: account(half + i),
      functionArns: [`arn:aws:lambda:${REGION}:${account(half + i)}:function:c${i}_app`],
      subscriptions: [{ producer: `p${i}`, table: 't0' }, { producer: `p${(i + 1) % half}`, table: 't1' }],
    })),
  };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/**
 * Child: declare the DataMesh of n accounts in a mesh file (YAML, as users write it), load it with
 * `DataMesh.fromFile` (schema check included), synthesize it into outdir; measure; print JSON.
 */
function runMesh(n: number, outdir: string): void {
  const file = join(outdir, `mesh-${n}.yaml`);
  writeFileSync(file, stringify(generatedMesh(n)));
  const start = process.cpuUsage();
  const app = new App({ outdir });
  const mesh = DataMesh.fromFile(app, 'Mesh', file);
  const assembly = app.synth();
  const synthMs = cpuMs(start);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;

  let worst = { resources: 0, outputs: 0, parameters: 0, templateBytes: 0 };
  const worstStack: Record<string, string> = {};
  let roles = 0;
  let functions = 0;
  for (const stack of assembly.stacks) {
    const body = readFileSync(stack.templateFullPath, 'utf-8');
    const template = JSON.parse(body);
    const resources = Object.values<any>(template.Resources ?? {});
    const shares = {
      resources: resources.length / QUOTAS.resources,
      outputs: Object.keys(template.Outputs ?? {}).length / QUOTAS.outputs,
      parameters: Object.keys(template.Parameters ?? {}).length / QUOTAS.parameters,
      templateBytes: Buffer.byteLength(body) / QUOTAS.templateBytes,
    };
    for (const key of Object.keys(shares) as Array<keyof typeof shares>) {
      if (shares[key] > worst[key]) {
        worst = { ...worst, [key]: shares[key] };
        worstStack[key] = stack.stackName;
      }
    }
    if (stack.environment.account === GOVERNANCE) {
      roles += resources.filter((r) => r.Type === 'AWS::IAM::Role').length;
      functions += resources.filter((r) => r.Type === 'AWS::Lambda::Function').length;
    }
  }

  // The packs as aws-cdk-lib calls them at synth: once per environment, with that environment's stacks.
  const contexts = validationCalls(app, assembly);
  const checksStart = process.cpuUsage();
  const meshChecks = new DataMeshChecks();
  contexts.forEach((context) => meshChecks.validate(context));
  const dataMeshChecksMs = cpuMs(checksStart);
  const solutionsStart = process.cpuUsage();
  new AwsSolutionsChecks().validateScope(app);
  const awsSolutionsOnePassMs = cpuMs(solutionsStart);
  // The README's once-per-stack plugin: each call checks only its environment's stacks.
  const perStackStart = process.cpuUsage();
  const perStack = new AwsSolutionsOncePerStack();
  contexts.forEach((context) => perStack.validate(context));
  const awsSolutionsPerStackMs = cpuMs(perStackStart);
  // AwsSolutionsChecks registered on the app: every call walks the whole app. The calls cost the same each, so
  // past the budget the rest is extrapolated from the calls made (and the table says so).
  const budgetMs = Number(process.env.SCALE_NAG_BUDGET_SECONDS ?? 120) * 1000;
  const wholeStart = process.cpuUsage();
  const solutions = new AwsSolutionsChecks();
  let calls = 0;
  while (calls < contexts.length && (calls === 0 || cpuMs(wholeStart) < budgetMs)) {
    solutions.validate(contexts[calls]);
    calls += 1;
  }
  const awsSolutionsWholeAppMs = cpuMs(wholeStart) * (contexts.length / calls);
  const awsSolutionsWholeAppExtrapolated = calls < contexts.length ? `${calls} of ${contexts.length} calls` : undefined;

  const shape = { n, stacks: mesh.stacks.length, synthMs, peakRssMiB, worst, worstStack, roles, functions };
  const checks = { dataMeshChecksMs, awsSolutionsOnePassMs, awsSolutionsPerStackMs, awsSolutionsWholeAppMs, awsSolutionsWholeAppExtrapolated };
  process.stdout.write(JSON.stringify({ ...shape, ...checks, environments: contexts.length }) + '\n');
}

/** Child: the templates in outdir as raw CfnResources in stacks of the same names and environments; print JSON. */
function runRaw(outdir: string): void {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf-8'));
  const templates = Object.entries<any>(manifest.artifacts)
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([name, artifact]) => {
      const [, account, region] = /^aws:\/\/(\d+)\/(.+)$/.exec(artifact.environment)!;
      return { name, account, region, template: JSON.parse(readFileSync(join(outdir, artifact.properties.templateFile), 'utf-8')) };
    });
  const rawOut = mkdtempSync(join(tmpdir(), 'scale-raw-'));
  const start = process.cpuUsage();
  const app = new App({ outdir: rawOut });
  for (const { name, account, region, template } of templates) {
    const stack = new Stack(app, name, { env: { account, region }, stackName: name, description: template.Description });
    // The same parameters (the mesh's SSM-backed ones; the stack adds BootstrapVersion and its rule itself), so the
    // raw templates are the mesh's, Refs included, and the schema check reads the same thing in both arms.
    for (const [logicalId, parameter] of Object.entries<any>(template.Parameters ?? {})) {
      if (logicalId !== 'BootstrapVersion') {
        const { Type: type, Default: value, Description: description } = parameter;
        new CfnParameter(stack, logicalId, { type, default: value, description }).overrideLogicalId(logicalId);
      }
    }
    const made = new Map<string, CfnResource>();
    for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
      const raw = new CfnResource(stack, logicalId, { type: resource.Type, properties: resource.Properties });
      raw.overrideLogicalId(logicalId);
      made.set(logicalId, raw);
    }
    for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
      for (const dependency of [resource.DependsOn ?? []].flat()) {
        made.get(logicalId)!.addResourceDependency(made.get(dependency)!);
      }
    }
    for (const [logicalId, output] of Object.entries<any>(template.Outputs ?? {})) {
      new CfnOutput(stack, logicalId, { value: output.Value, exportName: output.Export?.Name }).overrideLogicalId(logicalId);
    }
  }
  app.synth();
  const synthMs = cpuMs(start);
  rmSync(rawOut, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ synthMs }) + '\n');
}

/**
 * Child: the templates in outdir as typed L1 constructs (`CfnRole`, `CfnFunction`, ...: what `cloudformation-include`
 * builds, each resource through its L1 class and its property mapping), in stacks of the same names and
 * environments; print JSON. Each template is written without the bootstrap parameter and rule (the stack adds its
 * own) before the timer starts; reading that file back is inside it (small next to the constructs).
 */
function runTyped(outdir: string): void {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf-8'));
  const staged = mkdtempSync(join(tmpdir(), 'scale-typed-in-'));
  const templates = Object.entries<any>(manifest.artifacts)
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([name, artifact]) => {
      const [, account, region] = /^aws:\/\/(\d+)\/(.+)$/.exec(artifact.environment)!;
      const template = JSON.parse(readFileSync(join(outdir, artifact.properties.templateFile), 'utf-8'));
      delete template.Parameters?.BootstrapVersion;
      delete template.Rules?.CheckBootstrapVersion;
      const file = join(staged, `${name}.json`);
      writeFileSync(file, JSON.stringify(template));
      return { name, account, region, file, description: template.Description };
    });
  const typedOut = mkdtempSync(join(tmpdir(), 'scale-typed-'));
  const start = process.cpuUsage();
  const app = new App({ outdir: typedOut });
  for (const { name, account, region, file, description } of templates) {
    const stack = new Stack(app, name, { env: { account, region }, stackName: name, description });
    new CfnInclude(stack, 'Template', { templateFile: file });
  }
  app.synth();
  const synthMs = cpuMs(start);
  rmSync(typedOut, { recursive: true, force: true });
  rmSync(staged, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ synthMs }) + '\n');
}

function child(args: string[]): any {
  const run = spawnSync(process.execPath, ['--max-old-space-size=8192', '-r', 'ts-node/register', __filename, ...args], {
    encoding: 'utf-8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', 'tsconfig.dev.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  if (run.status !== 0) {
    throw new Error(`benchmark run ${args.join(' ')} failed (exit ${run.status}):\n${run.stderr}`);
  }
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

function main(ns: number[]): void {
  const rows: any[] = [];
  for (const n of ns) {
    const outdir = mkdtempSync(join(tmpdir(), `scale-${n}-`));
    const mesh = child(['--mesh', String(n), outdir]);
    const raw = child(['--raw', outdir]);
    const typed = child(['--typed', outdir]);
    rmSync(outdir, { recursive: true, force: true });
    rows.push({ ...mesh, rawMs: raw.synthMs, typedMs: typed.synthMs });
    process.stderr.write(`N=${n} measured\n`);
  }
  const pct = (share: number) => `${Math.round(share * 100)}%`;
  const fixed = (x: number) => x.toFixed(2);
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log('| N | stacks | synth / typed L1 | synth / generic CfnResource | peak RSS (MiB) | T(N)/T(prev N) | max resources | max outputs | max parameters | max template | governance IAM roles | governance Lambda functions | DataMeshChecks / one AwsSolutionsChecks pass | AwsSolutionsChecks CPU (s): once per stack / registered on the app (whole app per environment) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  rows.forEach((row, i) => {
    const growth = i === 0 ? '-' : fixed(row.synthMs / rows[i - 1].synthMs);
    console.log(`| ${row.n} | ${row.stacks} | ${fixed(row.synthMs / row.typedMs)} | ${fixed(row.synthMs / row.rawMs)} | ${Math.round(row.peakRssMiB)} | ${growth} | ${pct(row.worst.resources)} (${row.worstStack.resources}) | ${pct(row.worst.outputs)} | ${pct(row.worst.parameters)} | ${pct(row.worst.templateBytes)} | ${row.roles} | ${row.functions} | ${fixed(row.dataMeshChecksMs / row.awsSolutionsOnePassMs)} | ${seconds(row.awsSolutionsPerStackMs)} / ${row.awsSolutionsWholeAppExtrapolated ? '~' : ''}${seconds(row.awsSolutionsWholeAppMs)}${row.awsSolutionsWholeAppExtrapolated ? ` (extrapolated from ${row.awsSolutionsWholeAppExtrapolated})` : ''} (${row.environments} environments) |`);
  });
  const last = rows[rows.length - 1];
  const previous = rows.length > 1 ? rows[rows.length - 2] : undefined;
  const target = (label: string, met: boolean, value: string) => console.log(`  ${met ? 'met    ' : 'NOT met'}  ${label}: ${value}`);
  console.log(`\nTargets at N = ${last.n}:`);
  target('synth <= 1.3x raw L1 (typed Cfn* constructs)', last.synthMs / last.typedMs <= 1.3, `${fixed(last.synthMs / last.typedMs)}x (${fixed(last.synthMs / last.rawMs)}x generic CfnResource)`);
  target('peak RSS <= 1.5 GiB', last.peakRssMiB <= 1536, `${Math.round(last.peakRssMiB)} MiB`);
  if (previous) {
    target(`T(${last.n})/T(${previous.n}) <= 2.1 (for N twice the previous)`, last.synthMs / previous.synthMs <= 2.1 * (last.n / previous.n) / 2, fixed(last.synthMs / previous.synthMs));
  }
  const worstShare = Math.max(...Object.values<number>(last.worst));
  target('no stack above 80 % of a CloudFormation quota', worstShare <= 0.8, pct(worstShare));
  target('<= 100 IAM roles in the governance account', last.roles <= 100, String(last.roles));
  target('DataMeshChecks <= 0.5x one AwsSolutionsChecks pass', last.dataMeshChecksMs / last.awsSolutionsOnePassMs <= 0.5, `${fixed(last.dataMeshChecksMs / last.awsSolutionsOnePassMs)}x`);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === '--mesh') {
    runMesh(Number(args[1]), args[2]);
  } else if (args[0] === '--raw') {
    runRaw(args[1]);
  } else if (args[0] === '--typed') {
    runTyped(args[1]);
  } else {
    main(args.length > 0 ? args.map(Number) : [10, 50, 100, 200]);
  }
}
