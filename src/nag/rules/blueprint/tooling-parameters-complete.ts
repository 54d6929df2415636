/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { enabledRegions, isTooling, regionalParameters } from './blueprint';
import { fail, notApplicable, pass, RuleDefinition } from '../../rule';

const REQUIRED = ['VpcId', 'Subnets', 'S3Location'];

/** The Tooling blueprint configuration has VpcId, Subnets and S3Location in every enabled Region. */
export const TOOLING_PARAMETERS_COMPLETE: RuleDefinition = {
  id: 'BP1',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::EnvironmentBlueprintConfiguration'],
  checklist: 'Enable the Tooling blueprint on the account VPC: choose the VPC and its private subnets',
  info: 'The Tooling blueprint configuration lacks VpcId, Subnets or S3Location for an enabled Region.',
  explanation: 'Tooling creates each project\'s role, security groups and storage in the account; without the VPC, the subnets and the S3 location, project creation fails at deploy.',
  fix: 'Set RegionalParameters [{ Region, Parameters: { VpcId, Subnets (comma-separated), S3Location } }] for every enabled Region (MeshMemberAccount does this from a TwoAzPrivateVpc).',
  check: (configuration) => {
    if (!isTooling(configuration)) {
      return notApplicable();
    }
    const regions = enabledRegions(configuration);
    const parameters = regionalParameters(configuration);
    const missing = regions.flatMap((region) => REQUIRED
      .filter((key) => parameters.get(region)?.[key] === undefined)
      .map((key) => `${key} in ${region}`));
    return missing.length === 0 ? pass() : fail(`no ${missing.join(', ')}`);
  },
};
