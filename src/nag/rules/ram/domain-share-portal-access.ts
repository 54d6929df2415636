/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { literalStrings, sharesDataZoneDomain } from './domain-share';
import { V2_DOMAIN_SHARE_PERMISSIONS } from '../../../contract';
import { fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** The RAM share of a domain lets IAM users of the associated accounts log in to the portal. */
export const DOMAIN_SHARE_PORTAL_ACCESS: RuleDefinition = {
  id: 'RAM2',
  level: NagMessageLevel.WARN,
  appliesTo: ['AWS::RAM::ResourceShare'],
  checklist: 'The RAM share managed permission: IAM users and roles can access APIs and IAM users can log in to SageMaker Unified Studio',
  info: 'The domain is shared with the API-only V2 permission, not the API-and-portal permission the seed article selects.',
  explanation: 'With the API-only permission, IAM users of the producer and consumer accounts cannot log in to the Unified Studio portal. That is a legitimate choice for an Identity Center-only mesh; acknowledge it with the reason.',
  fix: `Share with ${V2_DOMAIN_SHARE_PERMISSIONS.API_AND_PORTAL} (DomainSharePermission.API_AND_PORTAL_ACCESS, the default), or acknowledge DataMesh-RAM2.`,
  check: (share, mesh) => {
    if (!sharesDataZoneDomain(share, mesh)) {
      return notApplicable();
    }
    const names = literalStrings(share.properties.PermissionArns, `PermissionArns of resource share ${share.logicalId}`).map((arn) => arn.split('/').pop());
    if (!names.includes(V2_DOMAIN_SHARE_PERMISSIONS.API_ONLY)) {
      return names.includes(V2_DOMAIN_SHARE_PERMISSIONS.API_AND_PORTAL) ? pass() : notApplicable();
    }
    return names.includes(V2_DOMAIN_SHARE_PERMISSIONS.API_AND_PORTAL) ? pass() : fail(`PermissionArns ${V2_DOMAIN_SHARE_PERMISSIONS.API_ONLY}`);
  },
};
