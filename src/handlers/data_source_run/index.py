# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Runs a DataZone data source at deploy, and waits until the run succeeded.

Whether CreateDataSource starts a run by itself is not documented. This custom resource (aws-cdk-lib
Provider framework) works either way, as its own role (`HandlerRoleArn`, which must be a DataZone
user and a member of the data source's project):

- `on_event` (Create / Update): waits for a run of the data source that is REQUESTED or RUNNING (one
  the creation started), else starts one (StartDataSourceRun, with the request's id as client token,
  so a retried event starts no second run). A ConflictException (a run started meanwhile) is answered
  by waiting for that run.
- `is_complete` polls GetDataSourceRun: SUCCESS completes; FAILED fails with DataZone's error message.
  PARTIALLY_SUCCEEDED (the DataSourceRunStatus enum's value for a run in which some tables were not
  imported) completes with a `Warning` attribute and a logged warning when no asset failed (`failed` is
  0: tables only skipped, e.g. already imported or archived), since the subscription that needs a table
  waits for its listing and names it if it is missing; with failed assets it fails like FAILED. A run
  still going after `TimeoutSeconds` fails saying what it waited for.
- Delete: nothing (a run leaves the published assets; deleting the data source is CloudFormation's).

Throttling and transient errors are retried with capped exponential backoff (and "not yet" while polling).
A refusal (AccessDeniedException) in the first 5 minutes counts as "not yet" too (the role and its membership
were made minutes before; a refused start is retried by `is_complete`); after that it fails at once, naming the
role and the membership it needs.
"""
import json
import os
import time

from common.aws import DENIED, DENIED_GRACE_SECONDS, call, client, code

RETRYABLE = {"ThrottlingException", "InternalServerException"}  # a quota error (ServiceQuotaExceededException) fails: waiting does not raise it
ACTIVE = ("REQUESTED", "RUNNING")
DEFAULT_TIMEOUT_SECONDS = 3000


def on_event(event, context=None, datazone=None, now=time.time, sleep=time.sleep):
    props = event["ResourceProperties"]
    _validate(props)
    physical_id = f"data-source-run:{props['DataSourceId']}"
    if event["RequestType"] == "Delete":
        return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}
    datazone = datazone or client("datazone")
    try:
        run = active_run(datazone, props, sleep) or start(datazone, props, event.get("RequestId"), sleep)
    except Exception as error:
        if _code(error) in DENIED:
            # The role and its membership are minutes old: is_complete tries again while they apply.
            _log("refused, starting the run once fresh permissions apply", dataSource=props["DataSourceId"], error=str(error))
            return {"PhysicalResourceId": physical_id, "Data": {"RunId": "", "WaitStartedAt": str(int(now()))}}
        raise
    _log("waiting for data source run", dataSource=props["DataSourceId"], run=run["id"], status=run.get("status"))
    return {"PhysicalResourceId": physical_id, "Data": {"RunId": run["id"], "WaitStartedAt": str(int(now()))}}


def is_complete(event, context=None, datazone=None, now=time.time, sleep=time.sleep):
    if event.get("RequestType") == "Delete":
        return {"IsComplete": True}
    props = event["ResourceProperties"]
    data = event.get("Data", {})
    run_id = data["RunId"]
    started = int(data.get("WaitStartedAt", now()))
    timeout = int(props.get("TimeoutSeconds", DEFAULT_TIMEOUT_SECONDS))
    datazone = datazone or client("datazone")
    try:
        if not run_id:
            # Not started yet: the start was refused while the role's permissions were fresh. Each poll finds the
            # run it started (REQUESTED/RUNNING) or starts it with the request's client token, so a run that has
            # already ended between two polls is returned again by the service, not started twice.
            run = active_run(datazone, props, sleep) or start(datazone, props, event.get("RequestId"), sleep)
            run_id = run["id"]
            _log("waiting for data source run", dataSource=props["DataSourceId"], run=run_id, status=run.get("status"))
        run = _call(lambda: datazone.get_data_source_run(domainIdentifier=props["DomainId"], identifier=run_id), sleep)
    except Exception as error:
        if _code(error) in RETRYABLE:
            _give_up_after(timeout, started, now, props, run_id or "(not started)", "unknown (DataZone kept throttling the calls)")
            return {"IsComplete": False}
        if _code(error) in DENIED:
            if now() - started < DENIED_GRACE_SECONDS:
                _log("refused, waiting for fresh permissions to apply", dataSource=props["DataSourceId"], error=str(error))
                return {"IsComplete": False}
            raise RuntimeError(_denied(props, error)) from error
        raise
    status = run.get("status")
    if status == "SUCCESS":
        return {"IsComplete": True, "Data": {"RunId": run_id, "Status": status, **_statistics(run)}}
    stats = run.get("runStatisticsForAssets") or {}
    activities = (f"'aws datazone list-data-source-run-activities --domain-identifier {props['DomainId']} --identifier {run_id}' lists each table's outcome")
    if status == "PARTIALLY_SUCCEEDED" and not stats.get("failed"):
        warning = (f"The run {run_id} of data source {props['DataSourceId']} ended PARTIALLY_SUCCEEDED with no failed asset "
                   f"({json.dumps(stats, sort_keys=True)}): some tables were skipped ({activities}).")
        _log("warning: data source run partially succeeded", dataSource=props["DataSourceId"], run=run_id, statistics=stats)
        return {"IsComplete": True, "Data": {"RunId": run_id, "Status": status, "Warning": warning, **_statistics(run)}}
    if status in ("FAILED", "PARTIALLY_SUCCEEDED"):
        error = run.get("errorMessage") or {}
        raise RuntimeError(
            f"The run {run_id} of data source {props['DataSourceId']} (domain {props['DomainId']}) ended {status}: "
            f"{error.get('errorType', 'no error type')}: {error.get('errorDetail', 'no detail')} ({json.dumps(stats, sort_keys=True)}). "
            f"Fix: check the project role's Lake Formation grants on the tables and the data source's filter "
            f"({activities}), then deploy again.")
    _give_up_after(timeout, started, now, props, run_id, status)
    return {"IsComplete": False}


def active_run(datazone, props, sleep=time.sleep):
    """A REQUESTED or RUNNING run of the data source, or None."""
    for status in ACTIVE:
        token = {}
        while True:  # a filtered list may answer an empty page with a nextToken: follow the pages until one has a run
            page = _call(lambda: datazone.list_data_source_runs(domainIdentifier=props["DomainId"], dataSourceIdentifier=props["DataSourceId"], status=status, **token), sleep)
            if page.get("items"):
                return page["items"][0]
            if not page.get("nextToken"):
                break
            token = {"nextToken": page["nextToken"]}
    return None


def start(datazone, props, token, sleep=time.sleep):
    request = {"domainIdentifier": props["DomainId"], "dataSourceIdentifier": props["DataSourceId"]}
    if token:
        request["clientToken"] = token[:128]
    try:
        return _call(lambda: datazone.start_data_source_run(**request), sleep)
    except Exception as error:
        if _code(error) != "ConflictException":
            raise
        # A run started between the listing and the start (e.g. the one the creation triggers).
        run = active_run(datazone, props, sleep)
        if run is None:
            raise
        return run


def _statistics(run):
    stats = run.get("runStatisticsForAssets") or {}
    return {key.capitalize(): str(stats[key]) for key in ("added", "updated", "unchanged", "skipped", "failed") if key in stats}


def _denied(props, error):
    return (f"{_code(error)}: {error}. The handler role {props.get('HandlerRoleArn', '(unknown)')} may not run data source {props['DataSourceId']} "
            f"of domain {props['DomainId']}. Fix: register it as an IAM_ROLE user profile of the domain and make it a member "
            f"(PROJECT_CONTRIBUTOR or owner) of the data source's project, and let it use the domain's KMS key; then deploy again.")


def _give_up_after(timeout, started, now, props, run_id, status):
    if now() - started > timeout:
        raise RuntimeError(
            f"Not done within {timeout} s: the run {run_id} of data source {props['DataSourceId']} (domain {props['DomainId']}) is still {status}. "
            f"Fix: follow it with 'aws datazone get-data-source-run --domain-identifier {props['DomainId']} --identifier {run_id}'; "
            f"deploy again once it ended (the handler waits for a run in progress instead of starting another), or narrow the data source's tables.")


def _call(operation, sleep):
    return call(operation, sleep, RETRYABLE, attempts=6, what="DataZone to answer about the data source's runs",
                fix="DataZone kept throttling; deploy again in a few minutes (a run already started is waited for, not started twice).")


def _code(error):
    return code(error)


def _validate(props):
    for key in ("DomainId", "DataSourceId"):
        if not props.get(key):
            raise ValueError(f"'{key}' is required, got {props.get(key)!r}")
    seconds = props.get("TimeoutSeconds", DEFAULT_TIMEOUT_SECONDS)
    if not str(seconds).isdigit() or not 60 <= int(seconds) <= 3300:
        raise ValueError(f"'TimeoutSeconds' is whole seconds from 60 to 3300 (CloudFormation fails a custom resource after one hour), got {seconds!r}")


def _log(message, **fields):
    if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
        print(json.dumps({"message": message, **fields}))
