/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 *
 * The example's logical ids, its public API: CloudFormation replaces a resource whose logical id changes (a new
 * resource is created, the old one deleted or, under RETAIN, orphaned). `npx projen logical-ids` writes the record
 * (test/examples/logical-ids.json) that test/examples/logical-ids.test.ts compares every synth with.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { App } from 'aws-cdk-lib';
import { buildExampleMesh, DEFAULT_SETTINGS } from '../examples/three-account-mesh/mesh';

/** Where the record lives. */
export const LOGICAL_IDS_RECORD = resolve(__dirname, '..', 'test', 'examples', 'logical-ids.json');

/** Per stack (by stack name): the sorted `LogicalId: Type` of every resource. */
export type LogicalIds = Record<string, string[]>;

/** Synthesize the example mesh into a temporary directory and list its logical ids. */
export function exampleLogicalIds(): LogicalIds {
  const outdir = mkdtempSync(join(tmpdir(), 'logical-ids-'));
  try {
    const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    const mesh = buildExampleMesh(app, DEFAULT_SETTINGS);
    app.synth();
    const ids: LogicalIds = {};
    for (const { stack } of mesh.stacks) {
      const template = JSON.parse(readFileSync(join(outdir, stack.templateFile), 'utf-8'));
      ids[stack.stackName] = Object.entries<any>(template.Resources ?? {}).map(([id, r]) => `${id}: ${r.Type}`).sort();
    }
    return ids;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** What changed from `recorded` to `actual`, one line per stack or id; empty when they agree. */
export function diffLogicalIds(recorded: LogicalIds, actual: LogicalIds): string[] {
  const lines: string[] = [];
  for (const stack of [...new Set([...Object.keys(recorded), ...Object.keys(actual)])].sort()) {
    if (!recorded[stack]) {
      lines.push(`stack ${stack}: added (not in the record)`);
      continue;
    }
    if (!actual[stack]) {
      lines.push(`stack ${stack}: removed (in the record, not synthesized)`);
      continue;
    }
    const split = (entries: string[]) => new Map(entries.map((e) => e.split(': ') as [string, string]));
    const before = split(recorded[stack]);
    const after = split(actual[stack]);
    for (const [id, type] of after) {
      if (!before.has(id)) {
        lines.push(`${stack}: added ${id} (${type})`);
      } else if (before.get(id) !== type) {
        lines.push(`${stack}: changed ${id} from ${before.get(id)} to ${type}`);
      }
    }
    for (const [id, type] of before) {
      if (!after.has(id)) {
        lines.push(`${stack}: removed ${id} (${type})`);
      }
    }
  }
  return lines;
}

if (require.main === module) {
  writeFileSync(LOGICAL_IDS_RECORD, JSON.stringify(exampleLogicalIds(), null, 2) + '\n');
  process.stdout.write(`Logical ids of the example written to ${LOGICAL_IDS_RECORD}: commit it with the change that moved them.\n`);
}
