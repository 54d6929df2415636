# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The zero-code-change binding: unmodified Python (boto3) and Node.js (AWS SDK v3) handlers, started
through the exec wrapper exactly as Lambda starts a runtime, act as the consumer project role (moto)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import boto3
import pytest

ROOT = Path(__file__).resolve().parents[2]
WRAPPER = ROOT / "src" / "layers" / "assume-role" / "cdk-data-mesh" / "assume-role-wrapper"
UNMODIFIED = Path(__file__).resolve().parent / "unmodified"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]})


@pytest.fixture()
def mesh(aws_env, tmp_path):
    """The consumer project role, the function's execution role credentials, and collections.trees, in moto."""
    iam = boto3.client("iam")
    project_role = iam.create_role(RoleName=f"datazone_usr_role_consumer_env{tmp_path.name[-6:]}", AssumeRolePolicyDocument=TRUST)["Role"]
    function_role = iam.create_role(RoleName=f"consumer_lambda_{tmp_path.name[-6:]}", AssumeRolePolicyDocument=TRUST)["Role"]
    runtime = boto3.client("sts").assume_role(RoleArn=function_role["Arn"], RoleSessionName="consumer_function")["Credentials"]
    glue = boto3.client("glue")
    try:
        glue.create_database(DatabaseInput={"Name": "collections"})
        glue.create_table(DatabaseName="collections", TableInput={"Name": "trees"})
    except glue.exceptions.AlreadyExistsException:
        pass
    return {"project_role": project_role, "function_role": function_role, "runtime": runtime, "endpoint": aws_env, "dir": tmp_path,
            "app": staged_handlers(tmp_path)}


