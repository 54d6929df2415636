/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { V2_DOMAIN_SHARE_PERMISSIONS } from '../contract';

/* The contract with DataMeshChecks' rules (src/contract.ts), exported from here as before. */
export { V2_DOMAIN_SHARE_PERMISSIONS };

/**
 * The AWS RAM managed permission with which the governance account shares its domain.
 *
 * An enum-like class. Associated accounts need a V2 permission for SageMaker Unified Studio.
 */
export class DomainSharePermission {
  /**
   * "IAM users and roles can access APIs and IAM users can log in to Amazon SageMaker Unified Studio"
   * (`AWSRAMPermissionsAmazonDatazoneDomainExtendedServiceWithPortalAccess`): the seed article's choice.
   */
  public static readonly API_AND_PORTAL_ACCESS = new DomainSharePermission(V2_DOMAIN_SHARE_PERMISSIONS.API_AND_PORTAL);

  /**
   * "IAM users and roles can access APIs" (`AWSRAMPermissionsAmazonDatazoneDomainExtendedServiceAccess`),
   * what AWS's own IaC samples use; IAM users of the associated accounts cannot log in to the portal.
   */
  public static readonly API_ACCESS = new DomainSharePermission(V2_DOMAIN_SHARE_PERMISSIONS.API_ONLY);

  /** The managed permission's name. */
  public readonly permissionName: string;

  private constructor(permissionName: string) {
    this.permissionName = permissionName;
  }

  /**
   * The permission's ARN in `partition`.
   *
   * @param partition the AWS partition
   * @default 'aws'
   */
  public permissionArn(partition?: string): string {
    return `arn:${partition ?? 'aws'}:ram::aws:permission/${this.permissionName}`;
  }
}
