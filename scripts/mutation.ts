/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 *
 * Mutation testing of the rule pack (src/nag) and the shared input validation (src/private/validate.ts) with
 * Stryker and its jest runner. `npx projen mutation [--only <path part>] [--incremental] [--concurrency N]`.
 *
 * Why groups: most pack tests synthesize their app once per file (beforeAll), which Stryker counts as "static"
 * coverage, so every static mutant would run every test of the suite (about a minute each). Tests mirror src/,
 * so each source file is mutated against the tests that mirror it (its own test file, else its folder's tests,
 * else all of test/nag); the pack's core modules (src/nag/*.ts) against test/nag/*.test.ts. Each group is one Stryker run with a jest config narrowed
 * to those tests; the script adds up the reports and fails under the break threshold of stryker.config.json.
 *
 * Everything Stryker writes (sandboxes, reports, the incremental records) is under .ci/.work/mutation.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { dirname, join, relative } from 'path';

const root = join(__dirname, '..');
const work = join(root, '.ci', '.work', 'mutation');
const baseConfig = JSON.parse(readFileSync(join(root, 'stryker.config.json'), 'utf8'));
const jestConfig = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).jest;

interface Group {
  readonly name: string;
  readonly mutate: string[];
  readonly tests: string[];
}

function walk(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path, suffix) : path.endsWith(suffix) ? [path] : [];
  }).map((p) => relative(root, p)).sort();
}

