# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Checks, from inside the mesh VPC, that every service the VPC should reach is reachable privately.

For each service in PROBE_SERVICES (JSON: [{"service", "hostname", "kind": "interface"|"gateway"}]):
1. resolve the regional hostname from inside the VPC;
2. for an interface endpoint, check that it resolves to private addresses only (a public address means
   the endpoint's private DNS is off, or the VPC does not use it: traffic would leave or be dropped);
3. open a TLS connection on port 443 within PROBE_TIMEOUT_SECONDS.

Invoked on a schedule it publishes `Reachable` (1/0) per service and `UnreachableServices` for the VPC in
the CdkDataMesh/Connectivity namespace. Invoked as a custom resource (aws-cdk-lib Provider framework)
it reports the results at deploy and, with FailOnUnreachable "true", fails the deploy. Every log line
names the service, the hostname, what it resolved to and why it failed.
"""
import ipaddress
import json
import os
import socket
import ssl
import time

NAMESPACE = "CdkDataMesh/Connectivity"


def probe_one(entry, resolve=socket.getaddrinfo, port=443, timeout=3.0, tls_context=None, deadline=None):
    service, hostname, kind = entry["service"], entry["hostname"], entry.get("kind", "interface")
    result = {"service": service, "hostname": hostname, "addresses": [], "reachable": False, "reason": ""}
    try:
        infos = resolve(hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, OSError) as error:
        result["reason"] = f"does not resolve ({error})"
        return result
    targets = sorted({(info[4][0], info[4][1]) for info in infos})
    addresses = sorted({address for address, _ in targets})
    result["addresses"] = addresses
    public = [a for a in addresses if not ipaddress.ip_address(a).is_private]
    if kind == "interface" and public:
        result["reason"] = f"resolves to public address(es) {', '.join(public)}: the interface endpoint's private DNS is off or not used by this VPC"
        return result
    context = tls_context or ssl.create_default_context()
    last_error = "no address"
    for address, target_port in targets:
        remaining = timeout if deadline is None else max(0.1, min(timeout, deadline - time.monotonic()))
        try:
            with socket.create_connection((address, target_port), timeout=remaining) as raw:
                raw.settimeout(remaining)
                with context.wrap_socket(raw, server_hostname=hostname):
                    result["reachable"] = True
                    result["reason"] = ""
                    return result
        except socket.timeout:
            last_error = f"timed out after {remaining:.1f} s with {address}:{target_port}"
        except ConnectionRefusedError:
            last_error = f"connection refused by {address}:{target_port}"
        except (ssl.SSLError, OSError) as error:
            last_error = f"TLS or network error with {address}:{target_port} ({error})"
    result["reason"] = last_error
    return result


def probe(services, resolve=socket.getaddrinfo, port=443, timeout=3.0, tls_context=None):
    deadline = time.monotonic() + timeout * max(1, len(services))
    return [probe_one(entry, resolve, port, timeout, tls_context, deadline) for entry in services]


def _services():
    return json.loads(os.environ.get("PROBE_SERVICES", "[]"))


def _timeout():
    return float(os.environ.get("PROBE_TIMEOUT_SECONDS", "3"))


def _log(results):
    for r in results:
        print(json.dumps({"service": r["service"], "hostname": r["hostname"], "resolved": r["addresses"], "reachable": r["reachable"], "reason": r["reason"]}))


def publish(results, cloudwatch=None, vpc=None):
    import boto3

    cloudwatch = cloudwatch or boto3.client("cloudwatch")
    vpc = vpc or os.environ.get("PROBE_VPC", "unknown")
    data = [{"MetricName": "Reachable", "Dimensions": [{"Name": "Vpc", "Value": vpc}, {"Name": "Service", "Value": r["service"]}], "Value": 1.0 if r["reachable"] else 0.0, "Unit": "Count"} for r in results]
    data.append({"MetricName": "UnreachableServices", "Dimensions": [{"Name": "Vpc", "Value": vpc}], "Value": float(sum(not r["reachable"] for r in results)), "Unit": "Count"})
    for start in range(0, len(data), 20):
        cloudwatch.put_metric_data(Namespace=NAMESPACE, MetricData=data[start:start + 20])


def handler(event, context=None):
    """Scheduled run, or the deploy-time custom resource (an event with a RequestType)."""
    if "RequestType" in event:
        return on_event(event, context)
    results = probe(_services(), timeout=_timeout())
    _log(results)
    publish(results)
    return {"unreachable": [r["service"] for r in results if not r["reachable"]]}


def on_event(event, context=None, run=None):
    physical_id = event.get("PhysicalResourceId") or "connectivity-probe"
    if event["RequestType"] == "Delete":
        return {"PhysicalResourceId": physical_id}
    results = (run or (lambda: probe(_services(), timeout=_timeout())))()
    _log(results)
    failed = [r for r in results if not r["reachable"]]
    if failed and str(event["ResourceProperties"].get("FailOnUnreachable", "false")).lower() == "true":
        raise RuntimeError("Unreachable from the mesh VPC: " + "; ".join(f"{r['service']} ({r['hostname']}): {r['reason']}" for r in failed))
    summary = ", ".join(f"{r['service']}:{'ok' if r['reachable'] else 'FAILED'}" for r in results)
    return {"PhysicalResourceId": physical_id, "Data": {"Summary": summary[:3000], "Unreachable": str(len(failed))}}
