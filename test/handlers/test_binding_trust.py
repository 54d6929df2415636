# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The trust-policy edit of the consumer project role, against moto's IAM."""
import json

import boto3
import pytest
from conftest import client_error

import binding_trust.index as trust

DATAZONE = {"Sid": "DataZone", "Effect": "Allow", "Principal": {"Service": "datazone.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}


@pytest.fixture()
def roles(aws_env, request):
    iam = boto3.client("iam")
    suffix = request.node.name[-20:].replace("[", "").replace("]", "")
    project = iam.create_role(RoleName=f"datazone_usr_role_{suffix}", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [DATAZONE]}))["Role"]
    function = iam.create_role(RoleName=f"fn_{suffix}", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}))["Role"]
    return iam, project, function


def props(project, function, sid="CdkDataMeshBindingAbc"):
    return {"RoleName": project["RoleName"], "PrincipalArn": function["Arn"], "Sid": sid}


def statements(iam, project):
    document = iam.get_role(RoleName=project["RoleName"])["Role"]["AssumeRolePolicyDocument"]
    return document["Statement"]


def test_appends_one_statement_naming_the_function_role_and_keeps_the_others(roles):
    iam, project, function = roles
    result = trust.on_event({"RequestType": "Create", "ResourceProperties": props(project, function)})
    assert result["Data"]["Changed"] == "true"
    assert statements(iam, project) == [DATAZONE, {"Sid": "CdkDataMeshBindingAbc", "Effect": "Allow", "Principal": {"AWS": function["Arn"]}, "Action": "sts:AssumeRole"}]


def test_creating_twice_writes_nothing_the_second_time(roles):
    iam, project, function = roles
    trust.on_event({"RequestType": "Create", "ResourceProperties": props(project, function)})
    again = trust.on_event({"RequestType": "Create", "ResourceProperties": props(project, function)})
    assert again["Data"]["Changed"] == "false"
    assert len(statements(iam, project)) == 2


def test_reapplies_the_statement_when_it_disappeared(roles):
    iam, project, function = roles
    trust.on_event({"RequestType": "Create", "ResourceProperties": props(project, function)})
    iam.update_assume_role_policy(RoleName=project["RoleName"], PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [DATAZONE]}))
    assert trust.on_event({"RequestType": "Reconcile", "ResourceProperties": props(project, function)})["Data"]["Changed"] == "true"
    assert len(statements(iam, project)) == 2


def test_deleting_removes_only_its_own_statement_and_twice_is_harmless(roles):
    iam, project, function = roles
    trust.on_event({"RequestType": "Create", "ResourceProperties": props(project, function)})
    for _ in range(2):
        trust.on_event({"RequestType": "Delete", "ResourceProperties": props(project, function), "PhysicalResourceId": "x"})
    assert statements(iam, project) == [DATAZONE]


def test_deleting_for_a_role_that_is_gone_succeeds(aws_env):
    trust.on_event({"RequestType": "Delete", "ResourceProperties": {"RoleName": "gone", "PrincipalArn": "arn:aws:iam::123456789012:role/fn", "Sid": "S"}, "PhysicalResourceId": "x"})


def test_moves_the_statement_when_the_project_role_changes(roles):
    iam, project, function = roles
    other = iam.create_role(RoleName=project["RoleName"] + "2", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [DATAZONE]}))["Role"]
    trust.on_event({"RequestType": "Create", "ResourceProperties": props(project, function)})
    trust.on_event({"RequestType": "Update", "ResourceProperties": props(other, function), "OldResourceProperties": props(project, function), "PhysicalResourceId": "x"})
    assert statements(iam, project) == [DATAZONE]
    assert len(statements(iam, other)) == 2


def test_refuses_an_account_root_as_principal():
    with pytest.raises(ValueError, match="must name the function's role .* never an account root"):
        trust.on_event({"RequestType": "Create", "ResourceProperties": {"RoleName": "r", "PrincipalArn": "arn:aws:iam::123456789012:root", "Sid": "S"}})


class PropagatingIam:
    """Rejects the new principal once (IAM has not propagated it yet), then accepts."""

    def __init__(self):
        self.writes = 0

    def get_role(self, RoleName):
        return {"Role": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [DATAZONE]}}}

    def update_assume_role_policy(self, **request):
        self.writes += 1
        if self.writes == 1:
            raise client_error("MalformedPolicyDocument", "UpdateAssumeRolePolicy")
        return {}


def test_retries_while_iam_propagates_a_new_principal():
    iam, waits = PropagatingIam(), []
    trust.on_event({"RequestType": "Create", "ResourceProperties": {"RoleName": "r", "PrincipalArn": "arn:aws:iam::123456789012:role/fn", "Sid": "S"}}, iam=iam, sleep=waits.append)
    assert iam.writes == 2 and len(waits) == 1
