/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { subnetsOf, subnetZone } from './network';
import { fail, notApplicable, pass, RuleDefinition, tryRead, withUnverified } from '../../rule';

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
    // Two subnets in two known zones pass whatever the others are; only then does an unknown zone matter.
    const unverified: string[] = [];
    const zones = new Set(subnets.map((subnet) => tryRead(unverified, () => subnetZone(subnet))).filter((z): z is string => z !== undefined));
    if (zones.size >= 2) {
      return pass();
    }
    if (unverified.length > 0) {
      return withUnverified(notApplicable(), unverified);
    }
    return fail(`${subnets.length} subnet(s) in ${zones.size} zone(s)${zones.size ? ` (${[...zones].join(', ')})` : ''}`);
  },
};
