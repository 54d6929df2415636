# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""A project member's view of a SageMaker Unified Studio project, for deploys in a member account.

The handler's role is made a member of the project in the governance account (a DataZone user profile,
the project member pool, a project membership): DataZone authorizes project-scoped calls by membership.
One handler kind, two custom-resource types (aws-cdk-lib Provider framework, `is_complete` polls):

`Custom::ProjectEnvironmentLookup` waits (up to `TimeoutSeconds`) for the project's environment
`EnvironmentName` (Tooling) to be ACTIVE, then returns, as attributes:
- `ConnectionId`: the project's lakehouse connection (ListConnections: a connection whose type or name says
  lakehouse, or that has lakehouse properties), which a V2 project's Glue data source is bound to;
- `AthenaWorkgroup`: the project's Athena workgroup, from a connection's `athenaProperties.workgroupName`,
  else from a provisioned resource of the environment (GetEnvironment `provisionedResources`) named like one;
- `EnvironmentId`.
`Require` names the attributes the deploy needs (`ConnectionId`, `AthenaWorkgroup`); while one is missing
after the environment is ACTIVE the handler keeps waiting (connections may appear after the environment), and
at the deadline it fails saying what it waited for, what it saw and how to fix it. Delete: nothing.

`Custom::ProjectMembership` adds `UserArn` (an IAM role, e.g. the stack's CloudFormation execution role) to the
project with `Designation`, as a member of the project may: its user profile is looked up (common/datazone.py:
created when missing; an ASSIGNED or NOT_ASSIGNED profile is activated first, a DEACTIVATED one fails the deploy
with the command that reactivates it), the membership created. A membership that existed before is adopted (physical id ending `:adopted`)
and left in place on delete and update: it is someone else's. Delete removes a membership this resource made
(already gone: fine); an update to another `Designation` replaces it (DataZone has no UpdateProjectMembership).
Create and update then wait (up to `TimeoutSeconds`, default 600) until ListProjectMemberships lists the user's
profile (`members[].memberDetails.user.userId`, the `UserProfileId` that `on_event` returns in `Data`) with
`Designation` (an adopted membership: with any designation): the next resources (the data source) are made as
that user. At the deadline it fails saying what it waited for, what it saw and how to check it. Delete: no wait.

Throttling and transient errors are retried with exponential backoff capped at 30 s; while polling, a call
that stays throttled counts as "not yet", and so does a refusal (AccessDeniedException) in the first 5 minutes of
the wait: the role, its policy and its membership were made minutes before. After that a refusal fails at once,
naming the role and the membership it needs.
"""
import json
import os
import time

from common.aws import DENIED, DENIED_GRACE_SECONDS, call, client, code
from common.datazone import get_iam_profile, iam_role_profile

LOOKUP_TYPE = "Custom::ProjectEnvironmentLookup"
MEMBERSHIP_TYPE = "Custom::ProjectMembership"
RETRYABLE = {"ThrottlingException", "InternalServerException"}  # a quota error (ServiceQuotaExceededException) fails: waiting does not raise it
FAILED = {"CREATE_FAILED", "UPDATE_FAILED", "DELETE_FAILED", "VALIDATION_FAILED", "DELETING", "DELETED", "SUSPENDED", "DISABLED", "EXPIRED", "INACCESSIBLE"}
REQUIREMENTS = ("ConnectionId", "AthenaWorkgroup")
DESIGNATIONS = ("PROJECT_OWNER", "PROJECT_CONTRIBUTOR")
DEFAULT_TIMEOUT_SECONDS = 1800
DEFAULT_MEMBERSHIP_TIMEOUT_SECONDS = 600
ADOPTED = ":adopted"  # the physical id of a membership that existed before the resource


def on_event(event, context=None, datazone=None, now=time.time, sleep=time.sleep):
    kind = event.get("ResourceType", LOOKUP_TYPE)
    props = event["ResourceProperties"]
    if kind == MEMBERSHIP_TYPE:
        return _membership(event, props, datazone, sleep, now)
    _validate_lookup(props)
    physical_id = f"project-environment:{props['ProjectId']}:{props.get('EnvironmentName', 'Tooling')}"
    if event["RequestType"] == "Delete":
        return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}
    return {"PhysicalResourceId": physical_id, "Data": {"WaitStartedAt": str(int(now()))}}


def is_complete(event, context=None, datazone=None, now=time.time, sleep=time.sleep):
    if event.get("RequestType") == "Delete":
        return {"IsComplete": True}
    if event.get("ResourceType") == MEMBERSHIP_TYPE:
        return _membership_listed(event, datazone or client("datazone"), now, sleep)
    props = event["ResourceProperties"]
    started = int(event.get("Data", {}).get("WaitStartedAt", now()))
    timeout = int(props.get("TimeoutSeconds", DEFAULT_TIMEOUT_SECONDS))
    datazone = datazone or client("datazone")
    try:
        found = lookup(datazone, props, sleep)
    except Exception as error:
        if code(error) in RETRYABLE:
            _give_up_after(timeout, started, now, props, "unknown (DataZone kept throttling the calls)")
            return {"IsComplete": False}
        if code(error) in DENIED:
            if now() - started < DENIED_GRACE_SECONDS:
                # The role, its policy and its membership are minutes old: IAM and DataZone may not apply them yet.
                _log("refused, waiting for fresh permissions to apply", project=props["ProjectId"], error=str(error))
                return {"IsComplete": False}
            raise RuntimeError(_denied(props, error)) from error
        raise
    missing = [name for name in _required(props) if not found.get(name)]
    if found.get("Status") == "ACTIVE" and not missing:
        _log("project environment found", project=props["ProjectId"], **found)
        return {"IsComplete": True, "Data": {key: found.get(key, "") for key in ("EnvironmentId", "ConnectionId", "AthenaWorkgroup")}}
    _give_up_after(timeout, started, now, props, found.get("Seen"), missing)
    return {"IsComplete": False}


def lookup(datazone, props, sleep=time.sleep):
    """What the project shows of its environment `EnvironmentName`: status, ids, connection and workgroup."""
    name = props.get("EnvironmentName", "Tooling")
    environments = _pages(lambda token: datazone.list_environments(domainIdentifier=props["DomainId"], projectIdentifier=props["ProjectId"], **token), sleep)
    matches = [e for e in environments if name in (e.get("name"), e.get("environmentConfigurationName"))]
    if not matches:
        seen = ", ".join(f"{e.get('name')} ({e.get('status')})" for e in environments) or "no environment"
        return {"Seen": f"environment '{name}' not found (the project has {seen})"}
    environment = matches[0]
    status = environment.get("status")
    if status in FAILED:
        raise RuntimeError(
            f"The environment '{name}' ({environment.get('id')}) of project {props['ProjectId']} (domain {props['DomainId']}) is {status}. "
            f"Fix: read its last deployment ('aws datazone get-environment --domain-identifier {props['DomainId']} --identifier {environment.get('id')}'), "
            f"fix the member account's blueprint configuration, then redeploy the project (or the environment) and this stack.")
    if status != "ACTIVE":
        return {"Seen": f"environment '{name}' ({environment.get('id')}) is {status}", "Status": status}
    environment_id = environment["id"]
    connections = _pages(lambda token: datazone.list_connections(domainIdentifier=props["DomainId"], projectIdentifier=props["ProjectId"], **token), sleep)
    connection = _lakehouse(connections, environment_id)
    workgroup = _workgroup_of_connections(connections, environment_id)
    if not workgroup:
        detail = _call(lambda: datazone.get_environment(domainIdentifier=props["DomainId"], identifier=environment_id), sleep)
        workgroup = _workgroup_of_resources(detail.get("provisionedResources") or [])
    names = ", ".join(f"{c.get('name')} ({c.get('type')})" for c in connections) or "none"
    return {
        "Status": "ACTIVE",
        "EnvironmentId": environment_id,
        "ConnectionId": connection.get("connectionId", "") if connection else "",
        "AthenaWorkgroup": workgroup or "",
        "Seen": f"environment '{name}' ({environment_id}) is ACTIVE; the project's connections: {names}",
    }


def _lakehouse(connections, environment_id):
    """The lakehouse connection: its type or name says lakehouse, or it has lakehouse properties; the environment's own first."""
    def is_lakehouse(c):
        return "LAKEHOUSE" in str(c.get("type", "")).upper() or "lakehouse" in str(c.get("name", "")).lower() or "lakehouseProperties" in (c.get("props") or {})
    candidates = sorted((c for c in connections if is_lakehouse(c)), key=lambda c: c.get("environmentId") != environment_id)
    return candidates[0] if candidates else None


def _workgroup_of_connections(connections, environment_id):
    named = [c for c in connections if ((c.get("props") or {}).get("athenaProperties") or {}).get("workgroupName")]
    named.sort(key=lambda c: c.get("environmentId") != environment_id)
    return named[0]["props"]["athenaProperties"]["workgroupName"] if named else None


def _workgroup_of_resources(resources):
    for resource in resources:
        label = f"{resource.get('name', '')} {resource.get('type', '')}".lower()
        if "workgroup" in label and resource.get("value"):
            return resource["value"]
    return None


def _membership(event, props, datazone, sleep, now):
    for key in ("DomainId", "ProjectId", "UserArn"):
        if not props.get(key):
            raise ValueError(f"'{key}' is required, got {props.get(key)!r}")
    designation = props.get("Designation", "PROJECT_CONTRIBUTOR")
    if designation not in DESIGNATIONS:
        raise ValueError(f"'Designation' is one of {', '.join(DESIGNATIONS)}, got {designation!r}")
    if event["RequestType"] != "Delete":
        _validate_timeout(props, DEFAULT_MEMBERSHIP_TIMEOUT_SECONDS)
    physical_id = f"project-membership:{props['ProjectId']}:{props['UserArn']}"
    previous_id = event.get("PhysicalResourceId", "")
    datazone = datazone or client("datazone")
    try:
        if event["RequestType"] == "Delete":
            if previous_id.endswith(ADOPTED):
                # The membership existed before this resource: someone else's, so it stays.
                _log("membership kept: it existed before this resource", project=props["ProjectId"], user=props["UserArn"])
            else:
                _leave(datazone, props, sleep)
            return {"PhysicalResourceId": previous_id or physical_id}
        user_id = _user_profile(datazone, props, sleep)
        data = {"UserProfileId": user_id, "WaitStartedAt": str(int(now()))}
        old = event.get("OldResourceProperties") or {}
        same_member = event["RequestType"] == "Update" and previous_id.startswith(physical_id)
        if same_member and previous_id.endswith(ADOPTED):
            # Adopted: neither created nor re-designated here (the membership is someone else's).
            if old.get("Designation") not in (None, designation):
                _log("designation not changed: the membership existed before this resource", project=props["ProjectId"], user=props["UserArn"])
            return {"PhysicalResourceId": previous_id, "Data": data}
        if same_member and old.get("Designation") not in (None, designation):
            # DataZone has no UpdateProjectMembership: a new designation is a new membership.
            _leave(datazone, props, sleep)
        try:
            _call(lambda: datazone.create_project_membership(domainIdentifier=props["DomainId"], projectIdentifier=props["ProjectId"], member={"userIdentifier": user_id}, designation=designation), sleep)
        except Exception as error:
            if not _already_member(error):
                raise
            if same_member:
                # Ours from an earlier deploy of this resource: still ours.
                return {"PhysicalResourceId": previous_id, "Data": data}
            _log("already a member: adopted, and left in place on delete", project=props["ProjectId"], user=props["UserArn"])
            physical_id += ADOPTED
    except Exception as error:
        if code(error) in DENIED:
            raise RuntimeError(_denied(props, error)) from error
        raise
    return {"PhysicalResourceId": physical_id, "Data": data}


def _already_member(error):
    """CreateProjectMembership declares no ConflictException; DataZone may answer a repeat with one, or with a ValidationException saying so."""
    return code(error) == "ConflictException" or (code(error) == "ValidationException" and "already" in str(error).lower())


def _user_profile(datazone, props, sleep):
    """The user's profile id (created when missing); an ASSIGNED or NOT_ASSIGNED profile is activated first."""
    # Whether a project member may activate a profile is not documented: if refused, the membership is tried anyway.
    profile, _ = iam_role_profile(datazone, props["DomainId"], props["UserArn"], sleep, RETRYABLE, tolerate=DENIED | {"ValidationException"},
                                  log=_log, acting_in=f"project {props['ProjectId']}")
    return profile["id"]


def _leave(datazone, props, sleep):
    try:
        user_id = get_iam_profile(datazone, props["DomainId"], props["UserArn"], sleep, RETRYABLE)["id"]
        _call(lambda: datazone.delete_project_membership(domainIdentifier=props["DomainId"], projectIdentifier=props["ProjectId"], member={"userIdentifier": user_id}), sleep)
    except Exception as error:
        if code(error) != "ResourceNotFoundException":
            raise
        _log("membership already gone", project=props["ProjectId"], user=props["UserArn"])


def _membership_listed(event, datazone, now, sleep):
    """Complete once ListProjectMemberships lists the user's profile with its designation (any, when adopted)."""
    props = event["ResourceProperties"]
    data = event.get("Data") or {}
    user_id = data.get("UserProfileId")
    if not user_id:
        return {"IsComplete": True}  # nothing known to wait for (on_event returns the id on create and update)
    started = int(data.get("WaitStartedAt", now()))
    timeout = int(props.get("TimeoutSeconds", DEFAULT_MEMBERSHIP_TIMEOUT_SECONDS))
    designation = props.get("Designation", "PROJECT_CONTRIBUTOR")
    adopted = str(event.get("PhysicalResourceId", "")).endswith(ADOPTED)
    try:
        members = _pages(lambda token: datazone.list_project_memberships(domainIdentifier=props["DomainId"], projectIdentifier=props["ProjectId"], **token),
                         sleep, key="members")
    except Exception as error:
        if code(error) in RETRYABLE:
            _membership_deadline(timeout, started, now, props, user_id, designation, "unknown (DataZone kept throttling ListProjectMemberships)")
            return {"IsComplete": False}
        if code(error) in DENIED:
            if now() - started < DENIED_GRACE_SECONDS:
                _log("refused, waiting for fresh permissions to apply", project=props["ProjectId"], error=str(error))
                _membership_deadline(timeout, started, now, props, user_id, designation, f"ListProjectMemberships refused ({code(error)}: {error})")
                return {"IsComplete": False}
            raise RuntimeError(_denied(props, error)) from error
        raise
    listed = [m.get("designation") for m in members if ((m.get("memberDetails") or {}).get("user") or {}).get("userId") == user_id]
    if designation in listed or (adopted and listed):
        _log("membership listed", project=props["ProjectId"], user=props["UserArn"], designations=listed)
        return {"IsComplete": True}
    if listed:
        seen = f"user {user_id} listed as {', '.join(listed)}"
    else:
        shown = [_member_label(m) for m in members[:20]]
        more = f" and {len(members) - 20} more" if len(members) > 20 else ""
        seen = f"user {user_id} not listed; the project's members: {', '.join(shown) or 'none'}{more}"
    _membership_deadline(timeout, started, now, props, user_id, designation, seen)
    return {"IsComplete": False}


def _member_label(member):
    details = member.get("memberDetails") or {}
    who = f"user {details['user'].get('userId')}" if details.get("user") else f"group {(details.get('group') or {}).get('groupId')}"
    return f"{who} ({member.get('designation')})"


def _membership_deadline(timeout, started, now, props, user_id, designation, seen):
    if now() - started <= timeout:
        return
    project, domain = props["ProjectId"], props["DomainId"]
    raise RuntimeError(
        f"Not listed within {timeout} s: user profile {user_id} ({props['UserArn']}) as {designation} of project {project} (domain {domain}); "
        f"the resources after the membership (the data source) are made as that role. Last seen: {seen}. Fix: list the members "
        f"('aws datazone list-project-memberships --domain-identifier {domain} --project-identifier {project}'). If the user is listed, DataZone "
        f"was slow: deploy again. If not, check that the role is in the project member pool (MeshProjectMember, in the governance account) and "
        f"that the project member {props.get('HandlerRoleArn', '(unknown)')} is an owner of the project, then deploy again.")


def _pages(list_page, sleep, key="items"):
    items, token = [], {}
    while True:
        page = _call(lambda: list_page(token), sleep)
        items.extend(page.get(key, []))
        if not page.get("nextToken"):
            return items
        token = {"nextToken": page["nextToken"]}


def _required(props):
    return [name for name in str(props.get("Require", "")).split(",") if name]


def _denied(props, error):
    return (f"{code(error)}: {error}. The handler role {props.get('HandlerRoleArn', '(unknown)')} may not read project {props['ProjectId']} "
            f"of domain {props['DomainId']}. Fix: in the governance account, register it as an IAM_ROLE user profile of the domain, put it in "
            f"the project member pool (ADD_TO_PROJECT_MEMBER_POOL) and make it a member of the project (MeshProjectMember does all three; "
            f"ThreeAccountMesh adds it), let it use the domain's KMS key if it has one; then deploy again.")


def _give_up_after(timeout, started, now, props, seen, missing=()):
    if now() - started <= timeout:
        return
    name = props.get("EnvironmentName", "Tooling")
    wanted = f" with {' and '.join(missing)}" if missing else ""
    raise RuntimeError(
        f"Not found within {timeout} s: the ACTIVE environment '{name}' of project {props['ProjectId']} (domain {props['DomainId']}){wanted}. "
        f"Last seen: {seen}. Fix: check the project's environments ('aws datazone list-environments --domain-identifier {props['DomainId']} "
        f"--project-identifier {props['ProjectId']}') and connections ('aws datazone list-connections --domain-identifier {props['DomainId']} "
        f"--project-identifier {props['ProjectId']}'); a project whose Tooling environment failed must be redeployed. Deploy again once it is "
        f"ACTIVE, or pass the value explicitly (ConsumerBinding's athenaWorkgroup, ProducerDataProduct's dataSource.connectionId).")


def _call(operation, sleep):
    return call(operation, sleep, RETRYABLE, attempts=6)


def _validate_lookup(props):
    for key in ("DomainId", "ProjectId"):
        if not props.get(key):
            raise ValueError(f"'{key}' is required, got {props.get(key)!r}")
    unknown = [name for name in _required(props) if name not in REQUIREMENTS]
    if unknown:
        raise ValueError(f"'Require' lists {', '.join(REQUIREMENTS)}, got {props.get('Require')!r}")
    _validate_timeout(props, DEFAULT_TIMEOUT_SECONDS)


def _validate_timeout(props, default):
    seconds = props.get("TimeoutSeconds", default)
    if not str(seconds).isdigit() or not 60 <= int(seconds) <= 3300:
        raise ValueError(f"'TimeoutSeconds' is whole seconds from 60 to 3300 (CloudFormation fails a custom resource after one hour), got {seconds!r}")


def _log(message, **fields):
    if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
        print(json.dumps({"message": message, **fields}))
