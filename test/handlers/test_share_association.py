# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The share-association waiter: unit tests with a scripted RAM client, and the happy path against moto."""
import boto3
import pytest
from conftest import ScriptedClient, client_error

import share_association.index as waiter

SHARE = "arn:aws:ram:eu-west-1:111111111111:resource-share/abc"
PRODUCER, CONSUMER = "222222222222", "333333333333"


def event(request_type="Create", principals=(PRODUCER, CONSUMER), started=1000, timeout=600):
    return {
        "RequestType": request_type,
        "ResourceProperties": {"ResourceShareArns": [SHARE], "Principals": list(principals), "TimeoutSeconds": str(timeout)},
        "PhysicalResourceId": "share-association:" + SHARE,
        "Data": {"WaitStartedAt": str(started)},
    }


def associations(**status_by_account):
    return {
        "resourceShareAssociations": [
            {"resourceShareArn": SHARE, "associatedEntity": account, "associationType": "PRINCIPAL", "status": status, "statusMessage": f"{status} message"}
            for account, status in status_by_account.items()
        ]
    }


def test_on_event_records_when_the_wait_started_and_keeps_a_stable_physical_id():
    first = waiter.on_event({"RequestType": "Create", "ResourceProperties": event()["ResourceProperties"]}, now=lambda: 1234)
    assert first == {"PhysicalResourceId": "share-association:" + SHARE, "Data": {"WaitStartedAt": "1234"}}
    again = waiter.on_event({**event("Update"), "PhysicalResourceId": first["PhysicalResourceId"]}, now=lambda: 2000)
    assert again["PhysicalResourceId"] == first["PhysicalResourceId"]


def test_is_not_complete_while_an_account_is_associating_then_completes_once_associated():
    ram = ScriptedClient(associations(**{PRODUCER: "ASSOCIATED", CONSUMER: "ASSOCIATING"}), associations(**{PRODUCER: "ASSOCIATED", CONSUMER: "ASSOCIATED"}))
    assert waiter.is_complete(event(), ram=ram, now=lambda: 1010) == {"IsComplete": False}
    assert waiter.is_complete(event(), ram=ram, now=lambda: 1020) == {"IsComplete": True}
    assert ram.calls[0] == {"associationType": "PRINCIPAL", "resourceShareArns": [SHARE]}


def test_treats_a_principal_without_any_association_yet_as_pending():
    ram = ScriptedClient(associations(**{PRODUCER: "ASSOCIATED"}))
    assert waiter.is_complete(event(), ram=ram, now=lambda: 1010) == {"IsComplete": False}


def test_reads_every_page_of_associations():
    first_page = {**associations(**{PRODUCER: "ASSOCIATED"}), "nextToken": "page-2"}
    ram = ScriptedClient(first_page, associations(**{CONSUMER: "ASSOCIATED"}))
    assert waiter.is_complete(event(), ram=ram, now=lambda: 1010) == {"IsComplete": True}
    assert ram.calls[1]["nextToken"] == "page-2"


@pytest.mark.parametrize("code", ["ThrottlingException", "UnknownResourceException"])
def test_retries_throttling_and_eventual_consistency_instead_of_failing(code):
    ram = ScriptedClient(client_error(code), associations(**{PRODUCER: "ASSOCIATED", CONSUMER: "ASSOCIATED"}))
    assert waiter.is_complete(event(), ram=ram, now=lambda: 1010) == {"IsComplete": False}
    assert waiter.is_complete(event(), ram=ram, now=lambda: 1020) == {"IsComplete": True}


def test_fails_on_other_errors():
    ram = ScriptedClient(client_error("AccessDeniedException"))
    with pytest.raises(Exception, match="AccessDeniedException"):
        waiter.is_complete(event(), ram=ram, now=lambda: 1010)


def test_fails_at_once_when_an_association_failed_naming_the_account():
    ram = ScriptedClient(associations(**{PRODUCER: "ASSOCIATED", CONSUMER: "FAILED"}))
    with pytest.raises(RuntimeError, match=f"association of account {CONSUMER} with {SHARE} is FAILED: FAILED message"):
        waiter.is_complete(event(), ram=ram, now=lambda: 1010)


def test_fails_after_the_timeout_naming_the_account_that_never_associated_and_the_fix():
    ram = ScriptedClient(associations(**{PRODUCER: "ASSOCIATED", CONSUMER: "ASSOCIATING"}))
    with pytest.raises(RuntimeError) as failure:
        waiter.is_complete(event(timeout=600), ram=ram, now=lambda: 1000 + 601)
    message = str(failure.value)
    assert f"Account(s) {CONSUMER} never associated with the shared domain within 600 s" in message
    assert "aws ram accept-resource-share-invitation" in message
    assert PRODUCER not in message.split("(account")[0]


def test_completes_a_delete_at_once_and_twice():
    ram = ScriptedClient(client_error("AccessDeniedException"))
    assert waiter.is_complete(event("Delete"), ram=ram) == {"IsComplete": True}
    assert waiter.is_complete(event("Delete"), ram=ram) == {"IsComplete": True}
    assert ram.calls == []


def test_is_idempotent_a_create_run_twice_gives_the_same_answer():
    ram = ScriptedClient(associations(**{PRODUCER: "ASSOCIATED", CONSUMER: "ASSOCIATED"}))
    assert waiter.is_complete(event(), ram=ram, now=lambda: 1010) == waiter.is_complete(event(), ram=ram, now=lambda: 1010)


def test_refuses_properties_without_principals():
    with pytest.raises(ValueError, match="'Principals' must be a non-empty list"):
        waiter.on_event({"RequestType": "Create", "ResourceProperties": {"ResourceShareArns": [SHARE], "Principals": []}})


def test_waits_for_a_real_share_created_in_moto(aws_env):
    ram = boto3.client("ram")
    share = ram.create_resource_share(name="DataZone-mesh", principals=[PRODUCER, CONSUMER], allowExternalPrincipals=True)["resourceShare"]
    props = {"ResourceShareArns": [share["resourceShareArn"]], "Principals": [PRODUCER, CONSUMER], "TimeoutSeconds": "600"}
    created = waiter.on_event({"RequestType": "Create", "ResourceProperties": props})
    result = waiter.is_complete({"RequestType": "Create", "ResourceProperties": props, **created})
    assert result == {"IsComplete": True}


def test_at_the_deadline_throttling_fails_saying_what_kept_answering_and_the_fix():
    ram = ScriptedClient(client_error("ThrottlingException"))
    with pytest.raises(RuntimeError, match=rf"Not done within 600 s: AWS RAM kept answering GetResourceShareAssociations with ThrottlingException .*{SHARE}\. Fix: .*deploy again"):
        waiter.is_complete(event(timeout=600), ram=ram, now=lambda: 1000 + 601)


def test_an_update_to_other_shares_waits_for_the_new_shares_under_the_same_id():
    other = "arn:aws:ram:eu-west-1:111111111111:resource-share/other"
    moved = {**event("Update"), "ResourceProperties": {**event()["ResourceProperties"], "ResourceShareArns": [other]}}
    assert waiter.on_event(moved, now=lambda: 2000)["PhysicalResourceId"] == "share-association:" + SHARE
    ram = ScriptedClient({"resourceShareAssociations": [
        {"resourceShareArn": other, "associatedEntity": account, "associationType": "PRINCIPAL", "status": "ASSOCIATED"} for account in (PRODUCER, CONSUMER)]})
    assert waiter.is_complete(moved, ram=ram, now=lambda: 2010) == {"IsComplete": True}
    assert ram.calls[0]["resourceShareArns"] == [other]
