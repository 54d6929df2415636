# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The trust-policy edit of the consumer project role, against moto's IAM."""
import json

import boto3
import pytest
from conftest import Clock, client_error

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


def test_the_self_trust_names_the_project_role_itself_for_the_wrappers_session_name(roles):
    iam, project, function = roles
    trust.on_event({"RequestType": "Create", "ResourceProperties": {**props(project, function), "SelfAssumeSessionName": "cdk-data-mesh-abc"}})
    assert statements(iam, project)[2] == {"Sid": "CdkDataMeshBindingAbcSelf", "Effect": "Allow", "Principal": {"AWS": project["Arn"]}, "Action": "sts:AssumeRole",
                                           "Condition": {"StringLike": {"aws:userid": "*:cdk-data-mesh-abc"}}}


def test_refuses_an_account_root_as_principal():
    with pytest.raises(ValueError, match="must name the function's role .* never an account root"):
        trust.on_event({"RequestType": "Create", "ResourceProperties": {"RoleName": "r", "PrincipalArn": "arn:aws:iam::123456789012:root", "Sid": "S"}})


class ScriptedIam:
    """An IAM double holding one role's trust policy; `on_write` may stand for another writer acting right after ours."""

    def __init__(self, statements=None, on_write=None, errors=None):
        self.document = {"Version": "2012-10-17", "Statement": list(statements or [DATAZONE])}
        self.on_write = on_write or (lambda iam: None)
        self.errors = list(errors or [])
        self.writes = 0

    def get_role(self, RoleName):
        if self.errors:
            raise self.errors.pop(0)
        return {"Role": {"Arn": f"arn:aws:iam::123456789012:role/{RoleName}", "AssumeRolePolicyDocument": json.loads(json.dumps(self.document))}}

    def update_assume_role_policy(self, RoleName, PolicyDocument):
        self.writes += 1
        if self.writes == 1 and getattr(self, "reject_first", False):
            raise client_error("MalformedPolicyDocument", "UpdateAssumeRolePolicy")
        self.document = json.loads(PolicyDocument)
        self.on_write(self)
        return {}


FN = "arn:aws:iam::123456789012:role/fn"


def create(iam, clock, request="Create", **extra):
    return trust.on_event({"RequestType": request, "ResourceProperties": {"RoleName": "r", "PrincipalArn": FN, "Sid": "S", **extra}},
                          iam=iam, sleep=clock.sleep, clock=clock)


def test_retries_while_iam_propagates_a_new_principal():
    iam, clock = ScriptedIam(), Clock()
    iam.reject_first = True
    create(iam, clock)
    assert iam.writes == 2
    assert [s["Sid"] for s in iam.document["Statement"]] == ["DataZone", "S"]


