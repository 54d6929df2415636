# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The project lookup (Tooling environment, lakehouse connection, Athena workgroup) and the project membership
custom resources. moto does not emulate DataZone: the handler runs against a real boto3 DataZone client in
botocore's Stubber, so every request is checked against the service model and every response has the API's shapes."""
import datetime

import pytest

import project_environment.index as handler
from conftest import gives_up, throttle

DOMAIN, PROJECT, ENV, CONN = "dzd_abc123", "prj5producer", "env7tooling", "conn9lakehouse"
ROLE = "arn:aws:iam::222222222222:role/cdk-data-mesh-dz-eu-west-1-1a2b3c4d"
EXEC = "arn:aws:iam::222222222222:role/cdk-hnb659fds-cfn-exec-role-222222222222-eu-west-1"
NOW = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
PROPS = {"DomainId": DOMAIN, "ProjectId": PROJECT, "EnvironmentName": "Tooling", "Require": "ConnectionId", "HandlerRoleArn": ROLE, "TimeoutSeconds": "600"}
LIST = {"domainIdentifier": DOMAIN, "projectIdentifier": PROJECT}


def lookup_event(request_type="Create", started=1000, **props):
    return {"RequestType": request_type, "ResourceType": handler.LOOKUP_TYPE, "ResourceProperties": {**PROPS, **props},
            "PhysicalResourceId": "x", "Data": {"WaitStartedAt": str(started)}}


def environment(status="ACTIVE", name="Tooling", env_id=ENV):
    return {"projectId": PROJECT, "id": env_id, "domainId": DOMAIN, "createdBy": "system", "name": name, "provider": "Amazon SageMaker",
            "status": status, "createdAt": NOW, "environmentConfigurationName": name}


def connection(name, kind, conn_id, **props):
    return {"connectionId": conn_id, "domainId": DOMAIN, "domainUnitId": "root", "name": name, "physicalEndpoints": [], "type": kind,
            "projectId": PROJECT, "environmentId": ENV, **({"props": props} if props else {})}


LAKEHOUSE = connection("project.default_lakehouse", "LAKEHOUSE", CONN)
ATHENA = connection("project.athena", "ATHENA", "conn3athena", athenaProperties={"workgroupName": "workgroup-prj5producer-dev"})


def detail(resources=()):
    return {"projectId": PROJECT, "id": ENV, "domainId": DOMAIN, "createdBy": "system", "name": "Tooling", "provider": "Amazon SageMaker",
            "status": "ACTIVE", "provisionedResources": list(resources)}


def test_the_lookup_starts_its_wait_and_names_the_project_and_environment(datazone):
    client, _ = datazone
    assert handler.on_event(lookup_event(), datazone=client, now=lambda: 1000) == {
        "PhysicalResourceId": f"project-environment:{PROJECT}:Tooling", "Data": {"WaitStartedAt": "1000"}}


def test_an_active_tooling_environment_gives_the_lakehouse_connection_and_the_workgroup(datazone):
    client, stub = datazone
    stub.add_response("list_environments", {"items": [environment("ACTIVE", "DataLake", "env8lake"), environment()]}, LIST)
    stub.add_response("list_connections", {"items": [ATHENA, LAKEHOUSE]}, LIST)
    result = handler.is_complete(lookup_event(), datazone=client, now=lambda: 1100)
    assert result == {"IsComplete": True, "Data": {"EnvironmentId": ENV, "ConnectionId": CONN, "AthenaWorkgroup": "workgroup-prj5producer-dev"}}


def test_the_workgroup_comes_from_the_environments_provisioned_resources_when_no_connection_names_one(datazone):
    client, stub = datazone
    stub.add_response("list_environments", {"items": [environment()]}, LIST)
    stub.add_response("list_connections", {"items": [LAKEHOUSE]}, LIST)
    stub.add_response("get_environment", detail([{"name": "userRoleArn", "type": "IAMRole", "value": "arn:aws:iam::333333333333:role/datazone_usr_role_x"},
                                                 {"name": "workgroupName", "type": "AthenaWorkgroup", "value": "workgroup-from-env"}]),
                      {"domainIdentifier": DOMAIN, "identifier": ENV})
    result = handler.is_complete(lookup_event(Require="AthenaWorkgroup"), datazone=client, now=lambda: 1100)
    assert result["Data"]["AthenaWorkgroup"] == "workgroup-from-env"


def test_the_lookup_follows_every_page_of_environments_and_connections(datazone):
    client, stub = datazone
    stub.add_response("list_environments", {"items": [environment("ACTIVE", "DataLake", "env8lake")], "nextToken": "e2"}, LIST)
    stub.add_response("list_environments", {"items": [environment()]}, {**LIST, "nextToken": "e2"})
    stub.add_response("list_connections", {"items": [ATHENA], "nextToken": "c2"}, LIST)
    stub.add_response("list_connections", {"items": [LAKEHOUSE]}, {**LIST, "nextToken": "c2"})
    assert handler.is_complete(lookup_event(), datazone=client, now=lambda: 1100)["Data"]["ConnectionId"] == CONN


def test_a_connection_that_only_has_lakehouse_properties_counts_as_the_lakehouse(datazone):
    client, stub = datazone
    other = connection("my-lake", "IAM", "conn4", lakehouseProperties={})
    stub.add_response("list_environments", {"items": [environment()]}, LIST)
    stub.add_response("list_connections", {"items": [other, ATHENA]}, LIST)
    assert handler.is_complete(lookup_event(), datazone=client, now=lambda: 1100)["Data"]["ConnectionId"] == "conn4"


def test_a_tooling_environment_still_creating_is_not_yet_complete(datazone):
    client, stub = datazone
    stub.add_response("list_environments", {"items": [environment("CREATING")]}, LIST)
    assert handler.is_complete(lookup_event(), datazone=client, now=lambda: 1100) == {"IsComplete": False}


def test_an_active_environment_without_the_required_connection_keeps_the_wait_going(datazone):
    client, stub = datazone
    stub.add_response("list_environments", {"items": [environment()]}, LIST)
    stub.add_response("list_connections", {"items": [ATHENA]}, LIST)
    assert handler.is_complete(lookup_event(), datazone=client, now=lambda: 1100) == {"IsComplete": False}


def test_at_the_deadline_the_message_says_what_was_waited_for_what_was_seen_and_how_to_fix_it(datazone):
    client, stub = datazone
    stub.add_response("list_environments", {"items": [environment()]}, LIST)
    stub.add_response("list_connections", {"items": [ATHENA]}, LIST)
    with pytest.raises(RuntimeError) as raised:
        handler.is_complete(lookup_event(started=1000), datazone=client, now=lambda: 1601)
    message = str(raised.value)
    assert "Not found within 600 s: the ACTIVE environment 'Tooling' of project prj5producer" in message
    assert "with ConnectionId" in message and "project.athena (ATHENA)" in message
    assert "aws datazone list-connections" in message and "dataSource.connectionId" in message


def test_a_project_without_the_environment_says_which_environments_it_has(datazone):
    client, stub = datazone
    stub.add_response("list_environments", {"items": [environment("ACTIVE", "DataLake", "env8lake")]}, LIST)
    with pytest.raises(RuntimeError, match=r"environment 'Tooling' not found \(the project has DataLake \(ACTIVE\)\)"):
        handler.is_complete(lookup_event(started=1000), datazone=client, now=lambda: 1601)


def test_a_failed_tooling_environment_fails_at_once_with_the_command_that_shows_why(datazone):
    client, stub = datazone
    stub.add_response("list_environments", {"items": [environment("CREATE_FAILED")]}, LIST)
    with pytest.raises(RuntimeError, match=r"is CREATE_FAILED.*aws datazone get-environment --domain-identifier dzd_abc123 --identifier env7tooling"):
        handler.is_complete(lookup_event(), datazone=client, now=lambda: 1100)


def test_throttled_polls_count_as_not_yet(datazone):
    client, stub = datazone
    throttle(stub, "list_environments", 6, expected_params=LIST)
    assert handler.is_complete(lookup_event(), datazone=client, now=lambda: 1100, sleep=lambda s: None) == {"IsComplete": False}


def test_throttling_is_retried_with_backoff_capped_at_30_seconds(datazone):
    client, stub = datazone
    waits = []
    throttle(stub, "list_environments", 5, expected_params=LIST)
    stub.add_response("list_environments", {"items": [environment("CREATING")]}, LIST)
    assert handler.is_complete(lookup_event(), datazone=client, now=lambda: 1100, sleep=waits.append) == {"IsComplete": False}
    assert len(waits) == 5 and max(waits) <= 30


def test_a_refusal_in_the_first_minutes_waits_for_fresh_permissions_to_apply(datazone):
    client, stub = datazone
    stub.add_client_error("list_environments", "AccessDeniedException", "not a member", expected_params=LIST)
    assert handler.is_complete(lookup_event(), datazone=client, now=lambda: 1000 + handler.DENIED_GRACE_SECONDS - 1) == {"IsComplete": False}


def test_access_denied_after_the_grace_names_the_handler_role_and_the_membership_it_needs(datazone):
    client, stub = datazone
    stub.add_client_error("list_environments", "AccessDeniedException", "not a member", expected_params=LIST)
    with pytest.raises(RuntimeError, match=r"The handler role arn:aws:iam::222222222222:role/cdk-data-mesh-dz-.* may not read project prj5producer.*MeshProjectMember"):
        handler.is_complete(lookup_event(), datazone=client, now=lambda: 1000 + handler.DENIED_GRACE_SECONDS)


def test_deleting_the_lookup_calls_nothing(datazone):
    client, _ = datazone
    assert handler.on_event(lookup_event("Delete"), datazone=client) == {"PhysicalResourceId": "x"}
    assert handler.is_complete(lookup_event("Delete"), datazone=client) == {"IsComplete": True}


@pytest.mark.parametrize("props, message", [
    ({"ProjectId": ""}, "'ProjectId' is required"),
    ({"Require": "Workgroup"}, "'Require' lists ConnectionId, AthenaWorkgroup"),
    ({"TimeoutSeconds": "3600"}, "'TimeoutSeconds' is whole seconds from 60 to 3300"),
])
def test_bad_lookup_properties_are_refused_with_what_is_allowed(datazone, props, message):
    client, _ = datazone
    with pytest.raises(ValueError, match=message):
        handler.on_event(lookup_event(**props), datazone=client)


MEMBER = {"DomainId": DOMAIN, "ProjectId": PROJECT, "UserArn": EXEC, "Designation": "PROJECT_CONTRIBUTOR", "HandlerRoleArn": ROLE, "TimeoutSeconds": "600"}
PROFILE = {"domainIdentifier": DOMAIN, "userIdentifier": EXEC, "type": "IAM"}
JOIN = {"domainIdentifier": DOMAIN, "projectIdentifier": PROJECT, "member": {"userIdentifier": "up1exec"}, "designation": "PROJECT_CONTRIBUTOR"}


def membership_event(request_type="Create"):
    return {"RequestType": request_type, "ResourceType": handler.MEMBERSHIP_TYPE, "ResourceProperties": dict(MEMBER), "PhysicalResourceId": "m"}


def profile(user_id="up1exec"):
    return {"domainId": DOMAIN, "id": user_id, "type": "IAM", "status": "ACTIVATED", "details": {"iam": {"arn": EXEC}}}


def test_the_membership_adds_the_users_profile_to_the_project(datazone):
    client, stub = datazone
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_response("create_project_membership", {}, JOIN)
    assert handler.on_event(membership_event(), datazone=client, now=lambda: 1000) == {
        "PhysicalResourceId": f"project-membership:{PROJECT}:{EXEC}", "Data": {"UserProfileId": "up1exec", "WaitStartedAt": "1000"}}


UPDATE = {"domainIdentifier": DOMAIN, "userIdentifier": "up1exec", "type": "IAM", "status": "ACTIVATED"}


@pytest.mark.parametrize("status", ["ASSIGNED", "NOT_ASSIGNED"])
def test_a_profile_not_yet_activated_is_activated_before_the_membership(datazone, status):
    client, stub = datazone
    stub.add_response("get_user_profile", dict(profile(), status=status), PROFILE)
    stub.add_response("update_user_profile", dict(profile(), status="ACTIVATED"), UPDATE)
    stub.add_response("create_project_membership", {}, JOIN)
    assert handler.on_event(membership_event(), datazone=client)["Data"]["UserProfileId"] == "up1exec"
    stub.assert_no_pending_responses()


def test_a_refused_activation_is_logged_and_the_membership_tried_anyway(datazone, capsys, monkeypatch):
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "project-member")  # the handler logs in Lambda only
    client, stub = datazone
    stub.add_response("get_user_profile", dict(profile(), status="ASSIGNED"), PROFILE)
    stub.add_client_error("update_user_profile", "AccessDeniedException", "not an admin", expected_params=UPDATE)
    stub.add_response("create_project_membership", {}, JOIN)
    assert handler.on_event(membership_event(), datazone=client)["Data"]["UserProfileId"] == "up1exec"
    assert "could not activate the user profile" in capsys.readouterr().out


def test_a_deactivated_profile_fails_with_the_command_that_reactivates_it(datazone):
    client, stub = datazone
    stub.add_response("get_user_profile", dict(profile(), status="DEACTIVATED"), PROFILE)
    with pytest.raises(RuntimeError, match=r"is DEACTIVATED.*aws datazone update-user-profile .* --status ACTIVATED"):
        handler.on_event(membership_event(), datazone=client)


def test_a_user_without_a_profile_gets_one_first(datazone):
    client, stub = datazone
    stub.add_client_error("get_user_profile", "ResourceNotFoundException", "no profile", expected_params=PROFILE)
    stub.add_response("create_user_profile", profile(), {"domainIdentifier": DOMAIN, "userIdentifier": EXEC, "userType": "IAM_ROLE"})
    stub.add_response("create_project_membership", {}, JOIN)
    assert handler.on_event(membership_event(), datazone=client)["Data"]["UserProfileId"] == "up1exec"


@pytest.mark.parametrize("error, message", [("ConflictException", "already exists"), ("ValidationException", "User is already a member of the project")])
def test_a_membership_that_existed_before_is_adopted(datazone, error, message):
    client, stub = datazone
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_client_error("create_project_membership", error, message, expected_params=JOIN)
    assert handler.on_event(membership_event(), datazone=client, now=lambda: 1000) == {
        "PhysicalResourceId": f"project-membership:{PROJECT}:{EXEC}:adopted", "Data": {"UserProfileId": "up1exec", "WaitStartedAt": "1000"}}


def test_deleting_an_adopted_membership_leaves_it_in_place(datazone):
    client, stub = datazone  # no call: the Stubber fails on any unexpected one
    event = dict(membership_event("Delete"), PhysicalResourceId=f"project-membership:{PROJECT}:{EXEC}:adopted")
    assert handler.on_event(event, datazone=client) == {"PhysicalResourceId": f"project-membership:{PROJECT}:{EXEC}:adopted"}
    stub.assert_no_pending_responses()


def test_updating_a_membership_it_made_keeps_it_its_own(datazone):
    client, stub = datazone
    ours = f"project-membership:{PROJECT}:{EXEC}"
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_client_error("create_project_membership", "ConflictException", "already exists", expected_params=JOIN)
    event = dict(membership_event("Update"), PhysicalResourceId=ours, OldResourceProperties=dict(MEMBER))
    assert handler.on_event(event, datazone=client)["PhysicalResourceId"] == ours


def test_a_new_designation_replaces_the_membership_it_made(datazone):
    client, stub = datazone
    ours = f"project-membership:{PROJECT}:{EXEC}"
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_response("delete_project_membership", {}, {k: JOIN[k] for k in ("domainIdentifier", "projectIdentifier", "member")})
    stub.add_response("create_project_membership", {}, JOIN)
    other = "PROJECT_CONTRIBUTOR" if MEMBER["Designation"] == "PROJECT_OWNER" else "PROJECT_OWNER"
    event = dict(membership_event("Update"), PhysicalResourceId=ours, OldResourceProperties=dict(MEMBER, Designation=other))
    assert handler.on_event(event, datazone=client)["PhysicalResourceId"] == ours
    stub.assert_no_pending_responses()


def test_an_adopted_membership_is_not_redesignated(datazone):
    client, stub = datazone
    adopted = f"project-membership:{PROJECT}:{EXEC}:adopted"
    stub.add_response("get_user_profile", profile(), PROFILE)
    other = "PROJECT_CONTRIBUTOR" if MEMBER["Designation"] == "PROJECT_OWNER" else "PROJECT_OWNER"
    event = dict(membership_event("Update"), PhysicalResourceId=adopted, OldResourceProperties=dict(MEMBER, Designation=other))
    assert handler.on_event(event, datazone=client)["PhysicalResourceId"] == adopted
    stub.assert_no_pending_responses()


def test_another_validation_error_is_not_taken_for_an_existing_membership(datazone):
    client, stub = datazone
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_client_error("create_project_membership", "ValidationException", "user is not in the project member pool", expected_params=JOIN)
    with pytest.raises(Exception, match="member pool"):
        handler.on_event(membership_event(), datazone=client)


def test_delete_removes_the_membership(datazone):
    client, stub = datazone
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_response("delete_project_membership", {}, {k: JOIN[k] for k in ("domainIdentifier", "projectIdentifier", "member")})
    assert handler.on_event(membership_event("Delete"), datazone=client) == {"PhysicalResourceId": "m"}


def test_delete_when_the_membership_is_already_gone_is_fine(datazone):
    client, stub = datazone
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_client_error("delete_project_membership", "ResourceNotFoundException", "no membership",
                          expected_params={k: JOIN[k] for k in ("domainIdentifier", "projectIdentifier", "member")})
    assert handler.on_event(membership_event("Delete"), datazone=client) == {"PhysicalResourceId": "m"}


def test_a_refused_membership_names_the_handler_role_and_the_fix(datazone):
    client, stub = datazone
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_client_error("create_project_membership", "AccessDeniedException", "not allowed", expected_params=JOIN)
    with pytest.raises(RuntimeError, match=r"The handler role .* may not read project prj5producer.*project member pool"):
        handler.on_event(membership_event(), datazone=client)


def test_creating_the_membership_twice_adopts_the_first_one_the_second_time(datazone):
    client, stub = datazone
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_response("create_project_membership", {}, JOIN)
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_client_error("create_project_membership", "ConflictException", "already a member", expected_params=JOIN)
    first = handler.on_event(membership_event(), datazone=client, now=lambda: 1000)
    second = handler.on_event(membership_event(), datazone=client, now=lambda: 1000)
    assert (first["PhysicalResourceId"], second["PhysicalResourceId"]) == (f"project-membership:{PROJECT}:{EXEC}", f"project-membership:{PROJECT}:{EXEC}:adopted")
    assert first["Data"] == second["Data"]


def test_deleting_the_membership_twice_is_fine(datazone):
    client, stub = datazone
    leave = {k: JOIN[k] for k in ("domainIdentifier", "projectIdentifier", "member")}
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_response("delete_project_membership", {}, leave)
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_client_error("delete_project_membership", "ResourceNotFoundException", "no membership", expected_params=leave)
    for _ in range(2):
        assert handler.on_event(membership_event("Delete"), datazone=client) == {"PhysicalResourceId": "m"}


@pytest.mark.parametrize("seconds", ["59", "3301", "ten"])
def test_a_membership_wait_outside_60_to_3300_seconds_is_refused(datazone, seconds):
    client, _ = datazone
    event = membership_event()
    event["ResourceProperties"]["TimeoutSeconds"] = seconds
    with pytest.raises(ValueError, match=rf"'TimeoutSeconds' is whole seconds from 60 to 3300.*got '{seconds}'"):
        handler.on_event(event, datazone=client)


MEMBERS = {"domainIdentifier": DOMAIN, "projectIdentifier": PROJECT}


def member(user_id, designation="PROJECT_CONTRIBUTOR"):
    """A ProjectMember of ListProjectMemberships (botocore: memberDetails.user.userId, designation)."""
    return {"memberDetails": {"user": {"userId": user_id}}, "designation": designation}


OWNER = member("up9owner", "PROJECT_OWNER")
GROUP = {"memberDetails": {"group": {"groupId": "grp2stewards"}}, "designation": "PROJECT_CATALOG_STEWARD"}


def waiting(request_type="Create", started=1000, physical_id=f"project-membership:{PROJECT}:{EXEC}", user_id="up1exec"):
    """The event the Provider framework gives is_complete: the request merged with on_event's result (its Data)."""
    return {**membership_event(request_type), "PhysicalResourceId": physical_id, "Data": {"UserProfileId": user_id, "WaitStartedAt": str(started)}}


