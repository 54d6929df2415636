# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Binds an existing Lambda function (deployed by someone else) to the consumer project role.

Its configuration is merged, never overwritten (aws-cdk-lib Provider framework, `on_event`, and on a
schedule as `RequestType` "Reconcile", because the owner's next deploy may replace it):

- Create / Update / Reconcile: add the binding's environment variables (the exec wrapper, the role
  ARN, the Glue database and Athena workgroup) to the function's own, and the binding's layer to its
  layers (replacing an older version of the same layer). Other variables and layers are kept. An update of
  the same function also removes what the previous binding added that this one no longer sets.
  Refuses a runtime the wrapper does not support, and a function that already has another exec wrapper.
- Delete: remove only the variables that still hold the binding's values, and the binding's layer.
  A function that is gone is fine.

Each write is conditional (UpdateFunctionConfiguration `RevisionId`, the revision read): when the owner's deploy
changed the function between the read and the write, Lambda answers PreconditionFailedException and the merge is
done again on what the owner wrote, up to MERGE_ATTEMPTS times. Throttling (TooManyRequestsException) and an update
still in progress (ResourceConflictException) are retried with capped backoff inside a bounded wait.

Returns the function's execution role (`RoleArn`, `RoleName`) for the trust statement. With
`ReadOnly` = "true" it only reads the role (and checks the runtime), changing nothing: the trust
statement needs the role before the configuration may point the function at the project role.
"""
import json
import os
import time

from common.aws import call, client, code

SUPPORTED = ("python3.", "nodejs")
RETRYABLE = {"ResourceConflictException", "TooManyRequestsException", "ThrottlingException"}
MERGE_ATTEMPTS = 5


def on_event(event, context=None, lambda_client=None, sleep=time.sleep):
    props = event["ResourceProperties"]
    lambdas = lambda_client or client("lambda")
    physical_id = f"function-binding:{props['FunctionName']}"
    read_only = str(props.get("ReadOnly", "false")).lower() == "true"
    if event["RequestType"] == "Delete":
        if not read_only:
            unbind(lambdas, props, sleep)
        return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}
    old = event.get("OldResourceProperties") or {}
    # An update of the same function: what the previous binding added and this one no longer has is removed too.
    previous = old if (event["RequestType"] == "Update" and old.get("FunctionName") == props["FunctionName"]
                       and str(old.get("ReadOnly", "false")).lower() != "true") else {}
    role = read_role(lambdas, props, sleep) if read_only else bind(lambdas, props, sleep, previous)
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


def bind(client, props, sleep=time.sleep, previous=None):
    """Merge the binding into the function; `previous` (the old properties of an update of the same function): the
    variables that still hold its values and that the binding no longer sets, and its layer, are removed."""
    before = (previous or {}).get("Environment") or {}
    before_layer = (previous or {}).get("LayerArn")

    def merged(config):
        variables = {k: v for k, v in (config.get("Environment", {}).get("Variables", {})).items()
                     if not (k in before and before[k] == v and k not in props["Environment"])}
        wrapper = variables.get("AWS_LAMBDA_EXEC_WRAPPER")
        if wrapper and wrapper not in (props["Environment"]["AWS_LAMBDA_EXEC_WRAPPER"], before.get("AWS_LAMBDA_EXEC_WRAPPER")):
            raise ValueError(f"Function {props['FunctionName']} already uses the exec wrapper {wrapper}; the binding cannot chain a second one.")
        layers = [layer["Arn"] for layer in config.get("Layers", [])]
        ours = props["LayerArn"]
        replaced = {_unversioned(ours)} | ({_unversioned(before_layer)} if before_layer else set())
        return {**variables, **props["Environment"]}, [arn for arn in layers if _unversioned(arn) not in replaced] + [ours]

    return _merge(client, props, lambda: _checked_configuration(client, props, sleep), merged, sleep)["Role"]


def unbind(client, props, sleep=time.sleep):
    def kept(config):
        variables = dict(config.get("Environment", {}).get("Variables", {}))
        layers = [layer["Arn"] for layer in config.get("Layers", [])]
        return ({k: v for k, v in variables.items() if props["Environment"].get(k) != v},
                [arn for arn in layers if _unversioned(arn) != _unversioned(props["LayerArn"])])

    try:
        _merge(client, props, lambda: _call(lambda: client.get_function_configuration(FunctionName=props["FunctionName"]), sleep), kept, sleep)
    except Exception as error:
        if _code(error) == "ResourceNotFoundException":
            return
        raise


def _merge(client, props, read, change, sleep):
    """Read, change and write conditionally on the revision read, until a write lands or nothing is left to change."""
    for attempt in range(MERGE_ATTEMPTS):
        config = read()
        variables, layers = change(config)
        if variables == config.get("Environment", {}).get("Variables", {}) and layers == [layer["Arn"] for layer in config.get("Layers", [])]:
            return config
        try:
            _update(client, props["FunctionName"], variables, layers, config.get("RevisionId"), sleep)
            return config
        except Exception as error:
            if _code(error) != "PreconditionFailedException":
                raise
            # Someone (the owner's deploy) changed the function since our read: merge again on what they wrote.
            _log("function configuration changed since it was read; merging again", function=props["FunctionName"], attempt=attempt)
    raise RuntimeError(
        f"The configuration of function {props['FunctionName']} changed between every read and write ({MERGE_ATTEMPTS} times): another "
        f"writer keeps updating it. Fix: find the writer with CloudTrail (eventSource lambda.amazonaws.com, an eventName starting UpdateFunctionConfiguration, "
        f"requestParameters.functionName {props['FunctionName']}), let its deploy finish, then deploy again; the reconciliation retries on its schedule.")


def _update(client, name, variables, layers, revision, sleep):
    request = {"FunctionName": name, "Environment": {"Variables": variables}, "Layers": layers}
    if revision:
        request["RevisionId"] = revision
    _call(lambda: client.update_function_configuration(**request), sleep)


def _unversioned(layer_arn):
    return layer_arn.rsplit(":", 1)[0] if layer_arn.count(":") >= 7 else layer_arn


def _call(operation, sleep):
    return call(operation, sleep, RETRYABLE, what="Lambda to read or update the function's configuration (throttled, or an update still in progress)",
                fix="let the function's running update finish ('aws lambda get-function-configuration' shows LastUpdateStatus), then deploy again.")


def _log(message, **fields):
    if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
        print(json.dumps({"message": message, **fields}))


def _code(error):
    return code(error)
