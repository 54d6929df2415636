# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Binding an existing function: its configuration is merged, never overwritten (moto's Lambda)."""
import io
import json
import zipfile

import boto3
import pytest
from conftest import Clock, client_error

import function_binding.index as binding

WRAPPER = "/opt/cdk-data-mesh/assume-role-wrapper"


def zipped():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("handler.py", "def handler(event, context):\n    return 1\n")
    return buffer.getvalue()


@pytest.fixture()
def function(aws_env, request):
    iam = boto3.client("iam")
    name = "consumer_" + request.node.name[-24:].replace("[", "_").replace("]", "")
    role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))["Role"]
    client = boto3.client("lambda")
    owner_layer = client.publish_layer_version(LayerName="owners-layer", Content={"ZipFile": zipped()})["LayerVersionArn"]
    ours_v1 = client.publish_layer_version(LayerName="cdk-data-mesh-binding", Content={"ZipFile": zipped()})["LayerVersionArn"]
    ours_v2 = client.publish_layer_version(LayerName="cdk-data-mesh-binding", Content={"ZipFile": zipped()})["LayerVersionArn"]
    client.create_function(FunctionName=name, Runtime="python3.13", Role=role["Arn"], Handler="handler.handler", Code={"ZipFile": zipped()},
                           Environment={"Variables": {"OWNER_SETTING": "kept"}}, Layers=[owner_layer, ours_v1])
    return {"client": client, "name": name, "role": role, "owner_layer": owner_layer, "ours_v1": ours_v1, "ours_v2": ours_v2}


def props(f, **overrides):
    return {"FunctionName": f["name"], "LayerArn": f["ours_v2"], "Environment": {"AWS_LAMBDA_EXEC_WRAPPER": WRAPPER, "MESH_ROLE_ARN": "arn:aws:iam::123456789012:role/datazone_usr_role_p_e"}, **overrides}


def configuration(f):
    config = f["client"].get_function_configuration(FunctionName=f["name"])
    return config["Environment"]["Variables"], [layer["Arn"] for layer in config.get("Layers", [])]


def test_merges_the_binding_into_the_function_configuration_and_returns_its_role(function):
    result = binding.on_event({"RequestType": "Create", "ResourceProperties": props(function)})
    variables, layers = configuration(function)
    assert variables == {"OWNER_SETTING": "kept", "AWS_LAMBDA_EXEC_WRAPPER": WRAPPER, "MESH_ROLE_ARN": "arn:aws:iam::123456789012:role/datazone_usr_role_p_e"}
    assert layers == [function["owner_layer"], function["ours_v2"]]  # the older version of our layer is replaced
    assert result["Data"] == {"RoleArn": function["role"]["Arn"], "RoleName": function["role"]["RoleName"]}


def test_binding_twice_changes_nothing(function):
    binding.on_event({"RequestType": "Create", "ResourceProperties": props(function)})
    first = configuration(function)
    binding.on_event({"RequestType": "Reconcile", "ResourceProperties": props(function)})
    assert configuration(function) == first


def test_reapplies_the_binding_after_the_owner_redeploys(function):
    binding.on_event({"RequestType": "Create", "ResourceProperties": props(function)})
    function["client"].update_function_configuration(FunctionName=function["name"], Environment={"Variables": {"OWNER_SETTING": "new"}}, Layers=[function["owner_layer"]])
    binding.on_event({"RequestType": "Reconcile", "ResourceProperties": props(function)})
    variables, layers = configuration(function)
    assert variables["OWNER_SETTING"] == "new" and variables["AWS_LAMBDA_EXEC_WRAPPER"] == WRAPPER
    assert layers == [function["owner_layer"], function["ours_v2"]]


def test_unbinding_removes_only_what_the_binding_added_and_twice_is_harmless(function):
    binding.on_event({"RequestType": "Create", "ResourceProperties": props(function)})
    for _ in range(2):
        binding.on_event({"RequestType": "Delete", "ResourceProperties": props(function), "PhysicalResourceId": "x"})
    variables, layers = configuration(function)
    assert variables == {"OWNER_SETTING": "kept"}
    assert layers == [function["owner_layer"]]


def test_unbinding_a_function_that_is_gone_succeeds(aws_env):
    binding.on_event({"RequestType": "Delete", "ResourceProperties": {"FunctionName": "gone", "LayerArn": "x", "Environment": {}}, "PhysicalResourceId": "x"})


def test_refuses_a_function_with_another_exec_wrapper(function):
    function["client"].update_function_configuration(FunctionName=function["name"], Environment={"Variables": {"AWS_LAMBDA_EXEC_WRAPPER": "/opt/otel-instrument"}})
    with pytest.raises(ValueError, match="already uses the exec wrapper /opt/otel-instrument"):
        binding.on_event({"RequestType": "Create", "ResourceProperties": props(function)})


