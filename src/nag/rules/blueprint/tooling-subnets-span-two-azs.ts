/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { isTooling, regionalParameters } from './blueprint';
import { SUBNET_ZONES_METADATA } from '../../../contract';
import { IndexedResource, MeshIndex } from '../../mesh-index';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition } from '../../rule';
import { subnetZone } from '../vpc/network';

/** The Tooling subnets are at least two, in at least two distinct zones of the blueprint's Region. */
export const TOOLING_SUBNETS_SPAN_TWO_AZS: RuleDefinition = {
  id: 'BP2',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::EnvironmentBlueprintConfiguration'],
  checklist: 'Choose at least two subnets in different Availability Zones when enabling Tooling',
  info: 'The Tooling blueprint\'s Subnets are not at least two subnets in two distinct Availability Zones of the blueprint\'s Region.',
  explanation: 'The seed requires at least two private subnets in two Availability Zones for Tooling; with one zone, project environments fail to deploy or stop with the zone.',
  fix: 'Pass subnets in two or more zones of the Region (TwoAzPrivateVpc.toolingSubnets). For subnets defined outside the template, declare their zones in the resource metadata "cdk-data-mesh:subnetZones" (MeshMemberAccount does) or acknowledge the finding.',
  check: (configuration, mesh) => {
    if (!isTooling(configuration)) {
      return notApplicable();
    }
    const problems: string[] = [];
    for (const [region, parameters] of regionalParameters(configuration)) {
      const zones = subnetZones(configuration, parameters.Subnets, mesh);
      const distinct = new Set(zones);
      const foreign = zones.filter((zone) => /[a-z]$/.test(zone) && !zone.startsWith(region));
      if (distinct.size < 2) { // fewer than two subnets are fewer than two zones
        problems.push(`${zones.length} subnet(s) in ${distinct.size} zone(s) in ${region}`);
      } else if (foreign.length > 0) {
        problems.push(`zone(s) ${foreign.join(', ')} outside ${region}`);
      }
    }
    return problems.length === 0 ? pass() : fail(problems.join('; '));
  },
};

function subnetZones(configuration: IndexedResource, subnets: unknown, mesh: MeshIndex): string[] {
  const declared = declaredZones(configuration);
  if (typeof subnets === 'string') {
    const ids = subnets.split(',').filter((s) => s.trim() !== '');
    if (ids.length === 0) {
      return []; // no subnet at all: a breach, not a value to verify
    }
    if (declared && declared.length === ids.length) {
      return declared;
    }
    throw new CouldNotEvaluate(`the Availability Zones of the Tooling subnets ${subnets} (defined outside this template)`);
  }
  const join = (subnets as any)?.['Fn::Join'];
  if (Array.isArray(join) && join[0] === ',' && Array.isArray(join[1])) {
    return join[1].map((part: unknown) => {
      const subnet = mesh.target(configuration, part);
      if (subnet?.type === 'AWS::EC2::Subnet') {
        return subnetZone(subnet);
      }
      throw new CouldNotEvaluate('the Availability Zone of a Tooling subnet', part);
    });
  }
  if (declared) {
    return declared;
  }
  throw new CouldNotEvaluate(`the Tooling Subnets of ${configuration.logicalId}`, subnets);
}

function declaredZones(configuration: IndexedResource): string[] | undefined {
  const zones = configuration.node.getMetadata(SUBNET_ZONES_METADATA);
  return Array.isArray(zones) && zones.every((z) => typeof z === 'string') ? zones : undefined;
}
