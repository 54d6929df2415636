/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { MeshProjectDesignation } from './mesh-project-member';

/** What kind of principal a project member is. */
export enum MeshProjectPrincipalType {
  /** An IAM Identity Center user (its user id). */
  IDENTITY_CENTER_USER = 'SSO_USER',
  /** An IAM Identity Center group (its group id). */
  IDENTITY_CENTER_GROUP = 'SSO_GROUP',
  /** An IAM role (its ARN). */
  IAM_ROLE = 'IAM_ROLE',
}

/**
 * A member of a project declared with `MeshProjectProfile.addProject({ members })`: an Identity Center user or
 * group, or an IAM role, with its designation. The library creates what DataZone requires first: the user or
 * group profile in the domain and the member-pool grant (`ADD_TO_PROJECT_MEMBER_POOL`), ordered before the project.
 */
export class MeshProjectPrincipal {
  /** An IAM Identity Center user, by its user id (e.g. `90676a1234-5678-…`), as a contributor unless told otherwise. */
  public static identityCenterUser(userId: string, designation?: MeshProjectDesignation): MeshProjectPrincipal {
    return new MeshProjectPrincipal(MeshProjectPrincipalType.IDENTITY_CENTER_USER, userId, designation ?? MeshProjectDesignation.CONTRIBUTOR);
  }

  /** An IAM Identity Center group, by its group id, as a contributor unless told otherwise. */
  public static identityCenterGroup(groupId: string, designation?: MeshProjectDesignation): MeshProjectPrincipal {
    return new MeshProjectPrincipal(MeshProjectPrincipalType.IDENTITY_CENTER_GROUP, groupId, designation ?? MeshProjectDesignation.CONTRIBUTOR);
  }

  /**
   * An IAM role, by its ARN (`arn:aws:iam::<account>:role/<name>`), as a contributor unless told otherwise. The role
   * must exist before the project's stack deploys (DataMesh-DZ6).
   */
  public static iamRole(roleArn: string, designation?: MeshProjectDesignation): MeshProjectPrincipal {
    return new MeshProjectPrincipal(MeshProjectPrincipalType.IAM_ROLE, roleArn, designation ?? MeshProjectDesignation.CONTRIBUTOR);
  }

  private constructor(
    /** The kind of principal. */
    public readonly type: MeshProjectPrincipalType,
    /** The Identity Center user or group id, or the role's ARN. */
    public readonly identifier: string,
    /** Its designation in the project. */
    public readonly designation: MeshProjectDesignation,
  ) {}
}
