# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The managed-blueprint id lookup: a real boto3 DataZone client in botocore's Stubber (moto has no DataZone)."""
import pytest

import blueprint_id.index as handler
from conftest import gives_up, throttle

DOMAIN = "dzd_abc123"
LIST = {"domainIdentifier": DOMAIN, "managed": True, "maxResults": 50}


def blueprint(name, blueprint_id):
    return {"id": blueprint_id, "name": name, "provider": "Amazon SageMaker",
            "provisioningProperties": {"cloudFormation": {"templateUrl": f"https://example.invalid/{name}.json"}}}


def event(name="Tooling", request="Create"):
    return {"RequestType": request, "ResourceProperties": {"DomainId": DOMAIN, "BlueprintName": name}}


def test_takes_the_blueprint_whose_name_is_exactly_the_one_asked_for_not_one_that_starts_with_it(datazone):
    client, stub = datazone
    # Whatever the API's own name filter does, the lookup sends none and compares names itself.
    stub.add_response("list_environment_blueprints", {"items": [blueprint("ToolingLite", "bp-lite"), blueprint("Tooling", "bp-tooling")]}, LIST)
    result = handler.on_event(event(), datazone=client)
    assert result == {"PhysicalResourceId": f"blueprint-id:{DOMAIN}:Tooling", "Data": {"Id": "bp-tooling", "Name": "Tooling"}}


def test_reads_every_page_before_deciding(datazone):
    client, stub = datazone
    stub.add_response("list_environment_blueprints", {"items": [blueprint("ToolingLite", "bp-lite")], "nextToken": "page2"}, LIST)
    stub.add_response("list_environment_blueprints", {"items": [blueprint("DataLake", "bp-lake")]}, {**LIST, "nextToken": "page2"})
    assert handler.on_event(event("DataLake"), datazone=client)["Data"]["Id"] == "bp-lake"


def test_fails_naming_the_blueprints_the_domain_has_when_none_is_named_exactly_so(datazone):
    client, stub = datazone
    stub.add_response("list_environment_blueprints", {"items": [blueprint("ToolingLite", "bp-lite"), blueprint("DataLake", "bp-lake")]}, LIST)
    with pytest.raises(RuntimeError, match=r"Domain dzd_abc123 has no managed environment blueprint named exactly 'Tooling' \(it has: DataLake, ToolingLite\)"):
        handler.on_event(event(), datazone=client)


def test_fails_when_two_blueprints_have_the_name(datazone):
    client, stub = datazone
    stub.add_response("list_environment_blueprints", {"items": [blueprint("Tooling", "bp-1"), blueprint("Tooling", "bp-2")]}, LIST)
    with pytest.raises(RuntimeError, match=r"has 2 managed environment blueprints named 'Tooling' \(bp-1, bp-2\)"):
        handler.on_event(event(), datazone=client)


def test_retries_throttling(datazone):
    client, stub = datazone
    waits = []
    stub.add_client_error("list_environment_blueprints", "ThrottlingException", "slow down", http_status_code=429, expected_params=LIST)
    stub.add_response("list_environment_blueprints", {"items": [blueprint("Tooling", "bp-tooling")]}, LIST)
    assert handler.on_event(event(), datazone=client, sleep=waits.append)["Data"]["Id"] == "bp-tooling"
    assert len(waits) == 1 and waits[0] <= 30


def test_says_which_permission_is_missing_when_denied(datazone):
    client, stub = datazone
    stub.add_client_error("list_environment_blueprints", "AccessDeniedException", "no", http_status_code=403, expected_params=LIST)
    with pytest.raises(RuntimeError, match="allow datazone:ListEnvironmentBlueprints on the domain"):
        handler.on_event(event(), datazone=client)


def test_delete_calls_nothing(datazone):
    client, _ = datazone
    assert handler.on_event({**event(request="Delete"), "PhysicalResourceId": "x"}, datazone=client) == {"PhysicalResourceId": "x"}


def test_refuses_missing_properties():
    with pytest.raises(ValueError, match="'BlueprintName' is required"):
        handler.on_event({"RequestType": "Create", "ResourceProperties": {"DomainId": DOMAIN}})


def test_looking_up_twice_gives_the_same_id_and_physical_id(datazone):
    client, stub = datazone
    for _ in range(2):
        stub.add_response("list_environment_blueprints", {"items": [blueprint("Tooling", "bp-tooling")]}, LIST)
    assert handler.on_event(event(), datazone=client) == handler.on_event(event(), datazone=client)


def test_an_update_to_another_blueprint_name_looks_that_one_up_under_a_new_physical_id(datazone):
    client, stub = datazone
    stub.add_response("list_environment_blueprints", {"items": [blueprint("Tooling", "bp-tooling"), blueprint("DataLake", "bp-lake")]}, LIST)
    result = handler.on_event({**event("DataLake", "Update"), "OldResourceProperties": event()["ResourceProperties"], "PhysicalResourceId": f"blueprint-id:{DOMAIN}:Tooling"}, datazone=client)
    assert result == {"PhysicalResourceId": f"blueprint-id:{DOMAIN}:DataLake", "Data": {"Id": "bp-lake", "Name": "DataLake"}}


def test_gives_up_on_throttling_after_a_bounded_wait_saying_what_it_waited_for(datazone):
    client, stub = datazone
    throttle(stub, "list_environment_blueprints", 6, http_status_code=429, expected_params=LIST)
    gives_up(lambda sleep: handler.on_event(event(), datazone=client, sleep=sleep), rf"waiting for DataZone to list the managed blueprints of domain {DOMAIN}")