/** The tests that mirror a source file: its own test file, else the tests of its folder, else `fallback`. */
function mirroredTests(source: string, fallback: string[]): string[] {
  const own = join('test', source.replace(/^src\//, '').replace(/\.ts$/, '.test.ts'));
  if (existsSync(join(root, own))) {
    return [own];
  }
  const folder = dirname(own);
  const siblings = existsSync(join(root, folder)) ? readdirSync(join(root, folder)).filter((f) => f.endsWith('.test.ts')) : [];
  return siblings.length > 0 ? siblings.map((f) => join(folder, f)).sort() : fallback;
}

function groups(): Group[] {
  const packTests = walk(join(root, 'test', 'nag'), '.test.ts');
  // The pack's core (the index, the rule contract, the plugin, "could not evaluate") is mutated against the tests that
  // mirror it, test/nag/*.test.ts (mesh-index, data-mesh-checks, plugin-path, unverifiable-findings, …), not against every
  // rule's tests: each of its mutants would otherwise run most of the pack's tests.
  const core = ['src/nag/could-not-evaluate.ts', 'src/nag/data-mesh-checks.ts', 'src/nag/mesh-index.ts', 'src/nag/rule.ts'];
  const coreTests = readdirSync(join(root, 'test', 'nag')).filter((f) => f.endsWith('.test.ts')).map((f) => join('test', 'nag', f)).sort();
  const byTests = new Map<string, string[]>();
  for (const source of [...walk(join(root, 'src', 'nag', 'rules'), '.ts'), ...core]) {
    // The catalogue test (every rule's text is complete, RULES.md word for word) runs with every group: it pins the rules' data.
    const mirrored = core.includes(source) ? coreTests : mirroredTests(source, packTests);
    const tests = [...new Set([...mirrored, 'test/nag/rules/index.test.ts'])].join(' ');
    byTests.set(tests, [...(byTests.get(tests) ?? []), source]);
  }
  const list: Group[] = [...byTests.entries()].map(([tests, mutate]) => ({
    name: mutate[0].replace(/^src\//, '').replace(/\.ts$/, '').replace(/\//g, '-'),
    mutate,
    tests: tests.split(' '),
  }));
  list.push({ name: 'private-validate', mutate: ['src/private/validate.ts'], tests: mirroredTests('src/private/validate.ts', walk(join(root, 'test'), '.test.ts')) });
  return list;
}

interface Counts { killed: number; timeout: number; survived: number; noCoverage: number; other: number }

function count(report: string): Map<string, Counts> {
  const byFile = new Map<string, Counts>();
  const json = JSON.parse(readFileSync(report, 'utf8'));
  for (const [file, result] of Object.entries<any>(json.files)) {
    const c: Counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
    for (const mutant of result.mutants) {
      switch (mutant.status) {
        case 'Killed': c.killed++; break;
        case 'Timeout': c.timeout++; break;
        case 'Survived': c.survived++; break;
        case 'NoCoverage': c.noCoverage++; break;
        default: c.other++; // CompileError, RuntimeError, Ignored: not part of the score
      }
    }
    byFile.set(relative(root, join(root, file)), c);
  }
  return byFile;
}

const score = (c: Counts) => {
  const valid = c.killed + c.timeout + c.survived + c.noCoverage;
  return valid === 0 ? 100 : (100 * (c.killed + c.timeout)) / valid;
};

function main(): void {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  const incremental = args.includes('--incremental');
  const concurrencyAt = args.indexOf('--concurrency');
  const concurrency = concurrencyAt >= 0 ? Number(args[concurrencyAt + 1]) : baseConfig.concurrency;
  mkdirSync(work, { recursive: true });
  const selected = groups().filter((g) => !only || g.mutate.some((m) => m.includes(only)));
  if (selected.length === 0) {
    throw new Error(`mutation: no source file matches --only ${only}; give part of a path under src/nag or src/private/validate.ts`);
  }
  const totals = new Map<string, Counts>();
  for (const [i, group] of selected.entries()) {
    const dir = join(work, group.name);
    mkdirSync(dir, { recursive: true });
    const config = {
      ...baseConfig,
      $schema: undefined,
      mutate: group.mutate,
      tempDirName: relative(root, join(dir, 'sandbox')),
      incremental,
      concurrency,
      incrementalFile: relative(root, join(dir, 'incremental.json')),
      htmlReporter: { fileName: relative(root, join(dir, 'mutation.html')) },
      jsonReporter: { fileName: relative(root, join(dir, 'mutation.json')) },
      reporters: ['json', 'html', 'clear-text'],
      thresholds: { ...baseConfig.thresholds, break: null },
      jest: {
        projectType: 'custom',
        enableFindRelatedTests: false,
        config: {
          ...jestConfig,
          collectCoverage: false,
          reporters: ['default'],
          testMatch: group.tests.map((t) => `<rootDir>/${t}`),
        },
      },
    };
    const configFile = join(dir, 'stryker.config.json');
    writeFileSync(configFile, JSON.stringify(config, undefined, 2));
    console.log(`\nmutation ${i + 1}/${selected.length}: ${group.mutate.join(', ')} against ${group.tests.length} test file(s)`);
    const run = spawnSync('npx', ['stryker', 'run', configFile], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    const out = run.stdout ?? '';
    process.stdout.write(out.split('\n').filter((l) => /Survived|NoCoverage|^\s*[-+] |All files|\|/.test(l)).join('\n') + '\n');
    if (run.status !== 0) {
      throw new Error(`mutation: Stryker failed for ${group.name} (exit ${run.status}); its log is above and its config is ${relative(root, configFile)}`);
    }
    for (const [file, c] of count(join(dir, 'mutation.json'))) {
      totals.set(file, c);
    }
  }
  const all: Counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
  const lines = ['file | score | killed | timeout | survived | no coverage'];
  for (const [file, c] of [...totals.entries()].sort()) {
    (Object.keys(all) as (keyof Counts)[]).forEach((k) => { all[k] += c[k]; });
    lines.push(`${file} | ${score(c).toFixed(1)} % | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage}`);
  }
  lines.push(`all | ${score(all).toFixed(1)} % | ${all.killed} | ${all.timeout} | ${all.survived} | ${all.noCoverage}`);
  writeFileSync(join(work, 'summary.txt'), lines.join('\n') + '\n');
  console.log('\n' + lines.join('\n'));
  const threshold = baseConfig.thresholds.break as number;
  if (!only && score(all) < threshold) {
    console.error(`mutation: the score ${score(all).toFixed(1)} % is under the break threshold ${threshold} %: kill the surviving mutants listed above with tests (each report: .ci/.work/mutation/<group>/mutation.html), or record why one cannot be killed in docs/mutation.md`);
    process.exit(1);
  }
}

main();
