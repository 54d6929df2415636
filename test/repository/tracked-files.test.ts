/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { execFileSync } from 'child_process';
import { readFileSync, readlinkSync } from 'fs';
import { homedir } from 'os';
import { isAbsolute, join, relative, resolve, sep } from 'path';

/**
 * The repository builds from a clone at any path on any machine: nothing tracked points at the machine a
 * file was committed on.
 */
const ROOT = resolve(__dirname, '..', '..');

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Every tracked file: its mode (120000 for a symbolic link) and path. */
function trackedFiles(): Array<{ mode: string; path: string }> {
  return git('ls-files', '-s', '-z').split('\0').filter(Boolean).map((line) => {
    const [meta, path] = line.split('\t');
    return { mode: meta.split(' ')[0], path };
  });
}

/** Paths that only a build machine has: home folders, the work folders of CI machines, this checkout. */
function machinePaths(root: string): RegExp[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [
    /(?<![\w.-])\/(?:home|Users)\/[A-Za-z][\w.-]*\//,
    /(?<![\w.-])\/root\//,
    /(?<![\w.-])\/work\/[\w.-]+\//,
    /[A-Za-z]:\\Users\\/,
    new RegExp(escape(root + sep)),
    ...(homedir().length > 1 ? [new RegExp(escape(homedir() + sep))] : []),
  ];
}

describe('the tracked files', () => {
  const files = trackedFiles();

  test('are listed by git (the tests run in a clone of the repository)', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  test('hold no symbolic link that points outside the repository or at an absolute path', () => {
    const outside = files.filter((f) => f.mode === '120000').map((f) => {
      const target = readlinkSync(join(ROOT, f.path));
      const inside = !isAbsolute(target) && !relative(ROOT, resolve(ROOT, f.path, '..', target)).startsWith('..');
      return inside ? undefined : `${f.path} -> ${target}`;
    }).filter(Boolean);
    expect(outside).toEqual([]);
  });

  test('name no absolute path of a build machine (a home folder, a CI work folder, this checkout)', () => {
    const patterns = machinePaths(ROOT);
    const found: string[] = [];
    for (const f of files.filter((file) => file.mode !== '120000' && file.mode !== '160000')) {
      const text = readFileSync(join(ROOT, f.path));
      if (text.includes(0)) continue; // binary
      text.toString('utf8').split('\n').forEach((line, i) => {
        if (patterns.some((p) => p.test(line))) found.push(`${f.path}:${i + 1}: ${line.trim().slice(0, 160)}`);
      });
    }
    expect(found).toEqual([]);
  });

  test('the check itself finds a home folder, a CI work folder and this checkout\'s path', () => {
    // The samples are assembled from their parts, so that this file names no such path itself (the scan above reads it too).
    const path = (...parts: string[]) => parts.join('/');
    const clone = path('', 'srv', 'clones', 'cdk-data-mesh');
    const patterns = machinePaths(clone);
    for (const line of [`ln -s ${path('', 'home', 'alice', 'src', 'x')}`, `"${path('', 'work', 'main', 'node_modules')}"`, ['C:', 'Users', 'bob', 'repo'].join('\\'), `see ${clone}/lib`, path('', 'root', '.cache', 'x')]) {
      expect(patterns.some((p) => p.test(line))).toBe(true);
    }
    for (const line of ['/tmp/cdk-data-mesh/credentials', 'src/handlers/common', `https://example.com${path('', 'home', 'page')}`, '/opt/cdk-data-mesh/assume-role-wrapper']) {
      expect(patterns.some((p) => p.test(line))).toBe(false);
    }
  });
});
