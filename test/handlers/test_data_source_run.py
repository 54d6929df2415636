# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The data-source run custom resource. moto does not emulate DataZone, so the handler runs against a real
boto3 DataZone client wrapped in botocore's Stubber: every request is checked against the service model,
and every response replays the API's real shapes (including faults)."""
import datetime

import pytest

import data_source_run.index as handler
from conftest import gives_up, throttle

DOMAIN, SOURCE, PROJECT, RUN = "dzd_abc123", "ds123", "prjproducer", "run123"
ROLE = "arn:aws:iam::222222222222:role/cdk-data-mesh-run"
NOW = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
PROPS = {"DomainId": DOMAIN, "DataSourceId": SOURCE, "HandlerRoleArn": ROLE, "TimeoutSeconds": "600"}
LIST = {"domainIdentifier": DOMAIN, "dataSourceIdentifier": SOURCE}


def event(request_type="Create", started=1000, **props):
    return {"RequestType": request_type, "RequestId": "req-1", "ResourceProperties": {**PROPS, **props}, "PhysicalResourceId": "x",
            "Data": {"RunId": RUN, "WaitStartedAt": str(started)}}


def run(status, run_id=RUN, **extra):
    return {"domainId": DOMAIN, "dataSourceId": SOURCE, "id": run_id, "projectId": PROJECT, "status": status, "type": "PRIORITIZED", "createdAt": NOW, "updatedAt": NOW, **extra}


def summary(status, run_id="run-created"):
    return {"id": run_id, "dataSourceId": SOURCE, "type": "PRIORITIZED", "status": status, "projectId": PROJECT, "createdAt": NOW, "updatedAt": NOW}


def no_active_run(stub):
    stub.add_response("list_data_source_runs", {"items": []}, {**LIST, "status": "REQUESTED"})
    stub.add_response("list_data_source_runs", {"items": []}, {**LIST, "status": "RUNNING"})


def test_starts_a_run_with_the_request_id_as_client_token_when_none_is_going(datazone):
    client, stub = datazone
    no_active_run(stub)
    stub.add_response("start_data_source_run", run("REQUESTED"), {**LIST, "clientToken": "req-1"})
    result = handler.on_event(event(), datazone=client, now=lambda: 1000)
    assert result == {"PhysicalResourceId": f"data-source-run:{SOURCE}", "Data": {"RunId": RUN, "WaitStartedAt": "1000"}}


def test_waits_for_the_run_the_creation_started_instead_of_starting_another(datazone):
    client, stub = datazone
    stub.add_response("list_data_source_runs", {"items": []}, {**LIST, "status": "REQUESTED"})
    stub.add_response("list_data_source_runs", {"items": [summary("RUNNING")]}, {**LIST, "status": "RUNNING"})
    assert handler.on_event(event(), datazone=client, now=lambda: 1000)["Data"]["RunId"] == "run-created"


def test_waits_for_a_run_started_between_listing_and_starting(datazone):
    client, stub = datazone
    no_active_run(stub)
    stub.add_client_error("start_data_source_run", "ConflictException", "a run is in progress", expected_params={**LIST, "clientToken": "req-1"})
    stub.add_response("list_data_source_runs", {"items": [summary("REQUESTED")]}, {**LIST, "status": "REQUESTED"})
    assert handler.on_event(event(), datazone=client, now=lambda: 1000)["Data"]["RunId"] == "run-created"


def test_retries_throttling_with_capped_backoff(datazone):
    client, stub = datazone
    waits = []
    stub.add_client_error("list_data_source_runs", "ThrottlingException", "slow down", expected_params={**LIST, "status": "REQUESTED"})
    no_active_run(stub)
    stub.add_response("start_data_source_run", run("REQUESTED"), {**LIST, "clientToken": "req-1"})
    handler.on_event(event(), datazone=client, now=lambda: 1000, sleep=waits.append)
    assert len(waits) == 1 and 0 < waits[0] <= 30


