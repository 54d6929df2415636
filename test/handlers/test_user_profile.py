# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""`Custom::UserProfile`: an IAM role's DataZone user profile, found or created, and activated; left in place on
delete. moto does not emulate DataZone: the handler runs against a real boto3 DataZone client in botocore's
Stubber, so every request is checked against the service model and every response has the API's shapes."""
import pytest

import user_profile.index as handler
from conftest import gives_up, throttle

DOMAIN = "dzd_abc123"
EXEC = "arn:aws:iam::222222222222:role/cdk-hnb659fds-cfn-exec-role-222222222222-eu-west-1"
HANDLER_ROLE = "arn:aws:iam::111111111111:role/Projects-UserProfileHandlerRole"
PHYSICAL_ID = f"user-profile:{DOMAIN}:{EXEC}"
GET = {"domainIdentifier": DOMAIN, "userIdentifier": EXEC, "type": "IAM"}
CREATE = {"domainIdentifier": DOMAIN, "userIdentifier": EXEC, "userType": "IAM_ROLE"}
ACTIVATE = {"domainIdentifier": DOMAIN, "userIdentifier": "up1exec", "type": "IAM", "status": "ACTIVATED"}


def event(request_type="Create", **props):
    return {"RequestType": request_type, "ResourceType": "Custom::UserProfile", "PhysicalResourceId": PHYSICAL_ID,
            "ResourceProperties": {"ServiceToken": "arn", "DomainId": DOMAIN, "UserIdentifier": EXEC, "HandlerRoleArn": HANDLER_ROLE, **props}}


def profile(status="ACTIVATED", user_id="up1exec"):
    """A GetUserProfile / CreateUserProfile / UpdateUserProfile response (botocore: domainId, id, type, status, details.iam)."""
    return {"domainId": DOMAIN, "id": user_id, "type": "IAM", "status": status,
            "details": {"iam": {"arn": EXEC, "principalId": "AROAEXAMPLE222222222"}}}


def test_a_role_without_a_profile_gets_one_and_its_id_is_the_attribute(datazone):
    client, stub = datazone
    stub.add_client_error("get_user_profile", "ResourceNotFoundException", "no profile", expected_params=GET)
    stub.add_response("create_user_profile", profile(), CREATE)
    assert handler.on_event(event(), datazone=client) == {"PhysicalResourceId": PHYSICAL_ID, "Data": {"Id": "up1exec"}}


def test_a_profile_that_existed_before_is_adopted(datazone, capsys, monkeypatch):
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "user-profile")  # the handler logs in Lambda only
    client, stub = datazone
    stub.add_response("get_user_profile", profile(), GET)  # no create: the Stubber fails on any unexpected call
    assert handler.on_event(event(), datazone=client) == {"PhysicalResourceId": PHYSICAL_ID, "Data": {"Id": "up1exec"}}
    assert "adopted, and left in place on delete" in capsys.readouterr().out


def test_creating_twice_finds_the_profile_made_the_first_time(datazone):
    client, stub = datazone
    stub.add_client_error("get_user_profile", "ResourceNotFoundException", "no profile", expected_params=GET)
    stub.add_response("create_user_profile", profile(), CREATE)
    stub.add_response("get_user_profile", profile(), GET)
    first = handler.on_event(event(), datazone=client)
    second = handler.on_event(event(), datazone=client)
    assert first == second == {"PhysicalResourceId": PHYSICAL_ID, "Data": {"Id": "up1exec"}}


def test_a_profile_made_meanwhile_by_another_caller_is_read_again(datazone):
    client, stub = datazone
    stub.add_client_error("get_user_profile", "ResourceNotFoundException", "no profile", expected_params=GET)
    stub.add_client_error("create_user_profile", "ConflictException", "profile exists", expected_params=CREATE)
    stub.add_response("get_user_profile", profile(), GET)
    assert handler.on_event(event(), datazone=client)["Data"] == {"Id": "up1exec"}


@pytest.mark.parametrize("status", ["ASSIGNED", "NOT_ASSIGNED"])
def test_a_profile_not_yet_activated_is_activated(datazone, status):
    client, stub = datazone
    stub.add_response("get_user_profile", profile(status), GET)
    stub.add_response("update_user_profile", profile("ACTIVATED"), ACTIVATE)
    assert handler.on_event(event(), datazone=client)["Data"] == {"Id": "up1exec"}


