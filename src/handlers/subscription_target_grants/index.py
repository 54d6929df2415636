# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Grants a new subscription target the subscriptions its project already has (decision 0018).

DataZone fulfils to a subscription target the subscriptions approved after the target exists (DataZone user guide,
"Using existing IAM roles to fulfill Amazon DataZone subscriptions", step 3); whether it also grants the ones approved
before is not documented. So after the `AWS::DataZone::SubscriptionTarget` is created, this custom resource (aws-cdk-lib
Provider framework, `on_event`) lists the project's APPROVED subscriptions (ListSubscriptions, `owningProjectId`) and the
target's grants (ListSubscriptionGrants, `subscriptionTargetId`), and calls CreateSubscriptionGrant for every listing the
target has no grant of yet: a subscription DataZone granted on its own is left alone, so it works either way.

- Create / Update: the grants above (idempotent; a listing granted meanwhile, ConflictException, counts as granted);
  `Data`: `Granted` (how many it created) and `Listings` (the listing ids the target holds, comma-separated).
- Delete: nothing. The target's deletion is DataZone's business; a revoked subscription is revoked by DataZone.
Throttling and transient errors are retried with capped exponential backoff; a refusal fails naming what is missing.
"""
import time

from common.aws import DENIED, call, client, code

TYPE = "Custom::SubscriptionTargetGrants"
RETRYABLE = {"ThrottlingException", "InternalServerException"}
WHAT = "DataZone to list or grant the project's subscriptions to the subscription target"
FIX = "DataZone kept throttling; deploy again in a few minutes (the grants already made are kept and not made twice)."


def on_event(event, context=None, datazone=None, sleep=time.sleep):
    props = event["ResourceProperties"]
    _validate(props)
    physical_id = f"subscription-target-grants:{props['DomainId']}:{props['SubscriptionTargetId']}"
    if event["RequestType"] == "Delete":
        return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}
    datazone = datazone or client("datazone")
    try:
        granted, listings = grant_existing(datazone, props, sleep)
    except Exception as error:
        if code(error) in DENIED:
            raise RuntimeError(
                f"{code(error)}: {error}. The role {props.get('HandlerRoleArn', '(unknown)')} may not read the subscriptions of project "
                f"{props['ProjectId']} or grant them to subscription target {props['SubscriptionTargetId']} (domain {props['DomainId']}). "
                f"Fix: make it a member of the project (MeshProjectMember), allow it datazone:ListSubscriptions, ListSubscriptionGrants and "
                f"CreateSubscriptionGrant on the domain, then deploy again.") from error
        raise
    return {"PhysicalResourceId": physical_id, "Data": {"Granted": str(granted), "Listings": ",".join(sorted(listings))}}


def grant_existing(datazone, props, sleep=time.sleep):
    """Grant the target every approved subscription of the project it has no grant of; return (created, listing ids held)."""
    domain, target = props["DomainId"], props["SubscriptionTargetId"]
    subscriptions = _pages(lambda token: datazone.list_subscriptions(domainIdentifier=domain, owningProjectId=props["ProjectId"], status="APPROVED", **token), sleep)
    grants = _pages(lambda token: datazone.list_subscription_grants(domainIdentifier=domain, subscriptionTargetId=target, **token), sleep)
    held = {g.get("grantedEntity", {}).get("listing", {}).get("id") for g in grants} - {None}
    created = 0
    for subscription in subscriptions:
        listing = subscription.get("subscribedListing") or {}
        if not listing.get("id") or listing["id"] in held:
            continue
        if not listing.get("revision"):
            _log("skipped: the subscription names no listing revision to grant", listing=listing["id"], subscription=subscription.get("id"))
            continue
        try:
            call(lambda: datazone.create_subscription_grant(
                domainIdentifier=domain,
                environmentIdentifier=props["EnvironmentId"],
                subscriptionTargetIdentifier=target,
                grantedEntity={"listing": {"identifier": listing["id"], "revision": listing["revision"]}},
            ), sleep, RETRYABLE, attempts=6, what=WHAT, fix=FIX)
            created += 1
        except Exception as error:
            if code(error) != "ConflictException":
                raise
        _log("granted", listing=listing["id"], name=listing.get("name"), target=target)
        held.add(listing["id"])
    return created, held


def _pages(list_page, sleep):
    items, token = [], None
    while True:
        page = call(lambda: list_page({"nextToken": token} if token else {}), sleep, RETRYABLE, attempts=6, what=WHAT, fix=FIX)
        items.extend(page.get("items", []))
        token = page.get("nextToken")
        if not token:
            return items


def _validate(props):
    missing = [k for k in ("DomainId", "ProjectId", "EnvironmentId", "SubscriptionTargetId") if not props.get(k)]
    if missing:
        raise ValueError(f"{TYPE}: missing properties {', '.join(missing)}")


def _log(message, **fields):
    import json
    print(json.dumps({"message": message, **fields}))
