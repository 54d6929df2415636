# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Binding an existing function: its configuration is merged, never overwritten (moto's Lambda)."""
import io
import json
import zipfile

import boto3
import pytest

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