def test_a_refused_start_is_tried_again_while_fresh_permissions_apply(datazone):
    client, stub = datazone
    stub.add_client_error("list_data_source_runs", "AccessDeniedException", "not a member", expected_params={**LIST, "status": "REQUESTED"})
    assert handler.on_event(event(), datazone=client, now=lambda: 1000) == {
        "PhysicalResourceId": f"data-source-run:{SOURCE}", "Data": {"RunId": "", "WaitStartedAt": "1000"}}
    pending = dict(event(), Data={"RunId": "", "WaitStartedAt": "1000"})
    stub.add_client_error("list_data_source_runs", "AccessDeniedException", "not a member", expected_params={**LIST, "status": "REQUESTED"})
    assert handler.is_complete(pending, datazone=client, now=lambda: 1100) == {"IsComplete": False}
    # Permissions applied: the start goes through and the run is polled.
    stub.add_response("list_data_source_runs", {"items": []}, {**LIST, "status": "REQUESTED"})
    stub.add_response("list_data_source_runs", {"items": []}, {**LIST, "status": "RUNNING"})
    stub.add_response("start_data_source_run", run("REQUESTED"), {"domainIdentifier": DOMAIN, "dataSourceIdentifier": SOURCE, "clientToken": pending["RequestId"][:128]})
    stub.add_response("get_data_source_run", run("RUNNING"), {"domainIdentifier": DOMAIN, "identifier": RUN})
    assert handler.is_complete(pending, datazone=client, now=lambda: 1200) == {"IsComplete": False}
    stub.assert_no_pending_responses()


def test_says_which_role_needs_project_membership_when_still_denied_after_the_grace(datazone):
    client, stub = datazone
    pending = dict(event(), Data={"RunId": "", "WaitStartedAt": "1000"})
    stub.add_client_error("list_data_source_runs", "AccessDeniedException", "not a member", expected_params={**LIST, "status": "REQUESTED"})
    with pytest.raises(RuntimeError, match=rf"AccessDeniedException.*The handler role {ROLE} may not run data source {SOURCE}.*member"):
        handler.is_complete(pending, datazone=client, now=lambda: 1000 + handler.DENIED_GRACE_SECONDS)


def test_polls_until_the_run_succeeds_and_reports_its_statistics(datazone):
    client, stub = datazone
    get = {"domainIdentifier": DOMAIN, "identifier": RUN}
    stub.add_response("get_data_source_run", run("RUNNING"), get)
    assert handler.is_complete(event(), datazone=client, now=lambda: 1100) == {"IsComplete": False}
    stub.add_response("get_data_source_run", run("SUCCESS", runStatisticsForAssets={"added": 1, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 0}), get)
    assert handler.is_complete(event(), datazone=client, now=lambda: 1130) == {
        "IsComplete": True, "Data": {"RunId": RUN, "Status": "SUCCESS", "Added": "1", "Updated": "0", "Unchanged": "0", "Skipped": "0", "Failed": "0"}}


@pytest.mark.parametrize("status", ["FAILED", "PARTIALLY_SUCCEEDED"])
def test_fails_with_datazone_s_error_when_the_run_does_not_succeed(datazone, status):
    client, stub = datazone
    stub.add_response("get_data_source_run", run(status, errorMessage={"errorType": "ACCESS_DENIED_EXCEPTION", "errorDetail": "no permission on collections.trees"},
                                                 runStatisticsForAssets={"added": 0, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 1}),
                      {"domainIdentifier": DOMAIN, "identifier": RUN})
    with pytest.raises(RuntimeError, match=rf"The run {RUN} of data source {SOURCE} .* ended {status}: ACCESS_DENIED_EXCEPTION: no permission on collections.trees.*list-data-source-run-activities"):
        handler.is_complete(event(), datazone=client, now=lambda: 1100)


def test_completes_with_a_warning_when_the_run_partially_succeeded_with_tables_skipped_and_none_failed(datazone):
    client, stub = datazone
    stub.add_response("get_data_source_run", run("PARTIALLY_SUCCEEDED", runStatisticsForAssets={"added": 1, "updated": 0, "unchanged": 0, "skipped": 2, "failed": 0}),
                      {"domainIdentifier": DOMAIN, "identifier": RUN})
    result = handler.is_complete(event(), datazone=client, now=lambda: 1100)
    assert result["IsComplete"] is True
    assert result["Data"]["Status"] == "PARTIALLY_SUCCEEDED" and result["Data"]["Skipped"] == "2" and result["Data"]["Failed"] == "0"
    assert "some tables were skipped" in result["Data"]["Warning"] and "list-data-source-run-activities" in result["Data"]["Warning"]


def test_gives_up_after_the_timeout_saying_what_it_waited_for(datazone):
    client, stub = datazone
    stub.add_response("get_data_source_run", run("RUNNING"), {"domainIdentifier": DOMAIN, "identifier": RUN})
    with pytest.raises(RuntimeError, match=rf"Not done within 600 s: the run {RUN} of data source {SOURCE} .* is still RUNNING.*get-data-source-run"):
        handler.is_complete(event(started=1000), datazone=client, now=lambda: 1601)


