# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Shared fixtures: the handlers on the import path, a moto server on 127.0.0.1 for the whole session, and a
DataZone client (moto has none) wrapped in botocore's Stubber."""
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
from botocore.stub import Stubber

HANDLERS = Path(__file__).resolve().parents[2] / "src" / "handlers"
sys.path.insert(0, str(HANDLERS))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint():
    """A moto server on a free loopback port, stopped at the end of the session."""
    binary = shutil.which("moto_server") or str(Path(sys.executable).parent / "moto_server")
    port = _free_port()
    process = subprocess.Popen([binary, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError("moto_server did not start on 127.0.0.1:%d" % port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture()
def aws_env(moto_endpoint, monkeypatch):
    """Point every boto3 client at the moto server with dummy credentials."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    return moto_endpoint


class ScriptedClient:
    """A client double that replays scripted responses (dicts) or raises scripted errors, in order."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.calls = []

    def get_resource_share_associations(self, **request):
        self.calls.append(request)
        response = self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]
        if isinstance(response, Exception):
            raise response
        return response


def throttle(stub, operation, times, http_status_code=400, expected_params=None):
    """Script `times` ThrottlingException answers to `operation` on a botocore Stubber, in a row."""
    for _ in range(times):
        stub.add_client_error(operation, "ThrottlingException", "slow down", http_status_code=http_status_code, expected_params=expected_params)


def gives_up(call, waiting_for, attempts=6, cap=30):
    """`call(sleep)` must try `attempts` times, sleeping between tries (each sleep at most `cap` seconds), then raise
    GaveUp saying what it waited for (`waiting_for`, a pattern) and how to fix it."""
    waits = []
    with pytest.raises(RuntimeError, match=rf"Gave up after {attempts} attempts .*{waiting_for}.*Fix: "):
        call(waits.append)
    assert len(waits) == attempts - 1 and max(waits) <= cap


def client_error(code, operation="GetResourceShareAssociations"):
    from botocore.exceptions import ClientError

    return ClientError({"Error": {"Code": code, "Message": f"{code}: Invalid principal in policy"}}, operation)


@pytest.fixture()
def datazone(monkeypatch):
    """A real boto3 DataZone client in botocore's Stubber: every request is checked against the service model and
    every response replays the API's shapes; a test that leaves a scripted response unused fails."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("datazone", region_name="eu-west-1")
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


class Clock:
    """A clock whose sleeps advance it: waits are recorded, nothing really sleeps."""

    def __init__(self, now=0.0):
        self.now = now
        self.waits = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.waits.append(seconds)
        self.now += seconds


class Failing:
    """An operation that raises `errors` in turn (each a ClientError), then returns `result`; counts its calls."""

    def __init__(self, errors, result=None):
        self.errors, self.result, self.calls = list(errors), result, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return self.result
