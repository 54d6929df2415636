# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Finds the id of a managed environment blueprint (Tooling, DataLake, ...) of a domain, by its exact name.

ListEnvironmentBlueprints has a `name` filter, but the API reference does not say whether it matches
exactly, by prefix or by substring (Terraform's provider ignores it and compares names itself). So this
custom resource (aws-cdk-lib Provider framework, `on_event`) passes no name filter: it lists every
managed blueprint of the domain, page by page, and keeps the one whose name equals `BlueprintName`
exactly (`Tooling` is never `ToolingLite`). No exact match, or more than one, fails with the names the
domain has. The id is the attribute `Id`.

- Create / Update: look up (read-only, idempotent); the physical id is the domain and the name.
- Delete: nothing.
Throttling and transient errors are retried with capped exponential backoff.
"""
import time

from common.aws import DENIED, call, client, code

RETRYABLE = {"ThrottlingException", "InternalServerException"}


def on_event(event, context=None, datazone=None, sleep=time.sleep):
    props = event["ResourceProperties"]
    _validate(props)
    physical_id = f"blueprint-id:{props['DomainId']}:{props['BlueprintName']}"
    if event["RequestType"] == "Delete":
        return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}
    datazone = datazone or client("datazone")
    try:
        blueprint = find(datazone, props["DomainId"], props["BlueprintName"], sleep)
    except Exception as error:
        if code(error) in DENIED:
            raise RuntimeError(f"{code(error)}: {error}. The lookup may not list the blueprints of domain {props['DomainId']}. Fix: allow "
                               f"datazone:ListEnvironmentBlueprints on the domain (and, with a customer managed domain key, kms:Decrypt and "
                               f"kms:GenerateDataKey on it) to the lookup's role, then deploy again.") from error
        raise
    return {"PhysicalResourceId": physical_id, "Data": {"Id": blueprint["id"], "Name": blueprint["name"]}}


def find(datazone, domain, name, sleep=time.sleep):
    """The managed blueprint named exactly `name`; fails naming the blueprints the domain has otherwise."""
    blueprints = []
    token = None
    while True:
        request = {"domainIdentifier": domain, "managed": True, "maxResults": 50}
        if token:
            request["nextToken"] = token
        page = call(lambda: datazone.list_environment_blueprints(**request), sleep, RETRYABLE, attempts=6,
                    what=f"DataZone to list the managed blueprints of domain {domain}", fix="DataZone kept throttling; deploy again in a few minutes.")
        blueprints.extend(page.get("items", []))
        token = page.get("nextToken")
        if not token:
            break
    exact = [b for b in blueprints if b.get("name") == name]
    if len(exact) == 1:
        return exact[0]
    names = ", ".join(sorted({b.get("name", "?") for b in blueprints})) or "none"
    if not exact:
        raise RuntimeError(f"Domain {domain} has no managed environment blueprint named exactly {name!r} (it has: {names}). "
                           f"Fix: check the blueprint name (ManagedBlueprint) and that the domain is a SageMaker Unified Studio (V2) domain in this Region.")
    raise RuntimeError(f"Domain {domain} has {len(exact)} managed environment blueprints named {name!r} ({', '.join(b['id'] for b in exact)}): "
                       f"pass the blueprint id instead of its name.")


def _validate(props):
    for key in ("DomainId", "BlueprintName"):
        if not props.get(key):
            raise ValueError(f"'{key}' is required, got {props.get(key)!r}")
