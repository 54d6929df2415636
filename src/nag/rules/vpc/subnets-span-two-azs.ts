/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { subnetsOf, subnetZone } from './network';
import { fail, pass, RuleDefinition } from '../../rule';

/** A mesh VPC has private subnets in at least two distinct Availability Zones. */
export const SUBNETS_SPAN_TWO_AZS: RuleDefinition = {
  id: 'VPC1',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::EC2::VPC'],
  checklist: 'Each account has a VPC with at least two private subnets in two different Availability Zones',
  info: 'The VPC does not have subnets in at least two distinct Availability Zones.',
  explanation: 'The Tooling blueprint needs at least two private subnets in different Availability Zones; with one zone, enabling the blueprint and launching project environments fails, and a zone outage stops the mesh account.',
  fix: 'Add a subnet in a second Availability Zone of the same Region (TwoAzPrivateVpc does this by default).',
  check: (vpc, mesh) => {
    const subnets = subnetsOf(vpc, mesh);
    const zones = new Set(subnets.map(subnetZone));
    if (subnets.length >= 2 && zones.size >= 2) {
      return pass();
    }
    return fail(`${subnets.length} subnet(s) in ${zones.size} zone(s)${zones.size ? ` (${[...zones].join(', ')})` : ''}`);
  },
};
