/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import { MeshIndex } from '../../mesh-index';

/** CloudFormation's quotas per stack (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). */
export const LIMITS = { resources: 500, outputs: 200, parameters: 200, templateBytes: 1_000_000 } as const;

/**
 * How close a stack is to each quota: [what, used, limit]. The template's size is known only at synth
 * (the registered pack reads the file synthesis wrote); a direct `validateScope()` before synthesis
 * checks the counts and does not guess the size.
 */
export function usage(stack: Stack, mesh: MeshIndex): Array<[string, number, number]> {
  const bytes = mesh.templateBytes(stack);
  return [
    ['resources', mesh.stackSize(stack), LIMITS.resources],
    ['outputs', mesh.outputCount(stack), LIMITS.outputs],
    ['parameters', mesh.parameterCount(stack), LIMITS.parameters],
    ...(bytes === undefined ? [] : [['template bytes', bytes, LIMITS.templateBytes] as [string, number, number]]),
  ];
}

/** True for the one resource of its stack the stack-wide rules report on (the first one indexed). */
export function reportsForStack(logicalId: string, stack: Stack, mesh: MeshIndex): boolean {
  return mesh.firstOf(stack) === logicalId;
}