def staged_handlers(tmp_path):
    """The unmodified handlers copied into a temporary folder, the function's code as Lambda would see it.

    Nothing is written into the source tree: the ESM handler's imports resolve from its own folder upwards,
    so its node_modules is a link, in the temporary folder, to the project's node_modules."""
    app = tmp_path / "function"
    app.mkdir()
    for name in ("handler.py", "handler.mjs", "seed.py"):
        shutil.copy(UNMODIFIED / name, app / name)
    (app / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return app


def lambda_environment(mesh, **extra):
    """What Lambda sets for a function of the bound kind: its own credentials, Region, name; plus the binding's variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({
        "AWS_ACCESS_KEY_ID": mesh["runtime"]["AccessKeyId"],
        "AWS_SECRET_ACCESS_KEY": mesh["runtime"]["SecretAccessKey"],
        "AWS_SESSION_TOKEN": mesh["runtime"]["SessionToken"],
        "AWS_REGION": "eu-west-1",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_LAMBDA_FUNCTION_NAME": "consumer_function",
        "AWS_ENDPOINT_URL": mesh["endpoint"],
        "AWS_LAMBDA_EXEC_WRAPPER": str(WRAPPER),
        "MESH_ROLE_ARN": mesh["project_role"]["Arn"],
        "MESH_GLUE_DATABASE": "collections",
        "MESH_CREDENTIALS_DIR": str(mesh["dir"] / "credentials"),
    })
    env.update(extra)
    return env


def run_through_wrapper(runtime_command, env, cwd):
    """Start the runtime as Lambda does with an exec wrapper: the wrapper, then the runtime's command."""
    done = subprocess.run([str(WRAPPER), *runtime_command], env=env, capture_output=True, text=True, timeout=60, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


PYTHON = [sys.executable, "-c", "import json, handler; print(json.dumps(handler.handler({}, None)))"]
NODE = ["node", "--input-type=module", "-e", "const { handler } = await import('./handler.mjs'); console.log(JSON.stringify(await handler()));"]


def node_env(env):
    return {**env, "NODE_PATH": str(ROOT / "node_modules")}


def test_the_unmodified_boto3_handler_calls_aws_as_the_consumer_project_role(mesh):
    result = run_through_wrapper(PYTHON, lambda_environment(mesh), mesh["app"])
    assert result["arn"].startswith(f"arn:aws:sts::123456789012:assumed-role/{mesh['project_role']['RoleName']}/consumer_function")
    assert result["table"] == "trees"


def test_the_unmodified_sdk_v3_handler_calls_aws_as_the_consumer_project_role(mesh):
    result = run_through_wrapper(NODE, node_env(lambda_environment(mesh)), mesh["app"])
    assert result["arn"].startswith(f"arn:aws:sts::123456789012:assumed-role/{mesh['project_role']['RoleName']}/consumer_function")
    assert result["table"] == "trees"


def test_without_the_wrapper_both_handlers_act_as_the_function_role(mesh):
    env = lambda_environment(mesh)
    python = subprocess.run(PYTHON, env=env, capture_output=True, text=True, timeout=60, cwd=mesh["app"])
    assert mesh["function_role"]["RoleName"] in json.loads(python.stdout)["arn"]


def test_leaves_the_environment_alone_when_no_role_is_bound(mesh):
    env = lambda_environment(mesh)
    del env["MESH_ROLE_ARN"]
    result = run_through_wrapper(PYTHON, env, mesh["app"])
    assert mesh["function_role"]["RoleName"] in result["arn"]


def test_writes_the_runtime_credentials_only_where_the_function_can_write_and_only_for_its_user(mesh):
    run_through_wrapper(PYTHON, lambda_environment(mesh), mesh["app"])
    directory = mesh["dir"] / "credentials"
    assert oct((directory / "credentials").stat().st_mode & 0o777) == "0o600"
    assert oct(directory.stat().st_mode & 0o777) == "0o700"
    config = (directory / "config").read_text()
    assert f"role_arn = {mesh['project_role']['Arn']}" in config and "source_profile = mesh-runtime" in config


REFRESH = [sys.executable, "-c", (
    "import json, boto3\n"
    "sts = boto3.client('sts')\n"
    "keys = set()\n"
    "for _ in range(3):\n"
    "    sts.get_caller_identity()\n"
    "    keys.add(sts._request_signer._credentials.get_frozen_credentials().access_key)\n"
    "print(json.dumps({'keys': len(keys)}))\n"
)]


def test_assumed_credentials_that_near_expiry_are_refreshed_by_the_sdk(mesh):
    # Sessions of 900 s are inside botocore's 15-minute refresh window from the start: every call must
    # refresh them by assuming the role again, which is what happens to a one-hour session after 45 minutes.
    result = run_through_wrapper(REFRESH, lambda_environment(mesh, MESH_SESSION_SECONDS="900"), mesh["app"])
    assert result["keys"] == 3


SEED = [sys.executable, "-c", "import json, seed; print(json.dumps(seed.handler({}, None)))"]


def test_a_function_that_assumes_the_project_role_itself_calls_from_a_session_the_self_trust_admits(mesh):
    # The seed's own sts.assume_role comes from the wrapper's project-role session: IAM admits it only through
    # the binding's self-trust, whose condition is aws:userid like "*:<MESH_SESSION_NAME>".
    import fnmatch
    result = run_through_wrapper(SEED, lambda_environment(mesh, MESH_SESSION_NAME="cdk-data-mesh-0123456789ab"), mesh["app"])
    assert result["caller_arn"] == f"arn:aws:sts::123456789012:assumed-role/{mesh['project_role']['RoleName']}/cdk-data-mesh-0123456789ab"
    assert fnmatch.fnmatchcase(result["caller_userid"], "*:cdk-data-mesh-0123456789ab")
    assert result["arn"].startswith(f"arn:aws:sts::123456789012:assumed-role/{mesh['project_role']['RoleName']}/seed")


def test_tells_the_function_it_already_runs_as_the_project_role_and_where_its_own_role_is(mesh):
    result = run_through_wrapper(SEED, lambda_environment(mesh), mesh["app"])
    assert result["already"] == "true" and result["runtime_profile"] == "mesh-runtime"


def test_the_runtime_profile_still_acts_as_the_functions_own_role(mesh):
    own = [sys.executable, "-c", "import json, os, boto3; s = boto3.Session(profile_name=os.environ['MESH_RUNTIME_PROFILE']); "
           "print(json.dumps({'arn': s.client('sts').get_caller_identity()['Arn']}))"]
    result = run_through_wrapper(own, lambda_environment(mesh), mesh["app"])
    assert mesh["function_role"]["RoleName"] in result["arn"]


def test_says_nothing_about_the_project_role_when_no_role_is_bound(mesh):
    env = lambda_environment(mesh)
    del env["MESH_ROLE_ARN"]
    check = [sys.executable, "-c", "import json, os; print(json.dumps({'already': os.environ.get('MESH_ALREADY_PROJECT_ROLE')}))"]
    assert run_through_wrapper(check, env, mesh["app"])["already"] is None