def test_on_events_result_is_what_the_wait_reads(datazone):
    client, stub = datazone
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_response("create_project_membership", {}, JOIN)
    stub.add_response("list_project_memberships", {"members": [OWNER, member("up1exec")]}, MEMBERS)
    result = handler.on_event(membership_event(), datazone=client, now=lambda: 1000)
    assert handler.is_complete({**membership_event(), **result}, datazone=client, now=lambda: 1030) == {"IsComplete": True}


@pytest.mark.parametrize("request_type", ["Create", "Update"])
def test_the_membership_is_complete_once_the_project_lists_the_user_with_its_designation(datazone, request_type):
    client, stub = datazone
    stub.add_response("list_project_memberships", {"members": [OWNER, GROUP, member("up1exec")]}, MEMBERS)
    assert handler.is_complete(waiting(request_type), datazone=client, now=lambda: 1030) == {"IsComplete": True}


def test_a_membership_not_listed_yet_keeps_the_wait_going(datazone):
    client, stub = datazone
    stub.add_response("list_project_memberships", {"members": [OWNER]}, MEMBERS)
    assert handler.is_complete(waiting(), datazone=client, now=lambda: 1030) == {"IsComplete": False}


def test_the_wait_follows_every_page_of_members(datazone):
    client, stub = datazone
    stub.add_response("list_project_memberships", {"members": [OWNER, GROUP], "nextToken": "p2"}, MEMBERS)
    stub.add_response("list_project_memberships", {"members": [member("up1exec")]}, {**MEMBERS, "nextToken": "p2"})
    assert handler.is_complete(waiting(), datazone=client, now=lambda: 1030) == {"IsComplete": True}