@pytest.mark.parametrize("runtime,ok", [("python3.13", True), ("python3.9", True), ("nodejs20.x", True), ("nodejs18.x", True), ("nodejs16.x", False), ("java21", False), ("provided.al2023", False), ("", False)])
def test_knows_which_runtimes_it_supports(runtime, ok):
    assert binding.supported(runtime) is ok


def test_reads_the_role_without_changing_anything_when_read_only(function):
    before = configuration(function)
    result = binding.on_event({"RequestType": "Create", "ResourceProperties": props(function, ReadOnly="true")})
    assert result["Data"]["RoleArn"] == function["role"]["Arn"]
    binding.on_event({"RequestType": "Delete", "ResourceProperties": props(function, ReadOnly="true"), "PhysicalResourceId": "x"})
    assert configuration(function) == before


def test_refuses_an_unsupported_runtime_naming_it(function):
    function["client"].update_function_configuration(FunctionName=function["name"], Runtime="java21")
    with pytest.raises(ValueError, match="runs java21; the binding supports the Python 3 and Node.js 18\\+ runtimes"):
        binding.on_event({"RequestType": "Create", "ResourceProperties": props(function, ReadOnly="true")})


class ScriptedLambda:
    """A Lambda double holding one function's configuration with a RevisionId, checked on every update like Lambda does
    (PreconditionFailedException); `owner_writes` stands for the owner's deploy updating it right after each of our reads."""

    def __init__(self, owner_writes=0, errors=None):
        self.config = {"Runtime": "python3.13", "Role": "arn:aws:iam::123456789012:role/fn", "RevisionId": "r0",
                       "Environment": {"Variables": {"OWNER_SETTING": "kept"}}, "Layers": [{"Arn": OWNER_LAYER}]}
        self.owner_writes, self.errors, self.updates, self.revision = owner_writes, list(errors or []), [], 0

    def _bump(self, **changes):
        self.revision += 1
        self.config = {**self.config, **changes, "RevisionId": f"r{self.revision}"}

    def get_function_configuration(self, FunctionName):
        if self.errors:
            raise self.errors.pop(0)
        read = json.loads(json.dumps(self.config))
        if self.owner_writes:
            self.owner_writes -= 1
            variables = {**self.config["Environment"]["Variables"], "OWNER_SETTING": f"v{self.revision + 1}"}
            self._bump(Environment={"Variables": variables})
        return read

    def update_function_configuration(self, FunctionName, Environment, Layers, RevisionId=None):
        if RevisionId != self.config["RevisionId"]:
            raise client_error("PreconditionFailedException", "UpdateFunctionConfiguration")
        self.updates.append(RevisionId)
        self._bump(Environment=Environment, Layers=[{"Arn": arn} for arn in Layers])
        return self.config


OWNER_LAYER = "arn:aws:lambda:eu-west-1:123456789012:layer:owners-layer:1"
OURS = "arn:aws:lambda:eu-west-1:123456789012:layer:cdk-data-mesh-binding:2"
SCRIPTED = {"FunctionName": "fn", "LayerArn": OURS, "Environment": {"AWS_LAMBDA_EXEC_WRAPPER": WRAPPER}}


def test_merges_again_on_what_the_owner_wrote_when_the_function_changed_between_its_read_and_write():
    lambdas = ScriptedLambda(owner_writes=1)
    binding.on_event({"RequestType": "Reconcile", "ResourceProperties": SCRIPTED}, lambda_client=lambdas, sleep=lambda s: None)
    assert lambdas.updates == ["r1"]  # the write on the stale revision r0 was refused, the second one landed
    assert lambdas.config["Environment"]["Variables"] == {"OWNER_SETTING": "v1", "AWS_LAMBDA_EXEC_WRAPPER": WRAPPER}
    assert [layer["Arn"] for layer in lambdas.config["Layers"]] == [OWNER_LAYER, OURS]


def test_unbinding_merges_again_too_and_keeps_what_the_owner_wrote():
    lambdas = ScriptedLambda()
    binding.on_event({"RequestType": "Create", "ResourceProperties": SCRIPTED}, lambda_client=lambdas, sleep=lambda s: None)
    lambdas.owner_writes = 1
    binding.on_event({"RequestType": "Delete", "ResourceProperties": SCRIPTED, "PhysicalResourceId": "x"}, lambda_client=lambdas, sleep=lambda s: None)
    assert lambdas.config["Environment"]["Variables"] == {"OWNER_SETTING": "v2"}
    assert [layer["Arn"] for layer in lambdas.config["Layers"]] == [OWNER_LAYER]


