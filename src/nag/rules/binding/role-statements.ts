/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { IndexedResource, MeshIndex } from '../../mesh-index';

/**
 * The `Allow` statements that apply to a role of the template: those of its inline `Policies` and of every
 * `AWS::IAM::Policy` of its stack that names it in `Roles`.
 */
export function allowStatements(role: IndexedResource, mesh: MeshIndex): any[] {
  const documents: any[] = [
    ...(Array.isArray(role.properties.Policies) ? role.properties.Policies.map((p: any) => p?.PolicyDocument) : []),
    ...mesh.ofType(role.stack, 'AWS::IAM::Policy')
      .filter((policy) => Array.isArray(policy.properties.Roles) && policy.properties.Roles.some((r: unknown) => mesh.refersTo(r, role)))
      .map((policy) => policy.properties.PolicyDocument),
  ];
  return documents
    .flatMap((document) => (Array.isArray(document?.Statement) ? document.Statement : [document?.Statement]))
    .filter((statement) => statement?.Effect === 'Allow');
}
