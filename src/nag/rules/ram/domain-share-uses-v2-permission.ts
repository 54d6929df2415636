/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { literalStrings, sharesDataZoneDomain } from './domain-share';
import { V2_DOMAIN_SHARE_PERMISSIONS } from '../../../contract';
import { fail, notApplicable, pass, RuleDefinition } from '../../rule';

const V2 = Object.values(V2_DOMAIN_SHARE_PERMISSIONS) as string[];

/** The RAM share of a domain uses a V2 managed permission. */
export const DOMAIN_SHARE_USES_V2_PERMISSION: RuleDefinition = {
  id: 'RAM1',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::RAM::ResourceShare'],
  checklist: 'Associate the producer and consumer accounts: the domain is shared with the V2 managed permission',
  info: 'The AWS RAM share of the DataZone domain does not use a V2 (SageMaker Unified Studio) managed permission.',
  explanation: 'Without one of the V2 permissions the associated accounts cannot call the Unified Studio APIs on the shared domain: blueprints cannot be enabled there and projects cannot deploy. Left out, RAM attaches the V1 default permission.',
  fix: `Set PermissionArns to arn:aws:ram::aws:permission/${V2_DOMAIN_SHARE_PERMISSIONS.API_AND_PORTAL} (or ${V2_DOMAIN_SHARE_PERMISSIONS.API_ONLY}); CatalogDomain's sharePermission chooses between them.`,
  check: (share, mesh) => {
    if (!sharesDataZoneDomain(share, mesh)) {
      return notApplicable();
    }
    const permissions = literalStrings(share.properties.PermissionArns, `PermissionArns of resource share ${share.logicalId}`);
    const names = permissions.map((arn) => arn.split('/').pop() ?? arn);
    if (names.some((name) => V2.includes(name))) {
      return pass();
    }
    return fail(permissions.length === 0 ? 'no PermissionArns (RAM attaches the V1 default permission)' : `PermissionArns ${names.join(', ')}`);
  },
};
