/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { internetRoutesOf } from './network';
import { fail, pass, RuleDefinition } from '../../rule';

/** No subnet of a mesh account routes to an internet gateway. */
export const NO_INTERNET_GATEWAY_ROUTE: RuleDefinition = {
  id: 'VPC2',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::EC2::Subnet'],
  checklist: 'Subnets are private: no public subnets',
  info: 'The subnet routes to an internet gateway, so it is a public subnet.',
  explanation: 'The seed requires private subnets only: public subnets expose the Tooling environments and their metadata endpoints to the internet.',
  fix: 'Remove the internet gateway route from the subnet\'s route table and reach AWS services through VPC endpoints (TwoAzPrivateVpc creates isolated subnets and the endpoints).',
  check: (subnet, mesh) => {
    const routes = internetRoutesOf(subnet, mesh);
    return routes.length === 0
      ? pass()
      : fail(`route ${routes.map((r) => r.logicalId).join(', ')} to an internet gateway`);
  },
};
