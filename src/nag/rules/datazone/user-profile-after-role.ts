/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Token } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { DATAZONE_USER_OF, IndexedResource, orderedAfter } from '../../mesh-index';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition } from '../../rule';

const USER_PROFILE = 'AWS::DataZone::UserProfile';

/** `arn:<partition>:iam::<account>:role/<path/><name>`: the account and the role's name. */
const ROLE_ARN = /^arn:[a-z-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/**
 * A DataZone user named by an IAM role's ARN (an `IAM_ROLE` user profile, or a membership, policy grant or
 * owner naming the role's ARN) comes after the role when the app creates it.
 */
export const USER_PROFILE_AFTER_ROLE: RuleDefinition = {
  id: 'DZ6',
  level: NagMessageLevel.ERROR,
  appliesTo: [USER_PROFILE, ...Object.keys(DATAZONE_USER_OF)],
  checklist: 'Associate the producer and consumer accounts: each can use the domain',
  info: 'The resource names as a DataZone user the ARN of an IAM role (AWS::IAM::Role) the app creates, but is not ordered after that role.',
  explanation: 'DataZone records an IAM role\'s user profile by the role\'s principal: in the botocore DataZone model, CreateUserProfile (userType IAM_ROLE) returns UserProfileDetails whose IamUserProfileDetails hold the role\'s arn and principalId, and the CloudFormation reference of AWS::DataZone::UserProfile takes an arn:aws:iam::<account>:... UserIdentifier. A role that does not exist yet has no principal id to record, and a role created later gets a new one: IAM turns a role ARN saved in a policy into the role\'s unique principal ID, which a deleted and re-created role no longer matches (IAM user guide, IAM role principals; AWS Knowledge Center, "Why is there an unknown principal format in my IAM resource-based policy?"). A membership, policy grant or owner that names the role\'s ARN (the model\'s UserIdentifier pattern admits one) names the same user, so the same order applies. CloudFormation creates resources in parallel, and stacks in any order, unless a dependency (DependsOn, a Ref or Fn::GetAtt, a stack dependency) orders them.',
  fix: 'Create the role in a stack that deploys before the profile\'s stack (stack.addStackDependency), e.g. MeshMemberAccount creates the project member role in the member account\'s first stack; in one stack, name the role by Fn::GetAtt <Role>.Arn or add DependsOn on the role.',
  check: (resource, mesh) => {
    const user = userOf(resource);
    if (user === undefined) {
      return notApplicable(); // an SSO or IAM user, a group, a project or all users
    }
    // Read only when needed: rendering a resource's properties is most of a run's cost.
    const named = () => mesh.allOfType('AWS::IAM::Role').filter((role) => typeof role.properties.RoleName === 'string');
    if (typeof user !== 'string') {
      const target = mesh.target(resource, user);
      if (target !== undefined) {
        // A profile's id, or a role's ARN: the reference itself orders the resource after it.
        return target.type === 'AWS::IAM::Role' ? pass() : notApplicable();
      }
      const roles = named();
      if (roles.length > 0) {
        // A parameter, an import or another intrinsic: it may be the ARN of one of the app's roles.
        const listed = roles.slice(0, 5).map((r) => `${r.logicalId} (${r.properties.RoleName})`).join(', ');
        const more = roles.length > 5 ? ` and ${roles.length - 5} more` : '';
        throw new CouldNotEvaluate(`the user of ${resource.logicalId} (which may be the ARN of role ${listed}${more})`, user);
      }
      return notApplicable();
    }
    const arn = ROLE_ARN.exec(user);
    if (!arn) {
      return notApplicable(); // a user profile's id, an SSO user, an IAM user
    }
    const [, account, name] = arn;
    const roles = named().filter((role) => role.properties.RoleName.toLowerCase() === name.toLowerCase()
      && (Token.isUnresolved(role.stack.account) ? role.stack === resource.stack : role.stack.account === account));
    if (roles.length === 0) {
      return notApplicable(); // a role made outside the app
    }
    const unordered = roles.filter((role) => !orderedAfter(resource, role, mesh));
    if (unordered.length === 0) {
      return pass();
    }
    return fail(unordered.map((role) => (role.stack === resource.stack
      ? `user ${user}, role ${role.logicalId} (RoleName ${role.properties.RoleName}) in this stack, with no dependency (DependsOn, Ref or Fn::GetAtt path) on ${role.logicalId}; create the role before its user`
      : `user ${user}, role ${role.logicalId} (RoleName ${role.properties.RoleName}) in stack ${role.stack.stackName}, which this stack (${resource.stack.stackName}) does not depend on; create the role before its user`)).join('; '));
  },
};

/** The user `resource` names: an `IAM_ROLE` (or untyped) profile's identifier, or a membership's, grant's or owner's user. */
function userOf(resource: IndexedResource): unknown {
  if (resource.type !== USER_PROFILE) {
    return DATAZONE_USER_OF[resource.type]?.(resource.properties);
  }
  const type = resource.properties.UserType;
  return typeof type === 'string' && type !== 'IAM_ROLE' ? undefined : resource.properties.UserIdentifier;
}
