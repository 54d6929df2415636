/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { USER_PROFILE_TYPE } from '../../../contract';
import { DATAZONE_USER_OF, IndexedResource, orderedAfter, referencedLogicalId } from '../../mesh-index';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition } from '../../rule';

/**
 * A project membership, policy grant or owner whose user is a user profile of the app is created after
 * that user profile: DataZone refuses a user it does not know yet, or one whose profile is not active.
 */
export const MEMBERSHIP_AFTER_USER_PROFILE: RuleDefinition = {
  id: 'DZ5',
  level: NagMessageLevel.ERROR,
  appliesTo: Object.keys(DATAZONE_USER_OF),
  checklist: 'Associate the producer and consumer accounts: each can use the domain',
  info: 'The resource names a DataZone user whose user profile (AWS::DataZone::UserProfile, or the library\'s Custom::UserProfile) the app creates, but is not ordered after that user profile.',
  explanation: 'A project membership, policy grant or owner of a user is refused until the user\'s profile exists and is active: MDAA issues #57 and #60 (aws/modern-data-architecture-accelerator) show member-account stacks failing with "User is not permitted to perform operation" while the caller\'s user profile was not yet ACTIVATED (UserProfileStatus: ASSIGNED, NOT_ASSIGNED, ACTIVATED, DEACTIVATED in the botocore DataZone model). CloudFormation creates resources in parallel, and stacks in any order, unless a dependency (DependsOn, a Ref or Fn::GetAtt, a stack dependency) orders them.',
  fix: 'Order it after the user profile: name the user by the profile\'s id (Fn::GetAtt <UserProfile>.Id, as ConsumerSubscription\'s and MeshProjectMember\'s memberships do) or add DependsOn on the profile; for a profile in another stack, make this stack depend on that stack (stack.addDependency).',
  check: (resource, mesh) => {
    const user = DATAZONE_USER_OF[resource.type]?.(resource.properties);
    if (user === undefined) {
      return notApplicable(); // a group, a project or all users
    }
    // The library's get-or-create profile names its user the same way (UserIdentifier, attribute Id).
    const profiles = [...mesh.allOfType('AWS::DataZone::UserProfile'), ...mesh.allOfType(USER_PROFILE_TYPE)];
    const named = profiles.filter((profile) => names(resource, user, profile));
    if (named.length === 0) {
      if (profiles.length > 0 && typeof user !== 'string' && mesh.target(resource, user) === undefined) {
        // A parameter, an import or another intrinsic: it may be one of the app's profiles.
        throw new CouldNotEvaluate(`the user of ${resource.logicalId} (which may be user profile ${profiles.map((p) => p.logicalId).join(', ')})`);
      }
      return notApplicable();
    }
    const unordered = named.filter((profile) => !orderedAfter(resource, profile, mesh));
    if (unordered.length === 0) {
      return pass();
    }
    return fail(unordered.map((profile) => (profile.stack === resource.stack
      ? `user ${describe(user)}, the user of profile ${profile.logicalId} in this stack, with no dependency (DependsOn, Ref or Fn::GetAtt path) on ${profile.logicalId}; order it after the user profile`
      : `user ${describe(user)}, the user of profile ${profile.logicalId} in stack ${profile.stack.stackName}, which this stack (${resource.stack.stackName}) does not depend on; order it after the user profile`)).join('; '));
  },
};

/** True when `user` (a value of `from`) is `profile`: a reference to it, or the same user identifier. */
function names(from: IndexedResource, user: unknown, profile: IndexedResource): boolean {
  if (profile.stack === from.stack && referencedLogicalId(user) === profile.logicalId) {
    return true;
  }
  const identifier = profile.properties.UserIdentifier;
  if (typeof user === 'string') {
    return typeof identifier === 'string' && identifier.toLowerCase() === user.toLowerCase();
  }
  // The same intrinsic (Fn::GetAtt Role.Arn) means the same value only within one template.
  return profile.stack === from.stack && identifier !== undefined && JSON.stringify(identifier) === JSON.stringify(user);
}

function describe(user: unknown): string {
  return typeof user === 'string' ? user : JSON.stringify(user);
}
