/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { fail, pass, RuleDefinition } from '../../rule';

/** The catalog domain is encrypted with a customer managed KMS key (a choice to acknowledge, not an error). */
export const DOMAIN_ENCRYPTED_WITH_CMK: RuleDefinition = {
  id: 'DZ2',
  level: NagMessageLevel.WARN,
  appliesTo: ['AWS::DataZone::Domain'],
  checklist: 'Catalog metadata is encrypted with a key the mesh owner controls, or the AWS owned key is a recorded choice',
  info: 'The DataZone domain is encrypted with an AWS owned key, not a customer managed KMS key.',
  explanation: 'An AWS owned key needs no key-policy or IAM statement in any account (AWS\'s own multi-account samples use it), but the governance team cannot audit or revoke its use. A customer managed key cannot be added later without replacing the domain, and its policy must then admit every associated account (DataMesh-DZ3).',
  fix: 'Acknowledge DataMesh-DZ2 with your reason to keep the AWS owned key (CatalogDomain does so for its default), or set KmsKeyIdentifier to a customer managed key whose policy admits every associated account through DataZone (CatalogDomain\'s encryptionKey adds those statements).',
  check: (domain) => (domain.properties.KmsKeyIdentifier === undefined ? fail('no KmsKeyIdentifier (an AWS owned key)') : pass()),
};