def test_fails_naming_how_to_find_the_writer_when_the_function_keeps_changing():
    lambdas = ScriptedLambda(owner_writes=100)
    with pytest.raises(RuntimeError, match=r"changed between every read and write \(5 times\).*CloudTrail.*functionName fn"):
        binding.on_event({"RequestType": "Create", "ResourceProperties": SCRIPTED}, lambda_client=lambdas, sleep=lambda s: None)
    assert lambdas.updates == []


@pytest.mark.parametrize("fault", ["TooManyRequestsException", "ResourceConflictException"])
def test_retries_throttling_and_an_update_in_progress_with_waits_capped_at_30_seconds(fault):
    lambdas, clock = ScriptedLambda(errors=[client_error(fault, "GetFunctionConfiguration")] * 6), Clock()
    binding.on_event({"RequestType": "Create", "ResourceProperties": SCRIPTED}, lambda_client=lambdas, sleep=clock.sleep)
    assert len(clock.waits) == 6 and max(clock.waits) <= 30 and lambdas.updates == ["r0"]


def test_gives_up_on_throttling_after_a_bounded_wait_saying_what_it_waited_for():
    lambdas, clock = ScriptedLambda(errors=[client_error("TooManyRequestsException", "GetFunctionConfiguration")] * 100), Clock()
    with pytest.raises(RuntimeError, match=r"Gave up after 8 attempts .*waiting for Lambda to read or update the function's configuration.*Fix: let the function's running update finish"):
        binding.on_event({"RequestType": "Create", "ResourceProperties": SCRIPTED}, lambda_client=lambdas, sleep=clock.sleep)
    assert clock.now <= 8 * 30


def test_unbinding_a_function_deleted_between_its_read_and_write_succeeds():
    lambdas = ScriptedLambda()
    binding.on_event({"RequestType": "Create", "ResourceProperties": SCRIPTED}, lambda_client=lambdas, sleep=lambda s: None)

    def gone(**request):
        raise client_error("ResourceNotFoundException", "UpdateFunctionConfiguration")

    lambdas.update_function_configuration = gone
    binding.on_event({"RequestType": "Delete", "ResourceProperties": SCRIPTED, "PhysicalResourceId": "x"}, lambda_client=lambdas, sleep=lambda s: None)


def test_an_update_to_another_function_binds_it_under_a_new_id_and_the_old_ids_delete_unbinds_the_old_one(function):
    old = props(function)
    binding.on_event({"RequestType": "Create", "ResourceProperties": old})
    other = "other_" + function["name"][:40]
    function["client"].create_function(FunctionName=other, Runtime="python3.13", Role=function["role"]["Arn"], Handler="handler.handler", Code={"ZipFile": zipped()})
    new = {**old, "FunctionName": other}
    result = binding.on_event({"RequestType": "Update", "ResourceProperties": new, "OldResourceProperties": old, "PhysicalResourceId": f"function-binding:{function['name']}"})
    assert result["PhysicalResourceId"] == f"function-binding:{other}"  # a replacement: CloudFormation deletes the old id
    assert function["client"].get_function_configuration(FunctionName=other)["Environment"]["Variables"]["AWS_LAMBDA_EXEC_WRAPPER"] == WRAPPER
    binding.on_event({"RequestType": "Delete", "ResourceProperties": old, "PhysicalResourceId": f"function-binding:{function['name']}"})
    assert configuration(function) == ({"OWNER_SETTING": "kept"}, [function["owner_layer"]])


def test_an_update_of_the_same_function_removes_what_the_old_binding_added_and_the_new_one_no_longer_sets(function):
    old = {**props(function, LayerArn=function["ours_v1"]), "Environment": {**props(function)["Environment"], "MESH_ATHENA_WORKGROUP": "old-workgroup"}}
    binding.on_event({"RequestType": "Create", "ResourceProperties": old})
    other_layer = function["client"].publish_layer_version(LayerName="cdk-data-mesh-binding-next", Content={"ZipFile": zipped()})["LayerVersionArn"]
    new = props(function, LayerArn=other_layer)
    binding.on_event({"RequestType": "Update", "ResourceProperties": new, "OldResourceProperties": old, "PhysicalResourceId": f"function-binding:{function['name']}"})
    variables, layers = configuration(function)
    assert variables == {"OWNER_SETTING": "kept", **new["Environment"]}  # the old workgroup variable is gone
    assert layers == [function["owner_layer"], other_layer]  # the old binding layer is gone, though its name differs
