/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { fail, pass, RuleDefinition } from '../../rule';

/** The catalog domain is encrypted with a customer managed KMS key. */
export const DOMAIN_ENCRYPTED_WITH_CMK: RuleDefinition = {
  id: 'DZ2',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::Domain'],
  checklist: 'Catalog metadata is encrypted with a key the mesh owner controls',
  info: 'The DataZone domain does not use a customer managed KMS key.',
  explanation: 'A customer managed key lets the governance team audit and revoke access to the catalog\'s metadata; the key cannot be added later without replacing the domain.',
  fix: 'Set KmsKeyIdentifier to a customer managed key (CatalogDomain creates one with rotation by default).',
  check: (domain) => (domain.properties.KmsKeyIdentifier === undefined ? fail('no KmsKeyIdentifier (an AWS owned key)') : pass()),
};