def test_merges_again_when_another_writer_replaced_the_policy_between_its_read_and_write():
    # DataZone writes its own version (with a new statement, without ours) right after our first write.
    added = {"Sid": "AddedByDataZone", "Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}

    def datazone_rewrites_once(iam):
        if iam.writes == 1:
            iam.document = {"Version": "2012-10-17", "Statement": [DATAZONE, added]}

    iam, clock = ScriptedIam(on_write=datazone_rewrites_once), Clock()
    result = create(iam, clock)
    assert result["Data"]["Changed"] == "true"
    assert iam.writes == 2
    assert [s["Sid"] for s in iam.document["Statement"]] == ["DataZone", "AddedByDataZone", "S"]


def test_fails_with_the_writer_to_look_for_when_the_policy_keeps_being_replaced_and_waits_a_bounded_time():
    def always_rewrites(iam):
        iam.document = {"Version": "2012-10-17", "Statement": [DATAZONE]}

    iam, clock = ScriptedIam(on_write=always_rewrites), Clock()
    with pytest.raises(RuntimeError, match=r"did not keep the binding's statements .* CloudTrail \(eventName UpdateAssumeRolePolicy, requestParameters.roleName r\)"):
        create(iam, clock)
    assert iam.writes == trust.MERGE_ATTEMPTS
    assert clock.now <= trust.MAX_WAIT_SECONDS


def test_retries_throttling_with_waits_capped_at_30_seconds():
    iam, clock = ScriptedIam(errors=[client_error("Throttling", "GetRole")] * 6), Clock()
    create(iam, clock)
    assert len(clock.waits) >= 6 and max(clock.waits) <= 30


def test_gives_up_on_throttling_before_the_bounded_wait_is_over():
    iam, clock = ScriptedIam(errors=[client_error("Throttling", "GetRole")] * 100), Clock()
    with pytest.raises(Exception, match="Throttling"):
        create(iam, clock)
    assert clock.now <= trust.MAX_WAIT_SECONDS


def test_does_not_retry_access_denied():
    iam, clock = ScriptedIam(errors=[client_error("AccessDenied", "GetRole")]), Clock()
    with pytest.raises(Exception, match="AccessDenied"):
        create(iam, clock)
    assert clock.waits == []


def test_a_reconciliation_that_restores_the_statement_logs_the_metric_the_alarm_watches(capsys):
    iam, clock = ScriptedIam(), Clock()
    assert create(iam, clock, request="Reconcile")["Data"]["Changed"] == "true"
    record = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert record["_aws"]["CloudWatchMetrics"] == [{"Namespace": "cdk-data-mesh", "Dimensions": [["Binding"]], "Metrics": [{"Name": "TrustStatementRestored", "Unit": "Count"}]}]
    assert record["Binding"] == "S" and record["TrustStatementRestored"] == 1 and record["Restored"] == ["S"]


def test_a_reconciliation_that_finds_the_statement_in_place_writes_and_logs_nothing(capsys):
    iam, clock = ScriptedIam(), Clock()
    create(iam, clock)
    capsys.readouterr()
    assert create(iam, clock, request="Reconcile")["Data"]["Changed"] == "false"
    assert iam.writes == 1
    assert "TrustStatementRestored" not in capsys.readouterr().out


def test_creating_does_not_log_the_restored_metric(capsys):
    create(ScriptedIam(), Clock())
    assert "TrustStatementRestored" not in capsys.readouterr().out


SELF = {"Sid": "SSelf", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/r"}, "Action": "sts:AssumeRole",
        "Condition": {"StringLike": {"aws:userid": "*:cdk-data-mesh-abc"}}}


def test_with_a_session_name_lets_the_wrappers_sessions_of_the_project_role_assume_it_again():
    iam, clock = ScriptedIam(), Clock()
    create(iam, clock, SelfAssumeSessionName="cdk-data-mesh-abc")
    assert iam.document["Statement"][1:] == [trust.statement({"Sid": "S", "PrincipalArn": FN}), SELF]


def test_without_a_session_name_removes_the_self_trust_it_added_before():
    iam, clock = ScriptedIam(), Clock()
    create(iam, clock, SelfAssumeSessionName="cdk-data-mesh-abc")
    create(iam, clock, request="Update")
    assert [s["Sid"] for s in iam.document["Statement"]] == ["DataZone", "S"]


def test_deleting_removes_the_self_trust_too():
    iam, clock = ScriptedIam(), Clock()
    create(iam, clock, SelfAssumeSessionName="cdk-data-mesh-abc")
    create(iam, clock, request="Delete")
    assert iam.document["Statement"] == [DATAZONE]


def test_refuses_a_session_name_sts_would_refuse():
    with pytest.raises(ValueError, match="'SelfAssumeSessionName' is 'a b'"):
        create(ScriptedIam(), Clock(), SelfAssumeSessionName="a b")


def test_a_trust_policy_over_iams_size_quota_fails_at_once_naming_the_quota_and_the_fix():
    iam, clock = ScriptedIam(), Clock()

    def over_quota(RoleName, PolicyDocument):
        raise client_error("LimitExceeded", "UpdateAssumeRolePolicy")

    iam.update_assume_role_policy = over_quota
    with pytest.raises(RuntimeError, match=r"IAM refused the trust policy of role r \(LimitExceeded: .*role trust policy length quota.*Service Quotas"):
        create(iam, clock)
    assert clock.waits == []


def test_gives_up_on_throttling_saying_what_it_waited_for_and_how_to_fix_it():
    iam, clock = ScriptedIam(errors=[client_error("Throttling", "GetRole")] * 100), Clock()
    with pytest.raises(RuntimeError, match=r"waiting for IAM to read or write the project role's trust policy: GetRole kept failing with Throttling.*Fix: .*deploy again"):
        create(iam, clock)
