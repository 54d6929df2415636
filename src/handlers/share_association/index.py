# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Waits until every principal of one or more AWS RAM resource shares is ASSOCIATED.

A custom resource of the aws-cdk-lib Provider framework: `on_event` records when waiting started,
`is_complete` is polled until every principal named in the resource properties is ASSOCIATED.

- Read-only and idempotent: create, update and delete can run any number of times.
- Throttling and the eventual consistency right after a share is created ("unknown resource") are
  retried: botocore retries throttling with backoff, and `is_complete` answers "not yet" instead of failing, until
  `TimeoutSeconds`: then it fails naming the error RAM kept answering.
- A FAILED association fails at once; a principal still not ASSOCIATED after `TimeoutSeconds` fails
  with a message that names the account and how to accept the invitation.
"""
import json
import os
import time

from common.aws import client, code

WAITING_STATUSES = {"ASSOCIATING", "PENDING"}
RETRYABLE_ERRORS = {
    "ThrottlingException",
    "Throttling",
    "TooManyRequestsException",
    "ServiceUnavailableException",
    "UnknownResourceException",
    "ResourceShareNotFoundException",
}
DEFAULT_TIMEOUT_SECONDS = 600


def on_event(event, context=None, now=time.time):
    """Starts (or restarts) the wait; nothing to create or delete."""
    props = event.get("ResourceProperties", {})
    _validate(props)
    physical_id = event.get("PhysicalResourceId") or "share-association:" + ",".join(sorted(props["ResourceShareArns"]))
    return {"PhysicalResourceId": physical_id, "Data": {"WaitStartedAt": str(int(now()))}}


def is_complete(event, context=None, ram=None, now=time.time):
    """True when every expected principal is ASSOCIATED with every share (always true on delete)."""
    if event.get("RequestType") == "Delete":
        return {"IsComplete": True}
    props = event["ResourceProperties"]
    _validate(props)
    ram = ram or client("ram")
    expected = sorted(set(props["Principals"]))
    timeout = int(props.get("TimeoutSeconds", DEFAULT_TIMEOUT_SECONDS))
    started = int(event.get("Data", {}).get("WaitStartedAt", now()))

    try:
        statuses = _principal_statuses(ram, props["ResourceShareArns"])
    except Exception as error:  # botocore ClientError, after botocore's own retries
        error_code = code(error)
        if error_code in RETRYABLE_ERRORS:
            # "Not yet", but not past the deadline: then it fails saying what kept answering.
            if now() - started > timeout:
                raise RuntimeError(
                    f"Not done within {timeout} s: AWS RAM kept answering GetResourceShareAssociations with {error_code} ({error}) for "
                    f"{', '.join(props['ResourceShareArns'])}. Fix: check that the share exists ('aws ram get-resource-shares --resource-owner SELF'); "
                    f"if it does, RAM was throttling: deploy again in a few minutes.") from error
            _log("retrying", reason=error_code)
            return {"IsComplete": False}
        raise

    pending = []
    for share_arn in props["ResourceShareArns"]:
        for account in expected:
            status, message = statuses.get((share_arn, account), ("NOT_FOUND", "no association yet"))
            if status == "ASSOCIATED":
                continue
            if status in ("FAILED", "DISASSOCIATED", "DISASSOCIATING"):
                raise RuntimeError(
                    f"AWS RAM association of account {account} with {share_arn} is {status}: {message}. "
                    f"Check that {account} is a valid account that may receive the share, then redeploy."
                )
            pending.append((account, share_arn, status, message))

    if not pending:
        _log("associated", principals=expected)
        return {"IsComplete": True}
    if now() - started > timeout:
        account, share_arn, status, message = pending[0]
        names = ", ".join(sorted({p[0] for p in pending}))
        raise RuntimeError(
            f"Account(s) {names} never associated with the shared domain within {timeout} s "
            f"(account {account}, share {share_arn}: {status}, {message}). An account outside the "
            f"AWS Organization (or in an Organization without RAM sharing enabled) must accept the "
            f"invitation: in account {account} run 'aws ram get-resource-share-invitations' and "
            f"'aws ram accept-resource-share-invitation --resource-share-invitation-arn <arn>', then redeploy."
        )
    _log("waiting", pending=[p[0] + ":" + p[2] for p in pending])
    return {"IsComplete": False}


def _principal_statuses(ram, share_arns):
    """(share ARN, principal) -> (status, status message), over every page."""
    statuses = {}
    token = None
    while True:
        request = {"associationType": "PRINCIPAL", "resourceShareArns": list(share_arns)}
        if token:
            request["nextToken"] = token
        page = ram.get_resource_share_associations(**request)
        for association in page.get("resourceShareAssociations", []):
            key = (association.get("resourceShareArn"), association.get("associatedEntity"))
            statuses[key] = (association.get("status", "UNKNOWN"), association.get("statusMessage", ""))
        token = page.get("nextToken")
        if not token:
            return statuses


def _validate(props):
    for key in ("ResourceShareArns", "Principals"):
        if not isinstance(props.get(key), list) or not props[key]:
            raise ValueError(f"'{key}' must be a non-empty list, got {props.get(key)!r}")


def _log(message, **fields):
    if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
        print(json.dumps({"message": message, **fields}))
