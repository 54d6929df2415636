/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { readFileSync } from 'fs';
import { createRequire } from 'module';
import { join, resolve } from 'path';
import * as ts from 'typescript';

/**
 * The README's TypeScript snippets from "The whole mesh" on, as a reader copies them: each one after the
 * imports the README shows there (those of rosetta/default.ts-fixture) and `const app = new App()`.
 * jsii-rosetta type-checks them (post-compile); here each one runs and its app synthesizes.
 */
const ROOT = resolve(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf-8');
const FROM = README.indexOf('\n## The whole mesh');

interface Block {
  readonly info: string;
  readonly code: string;
  readonly line: number;
}

function blocks(markdown: string, offset: number): Block[] {
  const found: Block[] = [];
  const fence = /^```(ts[^\n]*)\n([^]*?)^```$/gm;
  for (let m = fence.exec(markdown); m !== null; m = fence.exec(markdown)) {
    if (m.index >= offset) {
      found.push({ info: m[1].trim(), code: m[2], line: markdown.slice(0, m.index).split('\n').length + 1 });
    }
  }
  return found;
}

const SNIPPETS = blocks(README, FROM);
const PREAMBLE = SNIPPETS[0];
const FIXTURE = readFileSync(join(ROOT, 'rosetta', 'default.ts-fixture'), 'utf-8');

/** Run a TypeScript program whose `cdk-data-mesh` is this checkout's source; return its `app`. */
function run(program: string): any {
  const js = ts.transpileModule(program, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const load = createRequire(__filename);
  const resolveModule = (name: string) => load(name === 'cdk-data-mesh' ? join(ROOT, 'src') : name);
  const module = { exports: {} as any };
  new Function('require', 'exports', 'module', `${js}\nmodule.exports.__app = app;`)(resolveModule, module.exports, module);
  return module.exports.__app;
}

describe('the README\'s TypeScript snippets from "The whole mesh" on', () => {
  test('start with the imports of rosetta/default.ts-fixture and an app, shown as a complete program', () => {
    expect(FROM).toBeGreaterThan(0);
    expect(PREAMBLE.info).toBe('ts nofixture');
    const fixtureImports = FIXTURE.slice(FIXTURE.indexOf('import '), FIXTURE.indexOf('declare const app')).trim();
    expect(PREAMBLE.code.trim()).toBe(`${fixtureImports}\n\nconst app = new App();`);
  });

  test('use no fixture but the default one, whose content the README shows', () => {
    expect(SNIPPETS.filter((b) => b.info.includes('fixture=')).map((b) => `line ${b.line}: ${b.info}`)).toEqual([]);
  });

  const runnable = SNIPPETS.slice(1).map((b) => [`line ${b.line} (${b.info})`, b] as const);
  test.each(runnable)('the snippet at %s runs as written, calls no deprecated API and its app synthesizes with schema findings as errors', (_, block) => {
    const program = block.info === 'ts nofixture' ? block.code : `${PREAMBLE.code}\n${block.code}`;
    // aws-cdk-lib's deprecated APIs print "[WARNING] aws-cdk-lib.… is deprecated." through console.warn.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    // The snippet's `new App()` reads CDK_CONTEXT_JSON: CloudFormation schema findings fail its synth.
    process.env.CDK_CONTEXT_JSON = JSON.stringify({ '@aws-cdk/core:validateAgainstDefaultRules': true });
    try {
      const app = run(program);
      expect(() => app.synth()).not.toThrow();
      expect(warn.mock.calls.map((args) => args.join(' ')).filter((line) => /deprecated/i.test(line))).toEqual([]);
    } finally {
      delete process.env.CDK_CONTEXT_JSON;
      warn.mockRestore();
    }
  });
});
