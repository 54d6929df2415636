/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';

// docs/decisions/0002-rules-read-cloudformation.md: the rule pack reads CloudFormation and knows nothing of
// the constructs; what both sides share (metadata keys, custom-resource types, ...) lives in src/contract.ts.

const SRC = path.join(__dirname, '..', '..', 'src');

/** One import (or re-export, require, dynamic import) of a module. */
interface ModuleImport {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

/** The modules a TypeScript source imports, re-exports or requires. */
function importsOf(source: string): ModuleImport[] {
  const found: ModuleImport[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/gm;
  for (const match of source.matchAll(statement)) {
    found.push({ specifier: match[3], typeOnly: match[2] !== undefined });
  }
  for (const match of source.matchAll(/\b(?:require|import)\(\s*'([^']+)'\s*\)/g)) {
    found.push({ specifier: match[1], typeOnly: false });
  }
  return found;
}

/** Every .ts file under `dir`, relative to src/, with `/` separators. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      return tsFiles(full);
    }
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : [];
  });
}

/** The module under src/ that a relative specifier of `from` names (undefined for a package). */
function resolve(from: string, specifier: string, modules: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) {
    return undefined;
  }
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const candidate = [`${base}.ts`, `${base}/index.ts`].find((c) => modules.has(c));
  if (!candidate) {
    throw new Error(`${from} imports '${specifier}', which is no .ts module under src/`);
  }
  return candidate;
}

/** Each module's relative imports, resolved to modules under src/ (type-only imports included). */
function importGraph(modules: ReadonlySet<string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const module of modules) {
    const targets = importsOf(readFileSync(path.join(SRC, module), 'utf-8'))
      .map(({ specifier }) => resolve(module, specifier, modules))
      .filter((target): target is string => target !== undefined);
    graph.set(module, [...new Set(targets)]);
  }
  return graph;
}

/** The cycles a depth-first search meets, each as the path that closes it (`a → b → a`). */
function cyclesIn(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const cycles: string[] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): void => {
    onPath.push(node);
    for (const next of graph.get(node) ?? []) {
      const at = onPath.indexOf(next);
      if (at >= 0) {
        cycles.push([...onPath.slice(at), next].join(' → '));
      } else if (!done.has(next)) {
        visit(next);
      }
    }
    onPath.pop();
    done.add(node);
  };
  [...graph.keys()].sort().forEach((node) => done.has(node) || visit(node));
  return cycles;
}

/** `module`'s imports of modules under src/ that `allowed` refuses, as `module imports 'x' (target)`. */
function forbiddenImports(module: string, modules: ReadonlySet<string>, allowed: (target: string) => boolean): string[] {
  return importsOf(readFileSync(path.join(SRC, module), 'utf-8'))
    .map(({ specifier }) => ({ specifier, target: resolve(module, specifier, modules) }))
    .filter(({ target }) => target !== undefined && !allowed(target))
    .map(({ specifier, target }) => `${module} imports '${specifier}' (src/${target})`);
}

const MODULES: ReadonlySet<string> = new Set(tsFiles(SRC));
const isContract = (module: string): boolean => /^contract[^/]*\.ts$/.test(module);

describe('the import reader', () => {
  test('reads imports, type-only imports, re-exports and requires', () => {
    const source = [
      "import { A } from './a';",
      "import type { B } from '../b';",
      "import {\n  C,\n  D,\n} from './c';",
      "export { E } from './e';",
      "export * from './f';",
      "import './g';",
      "const h = require('./h');",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      { specifier: './a', typeOnly: false },
      { specifier: '../b', typeOnly: true },
      { specifier: './c', typeOnly: false },
      { specifier: './e', typeOnly: false },
      { specifier: './f', typeOnly: false },
      { specifier: './g', typeOnly: false },
      { specifier: './h', typeOnly: false },
    ]);
  });

  test('finds the cycle of two modules that import each other, and none in a chain', () => {
    expect(cyclesIn(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]]))).toEqual(['a.ts → b.ts → a.ts']);
    expect(cyclesIn(new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', []]]))).toEqual([]);
  });

  test('reads the rule pack (the checks below look at real files)', () => {
    expect(MODULES.has('nag/rule.ts')).toBe(true);
    expect(MODULES.has('contract.ts')).toBe(true);
    expect([...MODULES].filter((m) => m.startsWith('nag/rules/')).length).toBeGreaterThan(30);
  });
});

describe('the rule pack depends on the contract, not on the constructs', () => {
  test('no module under src/nag imports a module outside src/nag but the contract', () => {
    const offenders = [...MODULES].filter((m) => m.startsWith('nag/'))
      .flatMap((m) => forbiddenImports(m, MODULES, (target) => target.startsWith('nag/') || isContract(target)));
    expect(offenders).toEqual([]);
  });

  test('a rule imports only the contract, nag/rule.ts, nag/mesh-index.ts and the rule helpers under nag/rules', () => {
    const offenders = [...MODULES].filter((m) => m.startsWith('nag/rules/'))
      .flatMap((m) => forbiddenImports(m, MODULES, (target) =>
        isContract(target) || target === 'nag/rule.ts' || target === 'nag/mesh-index.ts' || target.startsWith('nag/rules/')));
    expect(offenders).toEqual([]);
  });

  test('the contract imports no module of the library and no construct library', () => {
    const contracts = [...MODULES].filter(isContract);
    const imports = contracts.flatMap((m) => importsOf(readFileSync(path.join(SRC, m), 'utf-8')).map(({ specifier }) => `${m} imports '${specifier}'`));
    expect(imports).toEqual([]);
  });
});

describe('the modules under src', () => {
  test('import each other without a cycle (type-only imports count)', () => {
    expect(cyclesIn(importGraph(MODULES))).toEqual([]);
  });
});
