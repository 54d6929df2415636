/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { literalBoolean } from '../../mesh-index';
import { fail, pass, RuleDefinition } from '../../rule';

/** Data locations are registered in Lake Formation mode, not hybrid access mode. */
export const LOCATION_IN_LAKE_FORMATION_MODE: RuleDefinition = {
  id: 'LF2',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::LakeFormation::Resource'],
  checklist: 'Register the data location with Permission mode = Lake Formation',
  info: 'The data location is registered in hybrid access mode.',
  explanation: 'In hybrid access mode IAM policies keep granting access beside Lake Formation, so the mesh\'s grants and subscriptions do not govern who reads the data.',
  fix: 'Set HybridAccessEnabled to false (or leave it out).',
  check: (location) => (literalBoolean(location.properties.HybridAccessEnabled, `HybridAccessEnabled of ${location.logicalId}`)
    ? fail('HybridAccessEnabled: true')
    : pass()),
};
