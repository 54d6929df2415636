/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Token } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { PROJECT_ROLE_LOOKUP_TYPE, TRUST_BINDING_TYPE } from '../../../contract';
import { CouldNotEvaluate, fail, pass, RuleDefinition } from '../../rule';

const MESH_AWS_NAMESPACES = ['AWS::DataZone::', 'AWS::LakeFormation::', 'AWS::RAM::'];
const MESH_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::VPC', TRUST_BINDING_TYPE, PROJECT_ROLE_LOOKUP_TYPE]);
const isMeshType = (type: string): boolean => MESH_AWS_NAMESPACES.some((namespace) => type.startsWith(namespace)) || MESH_TYPES.has(type);

/** Every stack of the mesh is in the domain's Region. */
export const ONE_REGION: RuleDefinition = {
  id: 'TOPO2',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::Domain'],
  checklist: 'All accounts in the same Region',
  info: 'A stack of the mesh is in another Region than the domain, or its Region is unknown.',
  explanation: 'The seed\'s mesh lives in one Region: blueprints, project environments and subscriptions are enabled per Region, and the hand-off parameters are read in the domain\'s Region.',
  fix: 'Give every mesh stack an env with the domain\'s Region.',
  check: (domain, mesh) => {
    const region = domain.stack.region;
    if (Token.isUnresolved(region)) {
      throw new CouldNotEvaluate(`the Region of the domain's stack ${domain.stack.stackName} (environment-agnostic)`);
    }
    const meshStacks = mesh.stacks().filter((stack) => mesh.typesIn(stack).some(isMeshType));
    const unknown = meshStacks.filter((stack) => Token.isUnresolved(stack.region));
    if (unknown.length > 0) {
      throw new CouldNotEvaluate(`the Region of mesh stack(s) ${unknown.map((s) => s.stackName).join(', ')} (environment-agnostic)`);
    }
    const elsewhere = meshStacks.filter((stack) => stack.region !== region);
    return elsewhere.length === 0 ? pass() : fail(`stack(s) ${elsewhere.map((s) => `${s.stackName} in ${s.region}`).join(', ')}; the domain is in ${region}`);
  },
};
