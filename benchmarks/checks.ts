/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 *
 * Benchmark (a script, not a test): DataMeshChecks against AwsSolutionsChecks, on the example mesh and on
 * generated meshes of N and 2N member accounts, in one process. Prints ratios only; absolute times vary
 * between machines. Targets: DataMeshChecks <= 0.5x AwsSolutionsChecks; T(2N)/T(N) <= 2.2.
 *
 *   npx ts-node --project tsconfig.dev.json benchmarks/checks.ts [N]
 */
import { performance } from 'perf_hooks';
import { App, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { buildExampleMesh } from '../examples/three-account-mesh/mesh';
import { CatalogDomain, DataMeshChecks, MeshMemberAccount, TwoAzPrivateVpc } from '../src';

const CONTEXT = { '@aws-cdk/core:validateAgainstDefaultRules': true };

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

/** The median of `runs` timings of `fn`, in milliseconds. */
function median(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function time(scope: IConstruct) {
  const mesh = median(5, () => new DataMeshChecks().validateScope(scope));
  const solutions = median(5, () => new AwsSolutionsChecks().validateScope(scope));
  return { mesh, solutions };
}

const n = Number(process.argv[2] ?? 20);
const example = new App({ context: CONTEXT });
buildExampleMesh(example);
const results = {
  example: time(example),
  n: time(generatedMesh(n)),
  twoN: time(generatedMesh(2 * n)),
};
const ratio = (a: number, b: number) => (a / b).toFixed(2);
console.log(`DataMeshChecks / AwsSolutionsChecks, example mesh:  ${ratio(results.example.mesh, results.example.solutions)}  (target <= 0.5)`);
console.log(`DataMeshChecks / AwsSolutionsChecks, ${n} members:   ${ratio(results.n.mesh, results.n.solutions)}`);
console.log(`DataMeshChecks / AwsSolutionsChecks, ${2 * n} members:   ${ratio(results.twoN.mesh, results.twoN.solutions)}`);
console.log(`DataMeshChecks T(2N)/T(N), N=${n}:                 ${ratio(results.twoN.mesh, results.n.mesh)}  (target <= 2.2)`);
console.log(`AwsSolutionsChecks T(2N)/T(N), N=${n}:             ${ratio(results.twoN.solutions, results.n.solutions)}`);
