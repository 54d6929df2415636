# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The project-role lookup: against moto's IAM, and its timeout."""
import json

import boto3
import pytest

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