def test_the_user_listed_with_another_designation_is_not_yet_the_membership(datazone):
    client, stub = datazone
    stub.add_response("list_project_memberships", {"members": [member("up1exec", "PROJECT_CATALOG_VIEWER")]}, MEMBERS)
    assert handler.is_complete(waiting(), datazone=client, now=lambda: 1030) == {"IsComplete": False}


def test_an_adopted_membership_is_complete_with_any_designation(datazone):
    client, stub = datazone
    stub.add_response("list_project_memberships", {"members": [member("up1exec", "PROJECT_OWNER")]}, MEMBERS)
    event = waiting(physical_id=f"project-membership:{PROJECT}:{EXEC}:adopted")
    assert handler.is_complete(event, datazone=client, now=lambda: 1030) == {"IsComplete": True}


def test_throttled_member_lists_count_as_not_yet_then_the_wait_succeeds(datazone):
    client, stub = datazone
    throttle(stub, "list_project_memberships", 6, expected_params=MEMBERS)
    assert handler.is_complete(waiting(), datazone=client, now=lambda: 1030, sleep=lambda s: None) == {"IsComplete": False}
    waits = []
    stub.add_client_error("list_project_memberships", "ThrottlingException", "slow down", expected_params=MEMBERS)
    stub.add_response("list_project_memberships", {"members": [member("up1exec")]}, MEMBERS)
    assert handler.is_complete(waiting(), datazone=client, now=lambda: 1060, sleep=waits.append) == {"IsComplete": True}
    assert len(waits) == 1 and waits[0] <= 30


