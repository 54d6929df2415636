# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Lets a function's execution role assume the consumer project role: one statement in its trust policy.

The project role is created by SageMaker Unified Studio, not by the stack, so its trust policy is
edited here (aws-cdk-lib Provider framework, `on_event`), and again on a schedule (`RequestType`
"Reconcile") in case the service rewrites it:

- Create / Update / Reconcile: append one statement, identified by its `Sid`, that allows
  `sts:AssumeRole` to the function's role ARN (never an account root); every other statement is kept
  as it is. Idempotent: when the statement is already there unchanged, nothing is written.
- Delete: remove only that statement. A role that is already gone is fine; deleting twice is harmless.

IAM rejects a principal it has not yet propagated ("Invalid principal"): that and throttling are
retried with exponential backoff.
"""
import json
import re
import time
from urllib.parse import unquote

from common.aws import call, client, code

ROLE_ARN = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:role/.+$")
RETRYABLE = {"Throttling", "ThrottlingException", "ConcurrentModification", "ServiceFailure"}


def on_event(event, context=None, iam=None, sleep=time.sleep):
    props = event["ResourceProperties"]
    _validate(props)
    iam = iam or client("iam")
    physical_id = f"binding-trust:{props['RoleName']}:{props['Sid']}"
    request = event["RequestType"]
    if request == "Delete":
        _remove(iam, props["RoleName"], props["Sid"], sleep)
        return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}
    old = event.get("OldResourceProperties") or {}
    if request == "Update" and old.get("RoleName") and old.get("RoleName") != props["RoleName"]:
        _remove(iam, old["RoleName"], old.get("Sid", props["Sid"]), sleep)
    changed = _apply(iam, props, sleep)
    return {"PhysicalResourceId": physical_id, "Data": {"Changed": str(changed).lower()}}


def statement(props):
    return {"Sid": props["Sid"], "Effect": "Allow", "Principal": {"AWS": props["PrincipalArn"]}, "Action": "sts:AssumeRole"}


def _apply(iam, props, sleep):
    document = _trust(iam, props["RoleName"], sleep)
    others = [s for s in document.get("Statement", []) if s.get("Sid") != props["Sid"]]
    wanted = others + [statement(props)]
    if wanted == document.get("Statement", []):
        return False
    _write(iam, props["RoleName"], {**document, "Statement": wanted}, sleep)
    return True


def _remove(iam, role_name, sid, sleep):
    try:
        document = _trust(iam, role_name, sleep)
    except Exception as error:
        if _code(error) == "NoSuchEntity":
            return
        raise
    kept = [s for s in document.get("Statement", []) if s.get("Sid") != sid]
    if len(kept) != len(document.get("Statement", [])):
        _write(iam, role_name, {**document, "Statement": kept}, sleep)


def _trust(iam, role_name, sleep):
    document = _call(lambda: iam.get_role(RoleName=role_name), sleep)["Role"]["AssumeRolePolicyDocument"]
    if isinstance(document, str):
        document = json.loads(unquote(document))
    statements = document.get("Statement", [])
    return {**document, "Statement": statements if isinstance(statements, list) else [statements]}


def _write(iam, role_name, document, sleep):
    _call(lambda: iam.update_assume_role_policy(RoleName=role_name, PolicyDocument=json.dumps(document)), sleep)


def _call(operation, sleep):
    # IAM rejects a principal it has not propagated yet ("Invalid principal"): retried like throttling.
    return call(operation, sleep, RETRYABLE, retry_also=lambda error: code(error) == "MalformedPolicyDocument" and "principal" in str(error).lower())


def _code(error):
    return code(error)


def _validate(props):
    for key in ("RoleName", "PrincipalArn", "Sid"):
        if not props.get(key):
            raise ValueError(f"'{key}' is required, got {props.get(key)!r}")
    if not ROLE_ARN.match(props["PrincipalArn"]):
        raise ValueError(f"'PrincipalArn' is {props['PrincipalArn']!r}: the trust statement must name the function's role (arn:aws:iam::<account>:role/<name>), never an account root")
