# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Binds an existing Lambda function (deployed by someone else) to the consumer project role.

Its configuration is merged, never overwritten (aws-cdk-lib Provider framework, `on_event`, and on a
schedule as `RequestType` "Reconcile", because the owner's next deploy may replace it):

- Create / Update / Reconcile: add the binding's environment variables (the exec wrapper, the role
  ARN, the Glue database and Athena workgroup) to the function's own, and the binding's layer to its
  layers (replacing an older version of the same layer). Other variables and layers are kept.
  Refuses a runtime the wrapper does not support, and a function that already has another exec wrapper.
- Delete: remove only the variables that still hold the binding's values, and the binding's layer.
  A function that is gone is fine.

Returns the function's execution role (`RoleArn`, `RoleName`) for the trust statement. With
`ReadOnly` = "true" it only reads the role (and checks the runtime), changing nothing: the trust
statement needs the role before the configuration may point the function at the project role.
"""
import time

from common.aws import call, client, code

SUPPORTED = ("python3.", "nodejs")
RETRYABLE = {"ResourceConflictException", "TooManyRequestsException", "ThrottlingException"}


def on_event(event, context=None, lambda_client=None, sleep=time.sleep):
    props = event["ResourceProperties"]
    lambdas = lambda_client or client("lambda")
    physical_id = f"function-binding:{props['FunctionName']}"
    read_only = str(props.get("ReadOnly", "false")).lower() == "true"
    if event["RequestType"] == "Delete":
        if not read_only:
            unbind(lambdas, props, sleep)
        return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}
    role = read_role(lambdas, props, sleep) if read_only else bind(lambdas, props, sleep)
    return {"PhysicalResourceId": physical_id, "Data": {"RoleArn": role, "RoleName": role.split("/")[-1]}}


def supported(runtime):
    return runtime.startswith(SUPPORTED) and runtime not in ("nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x")


def read_role(client, props, sleep=time.sleep):
    return _checked_configuration(client, props, sleep)["Role"]


def _checked_configuration(client, props, sleep):
    config = _call(lambda: client.get_function_configuration(FunctionName=props["FunctionName"]), sleep)
    runtime = config.get("Runtime", "")
    if not supported(runtime):
        raise ValueError(
            f"Function {props['FunctionName']} runs {runtime or 'a container image'}; the binding supports the Python 3 "
            f"and Node.js 18+ runtimes (python3.x, nodejs18.x, nodejs20.x, nodejs22.x, …), whose AWS SDKs read the wrapper's profile."
        )
    return config


def bind(client, props, sleep=time.sleep):
    config = _checked_configuration(client, props, sleep)
    variables = dict(config.get("Environment", {}).get("Variables", {}))
    wrapper = variables.get("AWS_LAMBDA_EXEC_WRAPPER")
    if wrapper and wrapper != props["Environment"]["AWS_LAMBDA_EXEC_WRAPPER"]:
        raise ValueError(f"Function {props['FunctionName']} already uses the exec wrapper {wrapper}; the binding cannot chain a second one.")
    merged = {**variables, **props["Environment"]}
    layers = [layer["Arn"] for layer in config.get("Layers", [])]
    ours = props["LayerArn"]
    merged_layers = [arn for arn in layers if _unversioned(arn) != _unversioned(ours)] + [ours]
    if merged != variables or merged_layers != layers:
        _update(client, props["FunctionName"], merged, merged_layers, sleep)
    return config["Role"]


def unbind(client, props, sleep=time.sleep):
    try:
        config = _call(lambda: client.get_function_configuration(FunctionName=props["FunctionName"]), sleep)
    except Exception as error:
        if _code(error) == "ResourceNotFoundException":
            return
        raise
    variables = dict(config.get("Environment", {}).get("Variables", {}))
    kept = {k: v for k, v in variables.items() if props["Environment"].get(k) != v}
    layers = [layer["Arn"] for layer in config.get("Layers", [])]
    kept_layers = [arn for arn in layers if _unversioned(arn) != _unversioned(props["LayerArn"])]
    if kept != variables or kept_layers != layers:
        _update(client, props["FunctionName"], kept, kept_layers, sleep)


def _update(client, name, variables, layers, sleep):
    _call(lambda: client.update_function_configuration(FunctionName=name, Environment={"Variables": variables}, Layers=layers), sleep)


def _unversioned(layer_arn):
    return layer_arn.rsplit(":", 1)[0] if layer_arn.count(":") >= 7 else layer_arn


def _call(operation, sleep):
    return call(operation, sleep, RETRYABLE)


def _code(error):
    return code(error)
