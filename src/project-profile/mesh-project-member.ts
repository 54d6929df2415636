/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack, Token } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { Construct } from 'constructs';
import { ICatalogDomain } from '../catalog-domain/catalog-domain';
import { UserProfileProvider } from '../private/user-profile';
import { InputProblems } from '../private/validate';

/** A project member's designation. */
export enum MeshProjectDesignation {
  /** May add members and approve subscriptions. */
  OWNER = 'PROJECT_OWNER',
  /** May create data sources, run them and request subscriptions. */
  CONTRIBUTOR = 'PROJECT_CONTRIBUTOR',
}

/** Properties of a `MeshProjectMember`. */
export interface MeshProjectMemberProps {
  /** The domain, in this (the governance) account. */
  readonly domain: ICatalogDomain;
  /**
   * The IAM role, usually of a member account, e.g. `ProducerDataProduct.projectMemberRoleArn()` or a
   * stack's CloudFormation execution role.
   */
  readonly roleArn: string;
  /**
   * The project it becomes a member of.
   *
   * @default - none: the role is only put in the project member pool, so that a project member can add it
   */
  readonly projectId?: string;
  /**
   * Its designation in `projectId`.
   *
   * @default MeshProjectDesignation.CONTRIBUTOR
   */
  readonly designation?: MeshProjectDesignation;
  /**
   * Find the role's DataZone user profile at deploy, creating it only when missing.
   *
   * For a role that has called the domain before (such as a CloudFormation execution role that enabled
   * blueprints): DataZone made its profile then. `AWS::DataZone::UserProfile` fails on a profile that exists
   * (and deactivates the profile on delete), so a custom resource (`Custom::UserProfile`) is used instead: it
   * finds the role's IAM user profile, creates it when missing, activates an ASSIGNED or NOT_ASSIGNED one, fails
   * on a DEACTIVATED one with the command that reactivates it, and leaves the profile in place on delete. The
   * grant and the membership name its `Id`.
   *
   * @default false - the profile is created (`AWS::DataZone::UserProfile`, `IAM_ROLE`, `ACTIVATED`)
   */
  readonly existingUserProfile?: boolean;
  /**
   * The domain unit whose project member pool the role joins (its child units included): the unit of the
   * project, or one above it. DataZone allows 20 grants per policy per domain unit (DataMesh-DZ7), so a mesh
   * with many member roles gives each team a unit of its own (as `DataMesh` does).
   *
   * @default - the root domain unit
   */
  readonly domainUnitId?: string;
}

/**
 * A role of a member account as a member of a SageMaker Unified Studio project, made in the governance
 * account, where the project's owner (the CloudFormation execution role that created it) may add members:
 *
 * - its DataZone user profile (`AWS::DataZone::UserProfile`, `IAM_ROLE`), or, with `existingUserProfile`, a
 *   `Custom::UserProfile` that finds or creates it and activates it (one provider per stack);
 * - an `ADD_TO_PROJECT_MEMBER_POOL` policy grant for that user alone on the root domain unit, or on
 *   `domainUnitId` (child units included): a domain that has no grant for all users refuses a membership otherwise;
 * - with `projectId`, the membership (`AWS::DataZone::ProjectMembership`), after the grant.
 *
 * A stack holds at most one membership per project: the membership's primary identifier in the CloudFormation
 * schema is the domain and the project, so cfn-lint refuses a second one (E3019); synth names the other one.
 */
export class MeshProjectMember extends Construct {
  /** The member's DataZone user profile id (`Fn::GetAtt` of the profile's `Id`). */
  public readonly userIdentifier: string;
  /** The member-pool grant. */
  public readonly memberPoolGrant: datazone.CfnPolicyGrant;
  /** The membership (undefined without `projectId`). */
  public readonly membership?: datazone.CfnProjectMembership;

