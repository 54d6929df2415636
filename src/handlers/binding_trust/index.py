# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Lets a function's execution role assume the consumer project role: one statement in its trust policy.

The project role is created by SageMaker Unified Studio, not by the stack, so its trust policy is
edited here (aws-cdk-lib Provider framework, `on_event`), and again on a schedule and on every
`UpdateAssumeRolePolicy` of the role that EventBridge sees (`RequestType` "Reconcile"), because DataZone
itself may rewrite it (docs/deploy-hazards.md, F10):

- Create / Update / Reconcile: one statement, identified by its `Sid`, allows `sts:AssumeRole` to the
  function's role ARN (never an account root). With `SelfAssumeSessionName`, a second one (`<Sid>Self`)
  lets sessions of the project role with that session name (the ones the binding's exec wrapper starts)
  assume the role again, which code that calls `sts.assume_role` itself needs (F11). Every other
  statement is kept as it is. Idempotent: when the statements are already there unchanged, nothing is
  written.
- Delete: remove only those statements. A role that is already gone is fine; deleting twice is harmless.

IAM has no conditional write, so each change is a read-merge-write that is read back: when another
writer (DataZone) replaced the policy between the read and the write, the merge is done again on what it
wrote, a bounded number of times. Throttling, ConcurrentModification and "Invalid principal" (IAM has
not propagated a new role yet) are retried with capped exponential backoff, all within a bounded wait.

A Reconcile that had to restore a statement logs the metric `cdk-data-mesh/TrustStatementRestored`
(CloudWatch embedded metric format, dimension `Binding` = the Sid), on which the construct alarms.
"""
import json
import os
import re
import time
from urllib.parse import unquote

from common.aws import call, client, code

ROLE_ARN = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:role/.+$")
SESSION_NAME = re.compile(r"^[\w+=,.@-]{2,64}$")
RETRYABLE = {"Throttling", "ThrottlingException", "ConcurrentModification", "ConcurrentModificationException", "ServiceFailure"}
SELF_SUFFIX = "Self"
MAX_WAIT_SECONDS = 180
MERGE_ATTEMPTS = 5
METRIC_NAMESPACE = "cdk-data-mesh"
METRIC_NAME = "TrustStatementRestored"


def on_event(event, context=None, iam=None, sleep=time.sleep, clock=time.monotonic):
    props = event["ResourceProperties"]
    _validate(props)
    iam = iam or client("iam")
    deadline = clock() + MAX_WAIT_SECONDS
    physical_id = f"binding-trust:{props['RoleName']}:{props['Sid']}"
    request = event["RequestType"]
    if request == "Delete":
        _remove(iam, props["RoleName"], props["Sid"], sleep, clock, deadline)
        return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}
    old = event.get("OldResourceProperties") or {}
    if request == "Update" and old.get("RoleName") and old.get("RoleName") != props["RoleName"]:
        _remove(iam, old["RoleName"], old.get("Sid", props["Sid"]), sleep, clock, deadline)
    restored = _converge(iam, props["RoleName"], lambda role_arn: wanted_statements(props, role_arn), sleep, clock, deadline)
    if request == "Reconcile" and restored:
        _metric(props, restored)
    return {"PhysicalResourceId": physical_id, "Data": {"Changed": str(bool(restored)).lower()}}


def statement(props):
    """The statement that lets the function's role assume the project role."""
    return {"Sid": props["Sid"], "Effect": "Allow", "Principal": {"AWS": props["PrincipalArn"]}, "Action": "sts:AssumeRole"}


def self_statement(props, role_arn):
    """The statement that lets the wrapper's sessions of the project role assume it again (explicit self-trust)."""
    return {
        "Sid": props["Sid"] + SELF_SUFFIX,
        "Effect": "Allow",
        "Principal": {"AWS": role_arn},
        "Action": "sts:AssumeRole",
        "Condition": {"StringLike": {"aws:userid": f"*:{props['SelfAssumeSessionName']}"}},
    }


def wanted_statements(props, role_arn):
    """Our statements by Sid: a statement to have, or None for one to remove."""
    own = {props["Sid"]: statement(props), props["Sid"] + SELF_SUFFIX: None}
    if props.get("SelfAssumeSessionName"):
        own[props["Sid"] + SELF_SUFFIX] = self_statement(props, role_arn)
    return own


def merge(statements, own):
    """Every statement that is not ours, as it is and in its order, then ours (those not None), in a fixed order."""
    others = [s for s in statements if s.get("Sid") not in own]
    return others + [s for s in own.values() if s is not None]


def _converge(iam, role_name, own_for, sleep, clock, deadline):
    """Read, merge and write until the policy read back holds our statements; returns which Sids had to change."""
    changed = []
    for attempt in range(MERGE_ATTEMPTS):
        document, role_arn = _trust(iam, role_name, sleep, clock, deadline)
        current = document.get("Statement", [])
        own = own_for(role_arn)
        wanted = merge(current, own)
        if wanted == current:
            return changed
        if attempt > 0:
            _log("trust policy differs from what was written; merging again", role=role_name, attempt=attempt)
        changed = changed or _differing(current, own)
        _write(iam, role_name, {**document, "Statement": wanted}, sleep, clock, deadline)
        # Read back after a pause: a concurrent writer, or IAM's eventual consistency, shows here.
        wait = min(2 ** attempt, 8)
        if clock() + wait > deadline:
            break
        sleep(wait)
    raise RuntimeError(
        f"The trust policy of role {role_name} did not keep the binding's statements after {MERGE_ATTEMPTS} writes within {MAX_WAIT_SECONDS} s: "
        f"another writer keeps replacing it (SageMaker Unified Studio, or a second binding). Fix: find the writer with CloudTrail "
        f"(eventName UpdateAssumeRolePolicy, requestParameters.roleName {role_name}) and deploy again; the reconciliation retries on its schedule.")


def _differing(current, own):
    by_sid = {s.get("Sid"): s for s in current}
    return sorted(sid for sid, wanted in own.items() if by_sid.get(sid) != wanted and not (wanted is None and sid not in by_sid))


def _remove(iam, role_name, sid, sleep, clock, deadline):
    try:
        _converge(iam, role_name, lambda _arn: {sid: None, sid + SELF_SUFFIX: None}, sleep, clock, deadline)
    except Exception as error:
        if _code(error) == "NoSuchEntity":
            return
        raise


def _trust(iam, role_name, sleep, clock, deadline):
    role = _call(lambda: iam.get_role(RoleName=role_name), sleep, clock, deadline)["Role"]
    document = role["AssumeRolePolicyDocument"]
    if isinstance(document, str):
        document = json.loads(unquote(document))
    statements = document.get("Statement", [])
    return {**document, "Statement": statements if isinstance(statements, list) else [statements]}, role.get("Arn", "")


def _write(iam, role_name, document, sleep, clock, deadline):
    try:
        _call(lambda: iam.update_assume_role_policy(RoleName=role_name, PolicyDocument=json.dumps(document)), sleep, clock, deadline)
    except Exception as error:
        if _code(error) != "LimitExceeded":
            raise
        # A quota (the role trust policy length): waiting does not raise it, so it fails at once.
        raise RuntimeError(
            f"IAM refused the trust policy of role {role_name} ({_code(error)}: {error}): with the binding's statements it exceeds the "
            f"role trust policy length quota. Fix: remove statements the role no longer needs, or raise 'Role trust policy length' "
            f"in Service Quotas (AWS Identity and Access Management), then deploy again.") from error


def _call(operation, sleep, clock, deadline):
    # IAM rejects a principal it has not propagated yet ("Invalid principal"): retried like throttling.
    return call(operation, sleep, RETRYABLE, retry_also=lambda error: code(error) == "MalformedPolicyDocument" and "principal" in str(error).lower(),
                deadline=deadline, clock=clock, what="IAM to read or write the project role's trust policy",
                fix="IAM kept throttling or had not propagated the function's role; deploy again in a few minutes (the reconciliation also retries on its schedule).")


def _metric(props, restored):
    """One CloudWatch embedded-metric-format record: Lambda's log group turns it into the metric, no API call needed."""
    print(json.dumps({
        "_aws": {"Timestamp": int(time.time() * 1000), "CloudWatchMetrics": [{
            "Namespace": METRIC_NAMESPACE, "Dimensions": [["Binding"]], "Metrics": [{"Name": METRIC_NAME, "Unit": "Count"}]}]},
        "Binding": props["Sid"],
        METRIC_NAME: 1,
        "RoleName": props["RoleName"],
        "Restored": restored,
        "message": "the project role's trust policy had lost the binding's statements; restored",
    }))


def _log(message, **fields):
    if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
        print(json.dumps({"message": message, **fields}))


def _code(error):
    return code(error)


def _validate(props):
    for key in ("RoleName", "PrincipalArn", "Sid"):
        if not props.get(key):
            raise ValueError(f"'{key}' is required, got {props.get(key)!r}")
    if not ROLE_ARN.match(props["PrincipalArn"]):
        raise ValueError(f"'PrincipalArn' is {props['PrincipalArn']!r}: the trust statement must name the function's role (arn:aws:iam::<account>:role/<name>), never an account root")
    session = props.get("SelfAssumeSessionName")
    if session and not SESSION_NAME.match(session):
        raise ValueError(f"'SelfAssumeSessionName' is {session!r}: a role session name is 2-64 of letters, digits and +=,.@_-")