def test_keeps_waiting_while_polling_is_throttled(datazone):
    client, stub = datazone
    throttle(stub, "get_data_source_run", 6, expected_params={"domainIdentifier": DOMAIN, "identifier": RUN})
    assert handler.is_complete(event(), datazone=client, now=lambda: 1100, sleep=lambda s: None) == {"IsComplete": False}


def test_delete_calls_nothing_and_completes(datazone):
    client, _ = datazone
    assert handler.on_event(event("Delete"), datazone=client) == {"PhysicalResourceId": "x"}
    assert handler.is_complete(event("Delete"), datazone=client) == {"IsComplete": True}


@pytest.mark.parametrize("props, message", [
    ({"DataSourceId": ""}, "'DataSourceId' is required"),
    ({"TimeoutSeconds": "3601"}, "'TimeoutSeconds' is whole seconds from 60 to 3300"),
])
def test_rejects_bad_properties(props, message):
    with pytest.raises(ValueError, match=message):
        handler.on_event(event(**props))


def test_finds_a_run_in_progress_on_a_later_page_instead_of_starting_another(datazone):
    client, stub = datazone
    stub.add_response("list_data_source_runs", {"items": [], "nextToken": "p2"}, {**LIST, "status": "REQUESTED"})
    stub.add_response("list_data_source_runs", {"items": [summary("REQUESTED")]}, {**LIST, "status": "REQUESTED", "nextToken": "p2"})
    assert handler.on_event(event(), datazone=client, now=lambda: 1000)["Data"]["RunId"] == "run-created"  # no start stubbed


def test_a_quota_error_of_the_start_fails_at_once_instead_of_being_retried(datazone):
    client, stub = datazone
    waits = []
    no_active_run(stub)
    stub.add_client_error("start_data_source_run", "ServiceQuotaExceededException", "too many runs", http_status_code=402, expected_params={**LIST, "clientToken": "req-1"})
    with pytest.raises(Exception, match="ServiceQuotaExceededException"):
        handler.on_event(event(), datazone=client, now=lambda: 1000, sleep=waits.append)
    assert waits == []


def test_gives_up_on_throttling_of_the_start_after_a_bounded_wait_saying_what_it_waited_for(datazone):
    client, stub = datazone
    throttle(stub, "list_data_source_runs", 6, http_status_code=429)
    gives_up(lambda sleep: handler.on_event(event(), datazone=client, now=lambda: 1000, sleep=sleep), r"waiting for DataZone to answer about the data source's runs")


def test_at_the_deadline_a_poll_that_stays_throttled_fails_saying_so(datazone):
    client, stub = datazone
    throttle(stub, "get_data_source_run", 6, expected_params={"domainIdentifier": DOMAIN, "identifier": RUN})
    with pytest.raises(RuntimeError, match=r"Not done within 600 s: .* is still unknown \(DataZone kept throttling the calls\)"):
        handler.is_complete(event(), datazone=client, now=lambda: 1601, sleep=lambda s: None)


def test_creating_twice_with_the_same_request_starts_one_run(datazone):
    # The second event finds the run the first one started (REQUESTED) and starts none.
    client, stub = datazone
    no_active_run(stub)
    stub.add_response("start_data_source_run", run("REQUESTED"), {**LIST, "clientToken": "req-1"})
    stub.add_response("list_data_source_runs", {"items": [summary("REQUESTED", RUN)]}, {**LIST, "status": "REQUESTED"})
    first = handler.on_event(event(), datazone=client, now=lambda: 1000)
    assert handler.on_event(event(), datazone=client, now=lambda: 1000) == first


def test_an_update_to_another_data_source_is_a_new_resource_that_runs_it(datazone):
    client, stub = datazone
    other = {"domainIdentifier": DOMAIN, "dataSourceIdentifier": "ds999"}
    stub.add_response("list_data_source_runs", {"items": []}, {**other, "status": "REQUESTED"})
    stub.add_response("list_data_source_runs", {"items": []}, {**other, "status": "RUNNING"})
    stub.add_response("start_data_source_run", {**run("REQUESTED"), "dataSourceId": "ds999"}, {**other, "clientToken": "req-1"})
    result = handler.on_event({**event("Update", DataSourceId="ds999"), "OldResourceProperties": PROPS}, datazone=client, now=lambda: 1000)
    assert result["PhysicalResourceId"] == "data-source-run:ds999"