def test_a_refused_member_list_in_the_first_minutes_waits_for_fresh_permissions(datazone):
    client, stub = datazone
    stub.add_client_error("list_project_memberships", "AccessDeniedException", "not a member", expected_params=MEMBERS)
    assert handler.is_complete(waiting(), datazone=client, now=lambda: 1000 + handler.DENIED_GRACE_SECONDS - 1) == {"IsComplete": False}


def test_a_refused_member_list_after_the_grace_names_the_handler_role_and_the_fix(datazone):
    client, stub = datazone
    stub.add_client_error("list_project_memberships", "AccessDeniedException", "not a member", expected_params=MEMBERS)
    with pytest.raises(RuntimeError, match=r"The handler role .* may not read project prj5producer.*MeshProjectMember"):
        handler.is_complete(waiting(), datazone=client, now=lambda: 1000 + handler.DENIED_GRACE_SECONDS)


def test_at_the_deadline_the_membership_wait_says_what_it_waited_for_what_it_saw_and_the_command_to_check(datazone):
    client, stub = datazone
    stub.add_response("list_project_memberships", {"members": [OWNER, GROUP]}, MEMBERS)
    with pytest.raises(RuntimeError) as raised:
        handler.is_complete(waiting(started=1000), datazone=client, now=lambda: 1601)
    message = str(raised.value)
    assert f"Not listed within 600 s: user profile up1exec ({EXEC}) as PROJECT_CONTRIBUTOR of project {PROJECT} (domain {DOMAIN})" in message
    assert "Last seen: user up1exec not listed; the project's members: user up9owner (PROJECT_OWNER), group grp2stewards (PROJECT_CATALOG_STEWARD)" in message
    assert f"aws datazone list-project-memberships --domain-identifier {DOMAIN} --project-identifier {PROJECT}" in message
    assert "project member pool" in message and ROLE in message


