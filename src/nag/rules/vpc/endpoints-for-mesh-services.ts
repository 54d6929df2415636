/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { endpointName, isInterfaceEndpoint, REQUIRED_ENDPOINTS } from './network';
import { IndexedResource, MeshIndex } from '../../mesh-index';
import { CouldNotEvaluate, describeValue, failEach, notApplicable, RuleDefinition, Verdict, withUnverified } from '../../rule';

/** A mesh VPC has interface endpoints for the services the Tooling blueprint and its jobs call. */
export const ENDPOINTS_FOR_MESH_SERVICES: RuleDefinition = {
  id: 'VPC4',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::EC2::VPC', 'AWS::DataZone::EnvironmentBlueprintConfiguration'],
  checklist: 'VPC endpoints exist for Glue, Athena, Redshift, EMR, MWAA, Bedrock and SageMaker (plus STS, Lake Formation, DataZone)',
  info: 'The VPC has no interface endpoint for one or more services the mesh calls from private subnets.',
  explanation: 'Without an endpoint, jobs in private subnets cannot reach the service: the mesh looks healthy through SQL while MWAA, Bedrock or EMR jobs silently time out. Each missing service is a finding of its own, acknowledgeable as DataMesh-VPC4[<Service>] when the mesh does not use it. '
    + 'A blueprint configuration whose VpcId is not a VPC of the app (an existing VPC by id, a parameter) is reported as not verified, naming the VPC and subnets, once per stack and VPC: none of the VPC rules can read that VPC.',
  fix: 'Add an interface endpoint (private DNS on) for each service listed, e.g. TwoAzPrivateVpc\'s default endpoints or addInterfaceEndpoint(MeshEndpointService.X).',
  check: (resource, mesh) => {
    if (resource.type === 'AWS::DataZone::EnvironmentBlueprintConfiguration') {
      return networkOutsideTheApp(resource, mesh);
    }
    const vpc = resource;
    const names = new Set(mesh.referrers(vpc, 'AWS::EC2::VPCEndpoint', 'VpcId').filter(isInterfaceEndpoint).map(endpointName));
    return failEach(REQUIRED_ENDPOINTS
      .filter((required) => !required.names.some((name) => names.has(name)))
      .map((required) => ({ key: required.service, found: `no interface endpoint for ${required.service} (any of ${required.names.join(', ')})` })));
  },
};

/** The VpcId and Subnets of each Region of a blueprint configuration's RegionalParameters. */
function networksOf(configuration: IndexedResource): Array<{ region: unknown; vpcId: unknown; subnets: unknown }> {
  const list = configuration.properties.RegionalParameters;
  return (Array.isArray(list) ? list : [])
    .filter((entry: any) => entry?.Parameters?.VpcId !== undefined)
    .map((entry: any) => ({ region: entry.Region, vpcId: entry.Parameters.VpcId, subnets: entry.Parameters.Subnets }));
}

/**
 * A blueprint configuration's VPC that is no resource of its stack cannot be checked by any VPC rule: say
 * so, naming it and its subnets, on the stack's first configuration that uses that VPC (not once per blueprint).
 */
function networkOutsideTheApp(configuration: IndexedResource, mesh: MeshIndex): Verdict {
  const outside = networksOf(configuration).filter(({ vpcId }) => mesh.target(configuration, vpcId)?.type !== 'AWS::EC2::VPC');
  const key = (vpcId: unknown) => JSON.stringify(vpcId);
  const first = (vpcId: unknown) => mesh.allOfType(configuration.type)
    .filter((c) => c.stack === configuration.stack)
    .find((c) => networksOf(c).some((n) => key(n.vpcId) === key(vpcId)));
  const unverified = outside
    .filter(({ vpcId }) => first(vpcId) === configuration)
    .map(({ region, vpcId, subnets }) => new CouldNotEvaluate(
      `the subnets, routes and endpoints (DataMesh-VPC1 to VPC5) of the VPC that blueprint configuration ${configuration.logicalId} uses in ${typeof region === 'string' ? region : describeValue(region)}: `
      + `subnets ${subnets === undefined ? '(none given)' : describeValue(subnets)}, in a VPC that is no resource of this app`, vpcId).message);
  return withUnverified(notApplicable(), [...new Set(unverified)]);
}
