/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnOutput, CfnParameter, Stack } from 'aws-cdk-lib';
import { MeshIndex } from '../../mesh-index';

/** CloudFormation's quotas per stack (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). */
export const LIMITS = { resources: 500, outputs: 200, parameters: 200, templateBytes: 1_000_000 } as const;

/** How close a stack is to each quota: [what, used, limit]. */
export function usage(stack: Stack, mesh: MeshIndex): Array<[string, number, number]> {
  const children = stack.node.findAll().filter((c) => Stack.of(c) === stack);
  const resources = mesh.stackSize(stack);
  const outputs = children.filter((c) => c instanceof CfnOutput).length;
  const parameters = children.filter((c) => c instanceof CfnParameter).length;
  // The Resources section, rendered once per validation run by the index: the bulk of a template.
  const bytes = mesh.stackBytes(stack);
  return [
    ['resources', resources, LIMITS.resources],
    ['outputs', outputs, LIMITS.outputs],
    ['parameters', parameters, LIMITS.parameters],
    ['template bytes (Resources section)', bytes, LIMITS.templateBytes],
  ];
}

/** True for the one resource of its stack the stack-wide rules report on (the first one indexed). */
export function reportsForStack(logicalId: string, stack: Stack, mesh: MeshIndex): boolean {
  return mesh.firstOf(stack) === logicalId;
}
