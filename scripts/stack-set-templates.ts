/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 *
 * Synthesizes a management account's MeshMemberBaselineStackSet with every managed blueprint into <outdir> and
 * writes the StackSet's own template, the member baseline its TemplateBody holds, beside the outer one as
 * <StackSet logical id>.template.json, so scripts/cfn-lint.sh lints both as it lints the example's templates
 * (.ci/run). Usage: ts-node --project tsconfig.dev.json scripts/stack-set-templates.ts <outdir>
 */
import { readFileSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { ManagedBlueprint, MeshMemberBaselineStackSet } from '../src';

/** Every managed blueprint the library enables, Tooling first (what a StackSet may enable). */
const BLUEPRINTS = [
  ManagedBlueprint.TOOLING, ManagedBlueprint.DATA_LAKE, ManagedBlueprint.LAKEHOUSE_CATALOG,
  ManagedBlueprint.REDSHIFT_SERVERLESS, ManagedBlueprint.EMR_SERVERLESS, ManagedBlueprint.WORKFLOWS,
];

/** A management account's stack in `app` with a MeshMemberBaselineStackSet that enables every managed blueprint. */
export function addMemberBaselineStackSet(app: App): Stack {
  const stack = new Stack(app, 'Management', { env: { account: '999999999999', region: 'eu-west-1' } });
  new MeshMemberBaselineStackSet(stack, 'MemberBaseline', {
    domainName: 'mesh',
    governanceAccount: '111111111111',
    region: 'eu-west-1',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    organizationalUnitIds: ['ou-ab12-cdef3456'],
    blueprints: BLUEPRINTS,
  });
  return stack;
}

export function synthStackSetTemplates(outdir: string): string[] {
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  const stack = addMemberBaselineStackSet(app);
  const assembly = app.synth();
  const written = assembly.stacks.map((s) => join(outdir, s.templateFile));
  const outer = JSON.parse(readFileSync(join(outdir, stack.templateFile), 'utf-8'));
  for (const [id, resource] of Object.entries<any>(outer.Resources)) {
    if (resource.Type === 'AWS::CloudFormation::StackSet') {
      const file = join(outdir, `${id}.template.json`);
      writeFileSync(file, JSON.stringify(JSON.parse(resource.Properties.TemplateBody), undefined, 1));
      written.push(file);
    }
  }
  if (written.length < 2) {
    throw new Error(`expected the management template and the StackSet's template in ${outdir}, wrote ${written.join(', ')}`);
  }
  return written;
}

if (require.main === module) {
  if (process.argv[2] === undefined) {
    console.error('usage: stack-set-templates.ts <outdir> (a directory outside the source tree, e.g. .ci/.work/stack-set.out)');
    process.exit(2);
  }
  const outdir = resolve(process.argv[2]);
  for (const file of synthStackSetTemplates(outdir)) {
    console.log(`wrote ${file}`);
  }
}
