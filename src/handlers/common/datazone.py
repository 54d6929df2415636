# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""DataZone steps that more than one handler takes: an IAM role's user profile, found or created, and active.

Shapes from the botocore DataZone model (2018-05-10): GetUserProfile (`type` IAM | SSO; `userIdentifier` a
user id or an `arn:aws:iam::<12 digits>:...` ARN) and CreateUserProfile (`userType` IAM_ROLE) return `id` and
`status` (UserProfileStatus: ASSIGNED, NOT_ASSIGNED, ACTIVATED, DEACTIVATED); UpdateUserProfile sets `status`.
The model has no DeleteUserProfile.
"""
import time

from common.aws import call, code

# Throttling and transient errors of the DataZone API (the model's ThrottlingException, InternalServerException).
RETRYABLE = frozenset({"ThrottlingException", "InternalServerException"})  # a quota error fails: waiting does not raise it
NOT_ACTIVE = ("ASSIGNED", "NOT_ASSIGNED")
FIX = "DataZone kept throttling; deploy again in a few minutes (a profile made meanwhile is found, not made twice)."


def get_iam_profile(datazone, domain_id, user_arn, sleep=time.sleep, retryable=RETRYABLE):
    """The IAM user profile of `user_arn` in the domain (ResourceNotFoundException when it has none)."""
    return call(lambda: datazone.get_user_profile(domainIdentifier=domain_id, userIdentifier=user_arn, type="IAM"), sleep, retryable, attempts=6,
                what=f"DataZone to read the user profile of {user_arn} in domain {domain_id}", fix=FIX)


def iam_role_profile(datazone, domain_id, role_arn, sleep=time.sleep, retryable=RETRYABLE, tolerate=(), log=None, acting_in="the domain's projects"):
    """The IAM role's user profile, made ready for memberships and grants; returns `(profile, created)`.

    - found (GetUserProfile type IAM), else created (CreateUserProfile userType IAM_ROLE); a ConflictException
      from the create (another caller made it meanwhile) is answered by reading it again;
    - an ASSIGNED or NOT_ASSIGNED profile is activated (UpdateUserProfile ACTIVATED); a refusal whose error
      code is in `tolerate` is logged through `log` and the profile returned as it is, any other is raised;
    - a DEACTIVATED profile fails with the command that reactivates it: someone turned the user off.
    """
    created = False
    try:
        profile = get_iam_profile(datazone, domain_id, role_arn, sleep, retryable)
    except Exception as error:
        if code(error) != "ResourceNotFoundException":
            raise
        try:
            profile = call(lambda: datazone.create_user_profile(domainIdentifier=domain_id, userIdentifier=role_arn, userType="IAM_ROLE"),
                           sleep, retryable, attempts=6, what=f"DataZone to create the user profile of {role_arn} in domain {domain_id}", fix=FIX)
            created = True
        except Exception as create_error:
            if code(create_error) != "ConflictException":
                raise
            profile = get_iam_profile(datazone, domain_id, role_arn, sleep, retryable)
    status = profile.get("status")
    if status == "DEACTIVATED":
        raise RuntimeError(
            f"The DataZone user profile {profile['id']} of {role_arn} (domain {domain_id}) is DEACTIVATED: a deactivated user cannot "
            f"act in {acting_in}. Fix: reactivate it ('aws datazone update-user-profile --domain-identifier {domain_id} "
            f"--user-identifier {profile['id']} --type IAM --status ACTIVATED') if that was not deliberate, then deploy again.")
    if status in NOT_ACTIVE:
        try:
            updated = call(lambda: datazone.update_user_profile(domainIdentifier=domain_id, userIdentifier=profile["id"], type="IAM", status="ACTIVATED"),
                           sleep, retryable, attempts=6, what=f"DataZone to activate the user profile of {role_arn} in domain {domain_id}", fix=FIX)
            profile = {**profile, **updated}
        except Exception as error:
            if code(error) not in tolerate:
                raise
            if log:
                log("warning: could not activate the user profile; it is used as it is", profile=profile["id"], status=status, error=str(error))
    return profile, created
