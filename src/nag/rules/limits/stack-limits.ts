/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { existsSync, statSync } from 'fs';
import { join } from 'path';
import { App, CfnOutput, CfnParameter, Stack } from 'aws-cdk-lib';
import { MeshIndex } from '../../mesh-index';

/** CloudFormation's quotas per stack (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). */
export const LIMITS = { resources: 500, outputs: 200, parameters: 200, templateBytes: 1_000_000 } as const;

/** How close a stack is to each quota: [what, used, limit]. */
export function usage(stack: Stack, mesh: MeshIndex): Array<[string, number, number]> {
  const children = stack.node.findAll().filter((c) => Stack.of(c) === stack);
  const resources = mesh.stackSize(stack);
  const outputs = children.filter((c) => c instanceof CfnOutput).length;
  const parameters = children.filter((c) => c instanceof CfnParameter).length;
  const bytes = templateBytes(stack);
  return [
    ['resources', resources, LIMITS.resources],
    ['outputs', outputs, LIMITS.outputs],
    ['parameters', parameters, LIMITS.parameters],
    ...(bytes === undefined ? [] : [['template bytes', bytes, LIMITS.templateBytes] as [string, number, number]]),
  ];
}

/**
 * The size of the stack's synthesized template. Policy-validation plugins run after synthesis wrote the
 * templates, so the registered pack measures the real file; a direct `validateScope()` before
 * synthesis has no template yet and checks the counts only.
 */
function templateBytes(stack: Stack): number | undefined {
  const root = stack.node.root;
  const outdir = App.isApp(root) ? root.outdir : undefined;
  const file = outdir ? join(outdir, stack.templateFile) : undefined;
  return file && existsSync(file) ? statSync(file).size : undefined;
}

/** True for the one resource of its stack the stack-wide rules report on (the first one indexed). */
export function reportsForStack(logicalId: string, stack: Stack, mesh: MeshIndex): boolean {
  return mesh.firstOf(stack) === logicalId;
}