def test_a_created_profile_not_yet_activated_is_activated(datazone):
    client, stub = datazone
    stub.add_client_error("get_user_profile", "ResourceNotFoundException", "no profile", expected_params=GET)
    stub.add_response("create_user_profile", profile("ASSIGNED"), CREATE)
    stub.add_response("update_user_profile", profile("ACTIVATED"), ACTIVATE)
    assert handler.on_event(event(), datazone=client)["Data"] == {"Id": "up1exec"}


def test_a_deactivated_profile_fails_with_the_command_that_reactivates_it(datazone):
    client, stub = datazone
    stub.add_response("get_user_profile", profile("DEACTIVATED"), GET)
    with pytest.raises(RuntimeError, match=rf"up1exec of {EXEC} \(domain {DOMAIN}\) is DEACTIVATED.*"
                                           rf"aws datazone update-user-profile --domain-identifier {DOMAIN} --user-identifier up1exec --type IAM --status ACTIVATED"):
        handler.on_event(event(), datazone=client)


def test_throttling_is_retried_with_backoff_capped_at_30_seconds_then_succeeds(datazone):
    client, stub = datazone
    waits = []
    throttle(stub, "get_user_profile", 3, expected_params=GET)
    stub.add_response("get_user_profile", profile(), GET)
    assert handler.on_event(event(), datazone=client, sleep=waits.append)["Data"] == {"Id": "up1exec"}
    assert len(waits) == 3 and max(waits) <= 30


def test_a_refusal_names_the_handler_role_and_the_permissions_it_needs(datazone):
    client, stub = datazone
    stub.add_client_error("get_user_profile", "AccessDeniedException", "not allowed", expected_params=GET)
    with pytest.raises(RuntimeError, match=rf"The handler role {HANDLER_ROLE} may not read, create or activate.*datazone:CreateUserProfile.*kms:Decrypt"):
        handler.on_event(event(), datazone=client)


def test_a_refused_activation_fails_too(datazone):
    client, stub = datazone
    stub.add_response("get_user_profile", profile("ASSIGNED"), GET)
    stub.add_client_error("update_user_profile", "AccessDeniedException", "not allowed", expected_params=ACTIVATE)
    with pytest.raises(RuntimeError, match=r"may not read, create or activate.*datazone:UpdateUserProfile"):
        handler.on_event(event(), datazone=client)


def test_deleting_twice_or_after_the_profile_is_gone_leaves_it_in_place_and_calls_nothing(datazone):
    client, stub = datazone  # no call: DataZone has no DeleteUserProfile, and the Stubber fails on any unexpected one
    for _ in range(2):
        assert handler.on_event(event("Delete"), datazone=client) == {"PhysicalResourceId": PHYSICAL_ID}


def test_an_update_keeps_the_physical_id_of_the_domain_and_role(datazone):
    client, stub = datazone
    stub.add_response("get_user_profile", profile(), GET)
    assert handler.on_event(event("Update"), datazone=client)["PhysicalResourceId"] == PHYSICAL_ID


@pytest.mark.parametrize("props, message", [
    ({"DomainId": ""}, "'DomainId' is required"),
    ({"UserIdentifier": "cdk-hnb659fds-cfn-exec-role"}, r"'UserIdentifier' is an IAM role ARN \(arn:aws:iam::<account>:role/<name>\), got 'cdk-hnb659fds-cfn-exec-role'"),
    ({"UserIdentifier": "arn:aws:iam::222222222222:user/alice"}, "'UserIdentifier' is an IAM role ARN"),
])
def test_bad_properties_are_refused_with_what_is_allowed(datazone, props, message):
    client, _ = datazone
    with pytest.raises(ValueError, match=message):
        handler.on_event(event(**props), datazone=client)


def test_gives_up_on_throttling_after_a_bounded_wait_saying_what_it_waited_for(datazone):
    client, stub = datazone
    throttle(stub, "get_user_profile", 6, expected_params=GET)
    gives_up(lambda sleep: handler.on_event(event(), datazone=client, sleep=sleep), rf"waiting for DataZone to read the user profile of {EXEC} in domain {DOMAIN}")


def test_an_update_to_another_role_finds_that_roles_profile_under_a_new_physical_id(datazone):
    client, stub = datazone
    other = "arn:aws:iam::222222222222:role/another-exec-role"
    stub.add_response("get_user_profile", {**profile(user_id="up2other"), "details": {"iam": {"arn": other}}}, {**GET, "userIdentifier": other})
    result = handler.on_event({**event("Update", UserIdentifier=other), "OldResourceProperties": event()["ResourceProperties"]}, datazone=client)
    assert result == {"PhysicalResourceId": f"user-profile:{DOMAIN}:{other}", "Data": {"Id": "up2other"}}  # the old profile is left in place
