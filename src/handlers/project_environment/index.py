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
project with `Designation`, as a member of the project may: its user profile is looked up (created when
missing; an ASSIGNED or NOT_ASSIGNED profile is activated first, a DEACTIVATED one fails the deploy with the
command that reactivates it), the membership created. A membership that existed before is adopted (physical id ending `:adopted`)
and left in place on delete and update: it is someone else's. Delete removes a membership this resource made
(already gone: fine); an update to another `Designation` replaces it (DataZone has no UpdateProjectMembership).

Throttling and transient errors are retried with exponential backoff capped at 30 s; while polling, a call
that stays throttled counts as "not yet", and so does a refusal (AccessDeniedException) in the first 5 minutes of
the wait: the role, its policy and its membership were made minutes before. After that a refusal fails at once,
naming the role and the membership it needs.
"""
import json
import os
import time

from common.aws import DENIED, DENIED_GRACE_SECONDS, call, client, code

LOOKUP_TYPE = "Custom::ProjectEnvironmentLookup"
MEMBERSHIP_TYPE = "Custom::ProjectMembership"
RETRYABLE = {"ThrottlingException", "InternalServerException", "ServiceQuotaExceededException"}
FAILED = {"CREATE_FAILED", "UPDATE_FAILED", "DELETE_FAILED", "VALIDATION_FAILED", "DELETING", "DELETED", "SUSPENDED", "DISABLED", "EXPIRED", "INACCESSIBLE"}
REQUIREMENTS = ("ConnectionId", "AthenaWorkgroup")
DESIGNATIONS = ("PROJECT_OWNER", "PROJECT_CONTRIBUTOR")
DEFAULT_TIMEOUT_SECONDS = 1800
ADOPTED = ":adopted"  # the physical id of a membership that existed before the resource


def on_event(event, context=None, datazone=None, now=time.time, sleep=time.sleep):
    kind = event.get("ResourceType", LOOKUP_TYPE)
    props = event["ResourceProperties"]
    if kind == MEMBERSHIP_TYPE:
        return _membership(event, props, datazone, sleep)
    _validate_lookup(props)
    physical_id = f"project-environment:{props['ProjectId']}:{props.get('EnvironmentName', 'Tooling')}"
    if event["RequestType"] == "Delete":
        return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}
    return {"PhysicalResourceId": physical_id, "Data": {"WaitStartedAt": str(int(now()))}}


def is_complete(event, context=None, datazone=None, now=time.time, sleep=time.sleep):
    if event.get("RequestType") == "Delete" or event.get("ResourceType") == MEMBERSHIP_TYPE:
        return {"IsComplete": True}
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


def _membership(event, props, datazone, sleep):
    for key in ("DomainId", "ProjectId", "UserArn"):
        if not props.get(key):
            raise ValueError(f"'{key}' is required, got {props.get(key)!r}")
    designation = props.get("Designation", "PROJECT_CONTRIBUTOR")
    if designation not in DESIGNATIONS:
        raise ValueError(f"'Designation' is one of {', '.join(DESIGNATIONS)}, got {designation!r}")
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
        old = event.get("OldResourceProperties") or {}
        same_member = event["RequestType"] == "Update" and previous_id.startswith(physical_id)
        if same_member and previous_id.endswith(ADOPTED):
            # Adopted: neither created nor re-designated here (the membership is someone else's).
            if old.get("Designation") not in (None, designation):
                _log("designation not changed: the membership existed before this resource", project=props["ProjectId"], user=props["UserArn"])
            return {"PhysicalResourceId": previous_id, "Data": {"UserProfileId": user_id}}
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
                return {"PhysicalResourceId": previous_id, "Data": {"UserProfileId": user_id}}
            _log("already a member: adopted, and left in place on delete", project=props["ProjectId"], user=props["UserArn"])
            physical_id += ADOPTED
    except Exception as error:
        if code(error) in DENIED:
            raise RuntimeError(_denied(props, error)) from error
        raise
    return {"PhysicalResourceId": physical_id, "Data": {"UserProfileId": user_id}}


def _already_member(error):
    """CreateProjectMembership declares no ConflictException; DataZone may answer a repeat with one, or with a ValidationException saying so."""
    return code(error) == "ConflictException" or (code(error) == "ValidationException" and "already" in str(error).lower())


def _user_profile(datazone, props, sleep):
    """The user's profile id (created when missing); an ASSIGNED or NOT_ASSIGNED profile is activated first."""
    get = lambda: _call(lambda: datazone.get_user_profile(domainIdentifier=props["DomainId"], userIdentifier=props["UserArn"], type="IAM"), sleep)
    try:
        profile = get()
    except Exception as error:
        if code(error) != "ResourceNotFoundException":
            raise
        try:
            profile = _call(lambda: datazone.create_user_profile(domainIdentifier=props["DomainId"], userIdentifier=props["UserArn"], userType="IAM_ROLE"), sleep)
        except Exception as create_error:
            if code(create_error) != "ConflictException":
                raise
            profile = get()
    status = profile.get("status")
    if status == "DEACTIVATED":
        raise RuntimeError(
            f"The DataZone user profile {profile['id']} of {props['UserArn']} (domain {props['DomainId']}) is DEACTIVATED: a deactivated user cannot "
            f"act in project {props['ProjectId']}. Fix: reactivate it ('aws datazone update-user-profile --domain-identifier {props['DomainId']} "
            f"--user-identifier {profile['id']} --type IAM --status ACTIVATED') if that was not deliberate, then deploy again.")
    if status in ("ASSIGNED", "NOT_ASSIGNED"):
        try:
            _call(lambda: datazone.update_user_profile(domainIdentifier=props["DomainId"], userIdentifier=profile["id"], type="IAM", status="ACTIVATED"), sleep)
        except Exception as error:
            if code(error) not in DENIED and code(error) != "ValidationException":
                raise
            # Whether a project member may activate a profile is not documented: the membership is tried anyway.
            _log("warning: could not activate the user profile; the membership is made with it as it is",
                 profile=profile["id"], status=status, error=str(error))
    return profile["id"]


def _leave(datazone, props, sleep):
    try:
        user_id = _call(lambda: datazone.get_user_profile(domainIdentifier=props["DomainId"], userIdentifier=props["UserArn"], type="IAM"), sleep)["id"]
        _call(lambda: datazone.delete_project_membership(domainIdentifier=props["DomainId"], projectIdentifier=props["ProjectId"], member={"userIdentifier": user_id}), sleep)
    except Exception as error:
        if code(error) != "ResourceNotFoundException":
            raise
        _log("membership already gone", project=props["ProjectId"], user=props["UserArn"])


def _pages(list_page, sleep):
    items, token = [], {}
    while True:
        page = _call(lambda: list_page(token), sleep)
        items.extend(page.get("items", []))
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
    seconds = props.get("TimeoutSeconds", DEFAULT_TIMEOUT_SECONDS)
    if not str(seconds).isdigit() or not 60 <= int(seconds) <= 3300:
        raise ValueError(f"'TimeoutSeconds' is whole seconds from 60 to 3300 (CloudFormation fails a custom resource after one hour), got {seconds!r}")


def _log(message, **fields):
    if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
        print(json.dumps({"message": message, **fields}))
