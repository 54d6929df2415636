/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { literalBoolean } from '../../mesh-index';
import { fail, pass, RuleDefinition } from '../../rule';

/** No subnet of a mesh account assigns public IP addresses. */
export const NO_PUBLIC_IP_ON_LAUNCH: RuleDefinition = {
  id: 'VPC3',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::EC2::Subnet'],
  checklist: 'Subnets are private: no public subnets',
  info: 'The subnet assigns a public IPv4 address to every network interface launched in it.',
  explanation: 'Instances and job containers launched by the mesh would be reachable from the internet as soon as a route exists; mesh subnets stay private.',
  fix: 'Set MapPublicIpOnLaunch to false (or leave it out).',
  check: (subnet) => (literalBoolean(subnet.properties.MapPublicIpOnLaunch, `MapPublicIpOnLaunch of subnet ${subnet.logicalId}`)
    ? fail('MapPublicIpOnLaunch: true')
    : pass()),
};