  constructor(scope: Construct, id: string, props: MeshProjectMemberProps) {
    super(scope, id);
    const problems = new InputProblems(this, 'MeshProjectMember');
    if (!Token.isUnresolved(props.roleArn) && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(props.roleArn)) {
      problems.add('roleArn', props.roleArn, 'expected an IAM role ARN, arn:aws:iam::<account>:role/<name>', 'Pass the ARN of the role that calls DataZone for the project.');
    }
    // The botocore datazone model: a ProjectId is [a-zA-Z0-9_-]{1,36}.
    if (props.projectId !== undefined && !Token.isUnresolved(props.projectId) && !/^[a-zA-Z0-9_-]{1,36}$/.test(props.projectId)) {
      problems.add('projectId', props.projectId, 'a DataZone project id has 1-36 letters, digits, _ and - (it is not the project\'s name)', 'Pass the project\'s id, e.g. the attrId of the project addProject() created.');
    }
    if (props.designation !== undefined && props.projectId === undefined) {
      problems.add('designation', props.designation, 'a designation needs a project', 'Pass projectId, or leave designation out.');
    }
    problems.throwIfAny();

    // The grant and the membership name the profile's id, so CloudFormation makes them after it (DataMesh-DZ5).
    this.userIdentifier = props.existingUserProfile
      ? UserProfileProvider.of(this).profile(this, 'User', props.domain, props.roleArn).getAttString('Id')
      : new datazone.CfnUserProfile(this, 'User', {
        domainIdentifier: props.domain.domainId,
        userIdentifier: props.roleArn,
        userType: 'IAM_ROLE',
        status: 'ACTIVATED',
      }).attrId;
    this.memberPoolGrant = new datazone.CfnPolicyGrant(this, 'MemberPoolGrant', {
      domainIdentifier: props.domain.domainId,
      entityType: 'DOMAIN_UNIT',
      entityIdentifier: props.domainUnitId ?? props.domain.rootDomainUnitId,
      policyType: 'ADD_TO_PROJECT_MEMBER_POOL',
      detail: { addToProjectMemberPool: { includeChildDomainUnits: true } },
      principal: { user: { userIdentifier: this.userIdentifier } },
    });
    if (props.projectId !== undefined) {
      const membership = new datazone.CfnProjectMembership(this, 'Membership', {
        domainIdentifier: props.domain.domainId,
        projectIdentifier: props.projectId,
        member: { userIdentifier: this.userIdentifier },
        designation: props.designation ?? MeshProjectDesignation.CONTRIBUTOR,
      });
      membership.node.addDependency(this.memberPoolGrant);
      this.membership = membership;
      checkMembershipsOnce(membership);
    }
  }
}

/** The memberships of each stack, checked by one validation of the stack (one walk, not one per member). */
const checkedStacks = new WeakSet<Stack>();

function checkMembershipsOnce(membership: datazone.CfnProjectMembership): void {
  const stack = Stack.of(membership);
  if (!checkedStacks.has(stack)) {
    checkedStacks.add(stack);
    stack.node.addValidation({ validate: () => sharedMemberships(stack) });
  }
}

/** Each MeshProjectMember's membership of a project that another membership of the stack names too (cfn-lint E3019). */
function sharedMemberships(stack: Stack): string[] {
  const byProject = new Map<string, datazone.CfnProjectMembership[]>();
  for (const c of stack.node.findAll()) {
    if (c instanceof datazone.CfnProjectMembership && Stack.of(c) === stack) {
      const key = JSON.stringify(stack.resolve([c.domainIdentifier, c.projectIdentifier]));
      byProject.set(key, [...(byProject.get(key) ?? []), c]);
    }
  }
  const problems: string[] = [];
  for (const memberships of byProject.values()) {
    for (const membership of memberships.filter((m) => m.node.scope instanceof MeshProjectMember)) {
      for (const other of memberships.filter((m) => m !== membership)) {
        problems.push(`MeshProjectMember at '${membership.node.scope!.node.path}': 'projectId' is a project that '${other.node.path}' is also a member of in this stack; the CloudFormation schema's primary identifier of AWS::DataZone::ProjectMembership is the domain and the project, so a template holds one membership per project (cfn-lint E3019). Make one principal the member (it can act for the others), or put the second membership in another stack.`);
      }
    }
  }
  return problems;
}
