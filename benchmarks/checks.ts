/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 *
 * Benchmark (a script, not a test): DataMeshChecks against AwsSolutionsChecks, on the example mesh and on
 * generated meshes of N and 2N member accounts, in one process. Prints ratios only; absolute times vary
 * between machines. Targets: DataMeshChecks <= 0.5x AwsSolutionsChecks; T(2N)/T(N) <= 2.2.
 *
 *   npx ts-node --project tsconfig.dev.json benchmarks/checks.ts [N]
 *
 * Two paths are timed for each pack:
 * - at synth (the targets): what `Validations.of(app).addPlugins(pack)` adds to `cdk synth`. aws-cdk-lib
 *   writes every template, then calls `pack.validate(context)` once per environment, with that
 *   environment's stacks and the whole construct tree. The benchmark synthesizes each app once (untimed;
 *   the example registers both packs) and replays exactly those calls with a new pack per synthesis, so the
 *   synthesis both packs share is not counted. AwsSolutionsChecks walks the whole tree in each call, which
 *   is what it costs at synth; the one-pass comparison printed last leaves that out;
 * - direct: `pack.validateScope(app)` on the construct tree, as unit tests call it (for information).
 */
import { performance } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { App, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { validationCalls } from './validation';
import { buildExampleMesh } from '../examples/three-account-mesh/mesh';
import { CatalogDomain, DataMeshChecks, MeshMemberAccount, TwoAzPrivateVpc } from '../src';

// The CDK CLI turns on path metadata (`aws:cdk:path` on every resource) for `cdk synth`; so does the benchmark.
const CONTEXT = { '@aws-cdk/core:validateAgainstDefaultRules': true, 'aws:cdk:enable-path-metadata': true };

function generatedMesh(members: number): App {
  const app = new App({ context: CONTEXT });
  const governanceAccount = '100000000000';
  const accounts = Array.from({ length: members }, (_, i) => String(200000000000 + i));
  new CatalogDomain(new Stack(app, 'Governance', { env: { account: governanceAccount, region: 'eu-west-1' } }), 'Domain', { domainName: 'bench', associatedAccounts: accounts });
  for (const account of accounts) {
    const stack = new Stack(app, `Member${account}`, { env: { account, region: 'eu-west-1' } });
    const network = new TwoAzPrivateVpc(stack, 'Network', { availabilityZones: ['eu-west-1a', 'eu-west-1b'] });
    new MeshMemberAccount(stack, 'Blueprints', { domain: CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'bench', governanceAccount }), network });
  }
  return app;
}

// A run takes milliseconds, so a garbage collection of the apps' large heap inside one would swamp it:
// every timed run starts after a full collection.
setFlagsFromString('--expose_gc');
const collectGarbage: () => void = runInNewContext('gc');

/** The median of `runs` timings of `fn`, in milliseconds, after two untimed warm-up runs. */
function median(runs: number, fn: () => void): number {
  fn();
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

type Timing = { mesh: number; solutions: number };

function time(app: App): { atSynth: Timing; direct: Timing } {
  const calls = validationCalls(app, app.synth());
  const atSynth = (pack: () => NagPack) => median(9, () => {
    const instance = pack();
    calls.forEach((context) => instance.validate(context));
  });
  const direct = (pack: () => NagPack) => median(9, () => pack().validateScope(app));
  return {
    atSynth: { mesh: atSynth(() => new DataMeshChecks()), solutions: atSynth(() => new AwsSolutionsChecks()) },
    direct: { mesh: direct(() => new DataMeshChecks()), solutions: direct(() => new AwsSolutionsChecks()) },
  };
}

const n = Number(process.argv[2] ?? 20);
const example = new App({ context: CONTEXT });
buildExampleMesh(example);
const results = { example: time(example), n: time(generatedMesh(n)), twoN: time(generatedMesh(2 * n)) };
const ratio = (a: number, b: number) => (a / b).toFixed(2);
const met = (value: number, target: number) => (value <= target ? 'met' : 'NOT met');

for (const path of ['atSynth', 'direct'] as const) {
  const [e, one, two] = [results.example[path], results.n[path], results.twoN[path]];
  const target = path === 'atSynth';
  console.log(path === 'atSynth' ? 'At synth (Validations plugin path; the targets):' : 'Direct validateScope() on the construct tree (for information):');
  console.log(`  DataMeshChecks / AwsSolutionsChecks, example mesh: ${ratio(e.mesh, e.solutions)}${target ? `  (target <= 0.5: ${met(e.mesh / e.solutions, 0.5)})` : ''}`);
  console.log(`  DataMeshChecks / AwsSolutionsChecks, ${n} members:   ${ratio(one.mesh, one.solutions)}`);
  console.log(`  DataMeshChecks / AwsSolutionsChecks, ${2 * n} members:   ${ratio(two.mesh, two.solutions)}`);
  console.log(`  DataMeshChecks T(2N)/T(N), N=${n}:                 ${ratio(two.mesh, one.mesh)}${target ? `  (target <= 2.2: ${met(two.mesh / one.mesh, 2.2)})` : ''}`);
  console.log(`  AwsSolutionsChecks T(2N)/T(N), N=${n}:             ${ratio(two.solutions, one.solutions)}`);
}
// aws-cdk-lib calls AwsSolutionsChecks once per environment and it checks the whole tree each time; against
// one pass of it, DataMeshChecks' whole synth-time cost still has to stand.
const [e, one, two] = [results.example, results.n, results.twoN];
console.log('DataMeshChecks at synth / one pass of AwsSolutionsChecks over the tree (the strict comparison):');
console.log(`  example mesh: ${ratio(e.atSynth.mesh, e.direct.solutions)}  (target <= 0.5: ${met(e.atSynth.mesh / e.direct.solutions, 0.5)})`);
console.log(`  ${n} members: ${ratio(one.atSynth.mesh, one.direct.solutions)}; ${2 * n} members: ${ratio(two.atSynth.mesh, two.direct.solutions)}`);
