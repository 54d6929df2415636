# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Finds the IAM role SageMaker Unified Studio created for a project in this account.

The Tooling environment of a project creates its role as `datazone_usr_role_<project id>_<environment id>`.
It is not a CloudFormation attribute of the project, so this custom resource (aws-cdk-lib Provider
framework) waits for it: `on_event` starts the wait, `is_complete` lists the account's roles until
the project's role exists (the environment may still be deploying), then returns its ARN as `RoleArn`.
Read-only and idempotent; throttling is retried by botocore, then counts as "not yet" until the deadline; a role missing after `TimeoutSeconds`
fails with a message naming the project.
"""
import time

from common.aws import client, code

PREFIX = "datazone_usr_role_"
DEFAULT_TIMEOUT_SECONDS = 1800
# ListRoles declares ServiceFailureException (code ServiceFailure); IAM throttles with Throttling.
RETRYABLE = {"Throttling", "ThrottlingException", "ServiceFailure"}


def on_event(event, context=None, now=time.time):
    props = event["ResourceProperties"]
    if not props.get("ProjectId"):
        raise ValueError(f"'ProjectId' is required, got {props.get('ProjectId')!r}")
    return {"PhysicalResourceId": f"project-role:{props['ProjectId']}", "Data": {"WaitStartedAt": str(int(now()))}}


def is_complete(event, context=None, iam=None, now=time.time):
    if event.get("RequestType") == "Delete":
        return {"IsComplete": True}
    props = event["ResourceProperties"]
    iam = iam or client("iam")
    wanted = PREFIX + props["ProjectId"] + "_"
    started = int(event.get("Data", {}).get("WaitStartedAt", now()))
    timeout = int(props.get("TimeoutSeconds", DEFAULT_TIMEOUT_SECONDS))
    try:
        for role in _roles(iam):
            if role["RoleName"].startswith(wanted):
                return {"IsComplete": True, "Data": {"RoleArn": role["Arn"], "RoleName": role["RoleName"]}}
    except Exception as error:
        if code(error) not in RETRYABLE:
            raise
        # Throttled beyond botocore's own retries: "not yet", until the deadline.
        if now() - started > timeout:
            raise RuntimeError(
                f"Not done within {timeout} s: IAM kept answering ListRoles with {code(error)} ({error}) while looking for the role "
                f"{wanted}* of project {props['ProjectId']}. Fix: deploy again in a few minutes, or pass the role ARN explicitly.") from error
        return {"IsComplete": False}
    if now() - started > timeout:
        raise RuntimeError(
            f"No role {wanted}* appeared in this account within {timeout} s: the Tooling environment of project "
            f"{props['ProjectId']} has not deployed here. Check the project's environments in the portal, or pass the role ARN explicitly."
        )
    return {"IsComplete": False}


def _roles(iam):
    marker = None
    while True:
        page = iam.list_roles(**({"Marker": marker} if marker else {}))
        yield from page.get("Roles", [])
        if not page.get("IsTruncated"):
            return
        marker = page.get("Marker")
