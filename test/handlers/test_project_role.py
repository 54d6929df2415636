# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The project-role lookup: against moto's IAM, and its timeout."""
import json

import boto3
import pytest
from conftest import client_error

import project_role.index as lookup

TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "datazone.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def event(project="prj123", started=1000, timeout=60):
    return {"RequestType": "Create", "ResourceProperties": {"ProjectId": project, "TimeoutSeconds": str(timeout)}, "Data": {"WaitStartedAt": str(started)}}


def test_waits_while_the_project_role_does_not_exist_then_returns_its_arn(aws_env):
    iam = boto3.client("iam")
    iam.create_role(RoleName="datazone_usr_role_other_env", AssumeRolePolicyDocument=TRUST)
    assert lookup.is_complete(event("prj123"), now=lambda: 1001) == {"IsComplete": False}
    created = iam.create_role(RoleName="datazone_usr_role_prj123_env456", AssumeRolePolicyDocument=TRUST)["Role"]
    result = lookup.is_complete(event("prj123"), now=lambda: 1002)
    assert result == {"IsComplete": True, "Data": {"RoleArn": created["Arn"], "RoleName": "datazone_usr_role_prj123_env456"}}
    assert lookup.is_complete(event("prj123"), now=lambda: 1003) == result  # idempotent


def test_does_not_take_a_project_whose_id_merely_starts_the_same(aws_env):
    boto3.client("iam").create_role(RoleName="datazone_usr_role_prj1234_env1", AssumeRolePolicyDocument=TRUST)
    assert lookup.is_complete(event("prj12"), now=lambda: 1001) == {"IsComplete": False}


def test_fails_after_the_timeout_naming_the_project(aws_env):
    with pytest.raises(RuntimeError, match="No role datazone_usr_role_missing_\\* appeared in this account within 60 s: the Tooling environment of project missing"):
        lookup.is_complete(event("missing", timeout=60), now=lambda: 1061)


def test_completes_deletes_at_once():
    assert lookup.is_complete({"RequestType": "Delete", "ResourceProperties": {"ProjectId": "p"}}) == {"IsComplete": True}


def test_refuses_an_empty_project_id():
    with pytest.raises(ValueError, match="'ProjectId' is required"):
        lookup.on_event({"RequestType": "Create", "ResourceProperties": {"ProjectId": ""}})


class PagedIam:
    """An IAM double answering ListRoles over pages of `pages` (lists of role names), or raising `error` while it is set."""

    def __init__(self, *pages, error=None):
        self.pages, self.error, self.requests = pages, error, []

    def list_roles(self, **request):
        self.requests.append(request)
        if self.error:
            raise self.error
        index = int(request.get("Marker", "0"))
        page = {"Roles": [{"RoleName": name, "Arn": f"arn:aws:iam::123456789012:role/{name}"} for name in self.pages[index]], "IsTruncated": index + 1 < len(self.pages)}
        if page["IsTruncated"]:
            page["Marker"] = str(index + 1)
        return page


def test_finds_the_project_role_on_a_later_page_of_roles():
    iam = PagedIam(["admin"], ["datazone_usr_role_other_env"], ["datazone_usr_role_prj123_env456"])
    assert lookup.is_complete(event("prj123"), iam=iam, now=lambda: 1001)["Data"]["RoleName"] == "datazone_usr_role_prj123_env456"
    assert [r.get("Marker") for r in iam.requests] == [None, "1", "2"]


def test_throttling_beyond_botocores_retries_counts_as_not_yet():
    iam = PagedIam(["datazone_usr_role_prj123_env456"], error=client_error("Throttling", "ListRoles"))
    assert lookup.is_complete(event("prj123"), iam=iam, now=lambda: 1001) == {"IsComplete": False}
    iam.error = None
    assert lookup.is_complete(event("prj123"), iam=iam, now=lambda: 1002)["IsComplete"] is True


def test_at_the_deadline_throttling_fails_saying_what_kept_answering_and_the_fix():
    iam = PagedIam([], error=client_error("Throttling", "ListRoles"))
    with pytest.raises(RuntimeError, match=r"Not done within 60 s: IAM kept answering ListRoles with Throttling .*role datazone_usr_role_prj123_\* of project prj123. Fix: deploy again"):
        lookup.is_complete(event("prj123", timeout=60), iam=iam, now=lambda: 1061)


def test_another_error_fails_at_once():
    iam = PagedIam([], error=client_error("AccessDenied", "ListRoles"))
    with pytest.raises(Exception, match="AccessDenied"):
        lookup.is_complete(event("prj123"), iam=iam, now=lambda: 1001)


def test_creating_twice_or_updating_to_another_project_names_the_project_in_the_physical_id():
    first = lookup.on_event(event("prj123"), now=lambda: 5)
    assert lookup.on_event(event("prj123"), now=lambda: 6)["PhysicalResourceId"] == first["PhysicalResourceId"] == "project-role:prj123"
    moved = lookup.on_event({**event("prj999"), "RequestType": "Update", "OldResourceProperties": {"ProjectId": "prj123"}}, now=lambda: 7)
    assert moved["PhysicalResourceId"] == "project-role:prj999"  # a replacement: the new project's role is looked up


def test_deleting_twice_completes_at_once_without_calling_iam():
    iam = PagedIam([], error=client_error("AccessDenied", "ListRoles"))
    for _ in range(2):
        assert lookup.is_complete({"RequestType": "Delete", "ResourceProperties": {"ProjectId": "p"}}, iam=iam) == {"IsComplete": True}
    assert iam.requests == []
