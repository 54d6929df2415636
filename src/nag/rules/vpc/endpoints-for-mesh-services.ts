/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { endpointName, isInterfaceEndpoint, REQUIRED_ENDPOINTS } from './network';
import { failEach, RuleDefinition } from '../../rule';

/** A mesh VPC has interface endpoints for the services the Tooling blueprint and its jobs call. */
export const ENDPOINTS_FOR_MESH_SERVICES: RuleDefinition = {
  id: 'VPC4',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::EC2::VPC'],
  checklist: 'VPC endpoints exist for Glue, Athena, Redshift, EMR, MWAA, Bedrock and SageMaker (plus STS, Lake Formation, DataZone)',
  info: 'The VPC has no interface endpoint for one or more services the mesh calls from private subnets.',
  explanation: 'Without an endpoint, jobs in private subnets cannot reach the service: the mesh looks healthy through SQL while MWAA, Bedrock or EMR jobs silently time out. Each missing service is a finding of its own, acknowledgeable as DataMesh-VPC4[<Service>] when the mesh does not use it.',
  fix: 'Add an interface endpoint (private DNS on) for each service listed, e.g. TwoAzPrivateVpc\'s default endpoints or addInterfaceEndpoint(MeshEndpointService.X).',
  check: (vpc, mesh) => {
    const names = new Set(mesh.referrers(vpc, 'AWS::EC2::VPCEndpoint', 'VpcId').filter(isInterfaceEndpoint).map(endpointName));
    return failEach(REQUIRED_ENDPOINTS
      .filter((required) => !required.names.some((name) => names.has(name)))
      .map((required) => ({ key: required.service, found: `no interface endpoint for ${required.service} (any of ${required.names.join(', ')})` })));
  },
};