def test_at_the_deadline_a_user_listed_with_another_designation_is_named(datazone):
    client, stub = datazone
    stub.add_response("list_project_memberships", {"members": [member("up1exec", "PROJECT_CATALOG_VIEWER")]}, MEMBERS)
    with pytest.raises(RuntimeError, match=r"Last seen: user up1exec listed as PROJECT_CATALOG_VIEWER"):
        handler.is_complete(waiting(started=1000), datazone=client, now=lambda: 1601)


def test_at_the_deadline_a_throttled_list_says_so(datazone):
    client, stub = datazone
    throttle(stub, "list_project_memberships", 6, expected_params=MEMBERS)
    with pytest.raises(RuntimeError, match=r"Not listed within 600 s.*Last seen: unknown \(DataZone kept throttling ListProjectMemberships\)"):
        handler.is_complete(waiting(started=1000), datazone=client, now=lambda: 1601, sleep=lambda s: None)


def test_deleting_the_membership_needs_no_wait(datazone):
    client, _ = datazone  # no call: the Stubber fails on any unexpected one
    assert handler.is_complete(waiting("Delete"), datazone=client) == {"IsComplete": True}


LEAVE = {k: JOIN[k] for k in ("domainIdentifier", "projectIdentifier", "member")}


def test_a_quota_error_while_leaving_the_project_fails_at_once_instead_of_being_retried(datazone):
    client, stub = datazone
    waits = []
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_client_error("delete_project_membership", "ServiceQuotaExceededException", "quota", http_status_code=402, expected_params=LEAVE)
    with pytest.raises(Exception, match="ServiceQuotaExceededException"):
        handler.on_event(membership_event("Delete"), datazone=client, sleep=waits.append)
    assert waits == []


