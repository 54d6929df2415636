# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""An IAM role's DataZone user profile that may exist already, for the governance account (`Custom::UserProfile`).

`AWS::DataZone::UserProfile` fails when the profile exists (its create handler checks for it), and DataZone makes
one for an IAM principal the first time that principal calls the domain: a CloudFormation execution role of a
member account that enabled blueprints has one. On its delete the resource type deactivates the profile, which
would lock that role out of the domain. This custom resource (aws-cdk-lib Provider framework, `on_event` only)
instead:

- Create / Update: finds the role's IAM user profile (GetUserProfile type IAM, `UserIdentifier` the role ARN),
  creates it when missing (CreateUserProfile userType IAM_ROLE; a ConflictException: read again), activates an
  ASSIGNED or NOT_ASSIGNED one (UpdateUserProfile ACTIVATED) and fails on a DEACTIVATED one with the command that
  reactivates it (common/datazone.py). A profile that existed before is adopted. Attribute `Id`: the profile id,
  which the member-pool grant and the membership name. The physical id is the domain and the role.
- Delete: nothing. The profile stays: DataZone has no DeleteUserProfile (botocore DataZone model), and
  deactivating it would refuse the role's later calls, also those of other stacks.
Nothing waits: GetUserProfile, CreateUserProfile and UpdateUserProfile answer with the profile's status. Throttling and transient errors are retried with
exponential backoff capped at 30 s; a refusal fails at once with the permissions the handler role needs.
"""
import json
import os
import re
import time

from common.aws import DENIED, client, code
from common.datazone import RETRYABLE, iam_role_profile

ROLE_ARN = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:role/.+$")


def on_event(event, context=None, datazone=None, sleep=time.sleep):
    props = event["ResourceProperties"]
    _validate(props)
    domain, role = props["DomainId"], props["UserIdentifier"]
    physical_id = f"user-profile:{domain}:{role}"
    if event["RequestType"] == "Delete":
        _log("user profile left in place (DataZone has no DeleteUserProfile)", domain=domain, user=role)
        return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}
    datazone = datazone or client("datazone")
    try:
        profile, created = iam_role_profile(datazone, domain, role, sleep, RETRYABLE, acting_in=f"domain {domain}")
    except Exception as error:
        if code(error) in DENIED:
            raise RuntimeError(
                f"{code(error)}: {error}. The handler role {props.get('HandlerRoleArn', '(unknown)')} may not read, create or activate the user "
                f"profile of {role} in domain {domain}. Fix: allow it datazone:GetUserProfile, datazone:CreateUserProfile and "
                f"datazone:UpdateUserProfile on the domain (and, with a customer managed domain key, kms:Decrypt and kms:GenerateDataKey on "
                f"that key), then deploy again.") from error
        raise
    _log("user profile created" if created else "user profile found: adopted, and left in place on delete",
         domain=domain, user=role, profile=profile["id"], status=profile.get("status"))
    return {"PhysicalResourceId": physical_id, "Data": {"Id": profile["id"]}}


def _validate(props):
    if not props.get("DomainId"):
        raise ValueError(f"'DomainId' is required, got {props.get('DomainId')!r}")
    role = props.get("UserIdentifier")
    if not isinstance(role, str) or not ROLE_ARN.match(role):
        raise ValueError(f"'UserIdentifier' is an IAM role ARN (arn:aws:iam::<account>:role/<name>), got {role!r}")


def _log(message, **fields):
    if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
        print(json.dumps({"message": message, **fields}))
