/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { literalString } from '../../mesh-index';
import { fail, pass, RuleDefinition } from '../../rule';

/** The catalog domain is a V2 (SageMaker Unified Studio) domain. */
export const DOMAIN_IS_V2: RuleDefinition = {
  id: 'DZ1',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::Domain'],
  checklist: 'The governance account hosts a SageMaker Unified Studio (DataZone V2) domain',
  info: 'The DataZone domain is not a V2 (SageMaker Unified Studio) domain.',
  explanation: 'Project profiles, the Tooling and DataLake blueprints and the V2 RAM permissions exist only for V2 domains; a V1 domain cannot host the mesh, and DomainVersion cannot be changed without replacing the domain.',
  fix: 'Set DomainVersion to V2 (CatalogDomain always does).',
  check: (domain) => {
    const version = domain.properties.DomainVersion === undefined ? 'V1' : literalString(domain.properties.DomainVersion, `DomainVersion of ${domain.logicalId}`);
    return version === 'V2' ? pass() : fail(`DomainVersion ${version}${domain.properties.DomainVersion === undefined ? ' (the default)' : ''}`);
  },
};