def test_the_membership_gives_up_on_throttling_after_a_bounded_wait_saying_what_it_waited_for(datazone):
    client, stub = datazone
    throttle(stub, "get_user_profile", 6, expected_params=PROFILE)
    gives_up(lambda sleep: handler.on_event(membership_event(), datazone=client, sleep=sleep, now=lambda: 1000), rf"waiting for DataZone to read the user profile of {EXEC} in domain {DOMAIN}")


def test_an_update_to_another_project_joins_it_under_a_new_physical_id_and_the_old_ids_delete_leaves_the_old_project(datazone):
    client, stub = datazone
    moved = {**membership_event("Update"), "ResourceProperties": {**MEMBER, "ProjectId": "prj6other"}, "OldResourceProperties": dict(MEMBER),
             "PhysicalResourceId": f"project-membership:{PROJECT}:{EXEC}"}
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_response("create_project_membership", {}, {**JOIN, "projectIdentifier": "prj6other"})
    assert handler.on_event(moved, datazone=client, now=lambda: 1000)["PhysicalResourceId"] == f"project-membership:prj6other:{EXEC}"
    stub.add_response("get_user_profile", profile(), PROFILE)
    stub.add_response("delete_project_membership", {}, LEAVE)
    handler.on_event({**membership_event("Delete"), "PhysicalResourceId": f"project-membership:{PROJECT}:{EXEC}"}, datazone=client)


def test_an_update_of_the_lookup_to_another_project_is_a_new_physical_id(datazone):
    client, _ = datazone
    moved = handler.on_event({**lookup_event("Update", ProjectId="prj6other"), "OldResourceProperties": dict(PROPS)}, datazone=client, now=lambda: 5)
    assert moved["PhysicalResourceId"] == "project-environment:prj6other:Tooling"
    assert handler.on_event(lookup_event(), datazone=client, now=lambda: 6)["PhysicalResourceId"] == f"project-environment:{PROJECT}:Tooling"
