# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The connectivity probe against listeners on 127.0.0.1 and an injected resolver."""
import socket
import ssl
import subprocess
import threading
import time

import pytest

import connectivity_probe.index as probe


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    directory = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(directory / "key.pem"), "-out", str(directory / "cert.pem")], check=True, capture_output=True)
    return directory / "cert.pem", directory / "key.pem"


def serve(handler):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    stop = threading.Event()

    def loop():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except socket.timeout:
                continue
            except OSError:  # closed at the end of the test
                return
            threading.Thread(target=handler, args=(connection,), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()
    return server.getsockname()[1], lambda: (stop.set(), server.close())


@pytest.fixture()
def listeners(certificate):
    cert, key = certificate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    def tls(connection):
        try:
            with context.wrap_socket(connection, server_side=True) as tls_connection:
                tls_connection.recv(1)
        except (ssl.SSLError, OSError):
            pass

    def silent(connection):
        time.sleep(5)
        connection.close()

    healthy, stop_healthy = serve(tls)
    hanging, stop_hanging = serve(silent)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    refused = closed.getsockname()[1]
    closed.close()
    yield {"healthy": healthy, "hanging": hanging, "refused": refused}
    stop_healthy()
    stop_hanging()


def resolver(table):
    def resolve(hostname, port, type=None):
        if hostname not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        address, target_port = table[hostname]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, target_port))]
    return resolve


def unverified():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


SERVICES = [
    {"service": "glue", "hostname": "glue.eu-west-1.amazonaws.com", "kind": "interface"},
    {"service": "athena", "hostname": "athena.eu-west-1.amazonaws.com", "kind": "interface"},
    {"service": "bedrock-runtime", "hostname": "bedrock-runtime.eu-west-1.amazonaws.com", "kind": "interface"},
    {"service": "airflow.env", "hostname": "env.airflow.eu-west-1.amazonaws.com", "kind": "interface"},
    {"service": "sts", "hostname": "sts.eu-west-1.amazonaws.com", "kind": "interface"},
    {"service": "s3", "hostname": "s3.eu-west-1.amazonaws.com", "kind": "gateway"},
]


def test_reports_each_service_correctly_in_bounded_time(listeners):
    table = {
        "glue.eu-west-1.amazonaws.com": ("127.0.0.1", listeners["healthy"]),
        "athena.eu-west-1.amazonaws.com": ("52.94.1.1", 443),
        "airflow.eu-west-1.amazonaws.com": ("127.0.0.1", listeners["healthy"]),
        "env.airflow.eu-west-1.amazonaws.com": ("127.0.0.1", listeners["refused"]),
        "sts.eu-west-1.amazonaws.com": ("127.0.0.1", listeners["hanging"]),
        "s3.eu-west-1.amazonaws.com": ("127.0.0.1", listeners["healthy"]),
    }
    started = time.monotonic()
    results = {r["service"]: r for r in probe.probe(SERVICES, resolve=resolver(table), timeout=0.5, tls_context=unverified())}
    elapsed = time.monotonic() - started

    assert results["glue"]["reachable"] and results["glue"]["addresses"] == ["127.0.0.1"]
    assert results["s3"]["reachable"]
    assert not results["athena"]["reachable"]
    assert "resolves to public address(es) 52.94.1.1" in results["athena"]["reason"]
    assert not results["bedrock-runtime"]["reachable"]
    assert results["bedrock-runtime"]["reason"].startswith("does not resolve")
    assert "connection refused by 127.0.0.1" in results["airflow.env"]["reason"]
    assert "timed out after" in results["sts"]["reason"]
    assert elapsed < 5


def test_a_gateway_service_may_resolve_to_public_addresses():
    result = probe.probe_one({"service": "s3", "hostname": "s3.eu-west-1.amazonaws.com", "kind": "gateway"},
                             resolve=resolver({"s3.eu-west-1.amazonaws.com": ("52.218.1.1", 9)}), timeout=0.2)
    assert "public" not in result["reason"]


def test_the_deploy_time_check_fails_the_deploy_only_when_asked_to():
    failing = [{"service": "bedrock-runtime", "hostname": "bedrock-runtime.eu-west-1.amazonaws.com", "addresses": [], "reachable": False, "reason": "does not resolve"}]
    report = probe.on_event({"RequestType": "Create", "ResourceProperties": {"FailOnUnreachable": "false"}}, run=lambda: failing)
    assert report["Data"] == {"Summary": "bedrock-runtime:FAILED", "Unreachable": "1"}
    with pytest.raises(RuntimeError, match=r"Unreachable from the mesh VPC: bedrock-runtime \(bedrock-runtime.eu-west-1.amazonaws.com\): does not resolve"):
        probe.on_event({"RequestType": "Create", "ResourceProperties": {"FailOnUnreachable": "true"}}, run=lambda: failing)
    assert probe.on_event({"RequestType": "Delete", "ResourceProperties": {}, "PhysicalResourceId": "p"}) == {"PhysicalResourceId": "p"}


class Recorder:
    def __init__(self):
        self.calls = []

    def put_metric_data(self, **request):
        self.calls.append(request)


def test_publishes_a_metric_per_service_and_the_count_of_unreachable_ones():
    cloudwatch = Recorder()
    results = [{"service": f"s{i}", "reachable": i % 2 == 0} for i in range(25)]
    probe.publish(results, cloudwatch=cloudwatch, vpc="vpc-1")
    data = [d for call in cloudwatch.calls for d in call["MetricData"]]
    assert all(call["Namespace"] == "CdkDataMesh/Connectivity" and len(call["MetricData"]) <= 20 for call in cloudwatch.calls)
    assert len([d for d in data if d["MetricName"] == "Reachable"]) == 25
    assert [d["Value"] for d in data if d["MetricName"] == "UnreachableServices"] == [12.0]


REACHABLE = [{"service": "sts", "hostname": "sts.eu-west-1.amazonaws.com", "addresses": ["10.0.0.5"], "reachable": True, "reason": ""}]


def test_probing_twice_reports_the_same_and_keeps_the_physical_id():
    event = {"RequestType": "Create", "ResourceProperties": {"FailOnUnreachable": "true"}}
    first = probe.on_event(event, run=lambda: REACHABLE)
    assert probe.on_event(event, run=lambda: REACHABLE) == first == {"PhysicalResourceId": "connectivity-probe", "Data": {"Summary": "sts:ok", "Unreachable": "0"}}


def test_an_update_probes_again_under_the_id_the_resource_has():
    probes = []
    result = probe.on_event({"RequestType": "Update", "PhysicalResourceId": "connectivity-probe", "ResourceProperties": {}, "OldResourceProperties": {}},
                            run=lambda: probes.append(1) or REACHABLE)
    assert result["PhysicalResourceId"] == "connectivity-probe" and probes == [1]


def test_deleting_twice_probes_nothing():
    probes = []
    for _ in range(2):
        assert probe.on_event({"RequestType": "Delete", "ResourceProperties": {}, "PhysicalResourceId": "p"}, run=lambda: probes.append(1)) == {"PhysicalResourceId": "p"}
    assert probes == []
