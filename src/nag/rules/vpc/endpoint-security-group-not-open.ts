/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { IndexedResource, literalList, MeshIndex } from '../../mesh-index';
import { fail, pass, RuleDefinition } from '../../rule';

const OPEN: unknown[] = ['0.0.0.0/0', '::/0'];

/** The security groups of interface endpoints do not admit traffic from anywhere. */
export const ENDPOINT_SECURITY_GROUP_NOT_OPEN: RuleDefinition = {
  id: 'VPC5',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::EC2::VPCEndpoint'],
  checklist: 'Endpoint security groups are not open to 0.0.0.0/0',
  info: 'A security group of the VPC endpoint admits traffic from 0.0.0.0/0 or ::/0.',
  explanation: 'Endpoints should admit HTTPS from the VPC only; an open rule lets any network that reaches the VPC use the mesh account\'s endpoints.',
  fix: 'Restrict the ingress rule to the VPC CIDR (TwoAzPrivateVpc admits port 443 from the VPC CIDR only).',
  check: (endpoint, mesh) => {
    const groups = literalList(endpoint.properties.SecurityGroupIds, `SecurityGroupIds of VPC endpoint ${endpoint.logicalId}`)
      .map((id) => mesh.target(endpoint, id))
      .filter((group): group is IndexedResource => group?.type === 'AWS::EC2::SecurityGroup');
    const open = groups.filter((group) => ingressOf(group, mesh).some((rule) => OPEN.includes(rule.CidrIp) || OPEN.includes(rule.CidrIpv6)));
    return open.length === 0 ? pass() : fail(`security group ${open.map((g) => g.logicalId).join(', ')} open to the internet`);
  },
};

function ingressOf(group: IndexedResource, mesh: MeshIndex): Array<Record<string, unknown>> {
  const inline = literalList(group.properties.SecurityGroupIngress, `SecurityGroupIngress of ${group.logicalId}`) as Array<Record<string, unknown>>;
  const standalone = mesh.referrers(group, 'AWS::EC2::SecurityGroupIngress', 'GroupId').map((r) => r.properties);
  return [...inline, ...standalone];
}
