# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Subscribes the consumer project to a producer's published asset, and waits until it is approved.

Subscribing and approving are DataZone API calls, not CloudFormation resources. This custom resource
(aws-cdk-lib Provider framework) makes them as its own role, which the construct registers as a
member of the consumer project (to request) and of the producer project (so that the request is
approved automatically, as the seed article notes; it also approves a pending request itself).

- `on_event` records when waiting started; `is_complete` polls: it waits until the producer's data
  source has published the asset (a listing named `AssetName` owned by the producer project), reuses
  an approved subscription or a pending request of the consumer project if there is one (idempotent),
  otherwise requests one, approves it when it can, and completes once the subscription is APPROVED.
- A rejected request fails with the reviewer's comment; nothing published or approved within
  `TimeoutSeconds` fails with what is missing. Throttling is retried (botocore, and "not yet" until `TimeoutSeconds`,
  then it fails naming the call that kept being throttled).
- AccessDeniedException (of any call, including its own approval) is waited out only for the first
  `AccessDeniedGraceSeconds` of the wait (default 300 s: a new user profile or membership takes a moment to apply);
  still refused after that, it fails at once, naming the operation and the permission or membership
  the handler role (`HandlerRoleArn`) lacks, instead of waiting for the whole timeout.
- Delete: cancels the consumer project's subscriptions to the listing when `CancelOnDelete` is "true"
  (the default), so deleting the stack ends the access it granted, over every page of them; deleting twice, or after
  the listing or the subscription is gone, is harmless. Its calls retry throttling with capped backoff inside a bounded wait.
- Update: the physical id names the whole target (domain, consumer project, producer project, asset). An update
  to another target returns a new id, which CloudFormation treats as a replacement: once the new subscription
  is approved it sends Delete, with the old properties, to the old id, which cancels the old subscription
  (docs: "Update request for CloudFormation custom resources", PhysicalResourceId). An update of anything
  else keeps the id the resource has, so nothing is cancelled.
- A quota error (ServiceQuotaExceededException) fails at once: waiting does not raise a quota.
"""
import time

from common.aws import DENIED, DENIED_GRACE_SECONDS, call, client, code

RETRYABLE = {"ThrottlingException", "InternalServerException", "ConflictException"}
# What the delete retries (with capped backoff, inside call's bounded wait): throttling and transient errors.
TRANSIENT = ("ThrottlingException", "InternalServerException")
# A quota is not passed by waiting: it fails at once, saying which one and how to raise it.
QUOTA = {"ServiceQuotaExceededException"}
# What the subscription is for: a change to any of them is another subscription (a new physical id, so that
# CloudFormation deletes, and this handler cancels, the old one once the new one is approved).
TARGET = ("DomainId", "ConsumerProjectId", "ProducerProjectId", "AssetName")
DEFAULT_TIMEOUT_SECONDS = 3600
DEFAULT_DENIED_GRACE_SECONDS = DENIED_GRACE_SECONDS


def on_event(event, context=None, datazone=None, now=time.time, sleep=time.sleep):
    props = event["ResourceProperties"]
    _validate(props)
    physical_id = ":".join(["subscription"] + [str(props[key]) for key in TARGET])
    if event["RequestType"] == "Delete":
        if str(props.get("CancelOnDelete", "true")).lower() == "true":
            cancel(datazone or client("datazone"), props, sleep)
        return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}
    if event["RequestType"] == "Update":
        old = event.get("OldResourceProperties", {})
        if all(str(old.get(key)) == str(props[key]) for key in TARGET):
            # The same subscription (a changed timeout or reason): keep its id, so CloudFormation deletes nothing.
            # This also keeps the id of a resource created before the id named the producer project.
            physical_id = event.get("PhysicalResourceId", physical_id)
    return {"PhysicalResourceId": physical_id, "Data": {"WaitStartedAt": str(int(now()))}}


def is_complete(event, context=None, datazone=None, now=time.time):
    if event.get("RequestType") == "Delete":
        return {"IsComplete": True}
    props = event["ResourceProperties"]
    datazone = datazone or client("datazone")
    started = int(event.get("Data", {}).get("WaitStartedAt", now()))
    timeout = int(props.get("TimeoutSeconds", DEFAULT_TIMEOUT_SECONDS))
    try:
        return _step(datazone, props, started, timeout, now)
    except Exception as error:
        if _code(error) in RETRYABLE:
            # "Not yet", but not forever: at the deadline it fails saying what kept answering.
            _give_up_after(timeout, started, now, f"DataZone kept answering {getattr(error, 'operation_name', 'its calls')} with {_code(error)} ({error}); "
                           f"deploy again once the other callers of the domain slow down")
            return {"IsComplete": False}
        if _code(error) in QUOTA:
            raise RuntimeError(f"{getattr(error, 'operation_name', 'A DataZone call')} hit a DataZone quota ({_code(error)}: {error}); "
                               f"a quota is not passed by waiting. Fix: raise it in Service Quotas (Amazon DataZone) for this Region, "
                               f"or remove subscriptions the consumer project {props['ConsumerProjectId']} no longer uses; then deploy again.") from error
        if _code(error) in DENIED:
            if now() - started <= _grace(props):
                return {"IsComplete": False}
            raise RuntimeError(denied_message(props, getattr(error, "operation_name", "a DataZone call"), error, now() - started)) from error
        raise


def _step(datazone, props, started, timeout, now):
    domain, consumer = props["DomainId"], props["ConsumerProjectId"]
    listing = find_listing(datazone, props)
    if listing is None:
        _give_up_after(timeout, started, now, f"the asset {props['AssetName']} was not published by project {props['ProducerProjectId']} "
                       f"(run the producer's data source, and check that it publishes on import)")
        return {"IsComplete": False}
    approved = _first(lambda token: datazone.list_subscriptions(domainIdentifier=domain, owningProjectId=consumer, subscribedListingId=listing, status="APPROVED", **token))
    if approved:
        return {"IsComplete": True, "Data": {"SubscriptionId": approved[0]["id"], "ListingId": listing}}
    def requests_in(status):
        return _first(lambda token: datazone.list_subscription_requests(domainIdentifier=domain, owningProjectId=consumer, subscribedListingId=listing, status=status, **token))

    pending = requests_in("PENDING")
    if pending:
        request = pending[0]
    elif requests_in("ACCEPTED"):
        # Accepted: DataZone is creating the subscription; asking again would file a second request.
        _give_up_after(timeout, started, now, f"the subscription of project {consumer} to {props['AssetName']} was accepted but never became APPROVED")
        return {"IsComplete": False}
    else:
        rejected = requests_in("REJECTED")
        if rejected:
            raise RuntimeError(f"The subscription of project {consumer} to {props['AssetName']} was rejected: {rejected[0].get('decisionComment', 'no comment')}")
        request = datazone.create_subscription_request(
            domainIdentifier=domain,
            subscribedPrincipals=[{"project": {"identifier": consumer}}],
            subscribedListings=[{"identifier": listing}],
            requestReason=props.get("RequestReason", "cdk-data-mesh: consumer application"),
        )
    refused = ""
    if request.get("status") == "PENDING" and str(props.get("AutoApprove", "true")).lower() == "true":
        try:
            datazone.accept_subscription_request(domainIdentifier=domain, identifier=request["id"], decisionComment="cdk-data-mesh: approved with the mesh deployment")
        except Exception as error:
            if _code(error) not in DENIED:
                raise
            # Refused for longer than a membership takes to apply: it will not change by waiting; fail now.
            if now() - started > _grace(props):
                raise RuntimeError(denied_message(props, "AcceptSubscriptionRequest", error, now() - started, request["id"])) from error
            # A person may still approve it meanwhile: keep waiting, and say at the end why the handler could not.
            refused = (f"; the handler's own approval was refused ({_code(error)}: {error}): check that its user profile is in the "
                       f"project member pool and an owner of project {props['ProducerProjectId']}")
    _give_up_after(timeout, started, now, f"the subscription request {request['id']} of project {consumer} is still {request.get('status')} "
                   f"(a member of the producer project must approve it: aws datazone accept-subscription-request --domain-identifier {domain} --identifier {request['id']}){refused}")
    return {"IsComplete": False}


def _first(list_page):
    """The items of the first page that has any (a filtered list may answer an empty page with a nextToken); [] when none has."""
    token = {}
    while True:
        page = list_page(token)
        if page.get("items") or not page.get("nextToken"):
            return page.get("items", [])
        token = {"nextToken": page["nextToken"]}


def _every(list_page, sleep):
    """Every item of every page, each page retried on throttling."""
    items, token = [], {}
    while True:
        page = call(lambda: list_page(token), sleep, TRANSIENT, attempts=6, what="the consumer project's subscriptions to be listed")
        items.extend(page.get("items", []))
        if not page.get("nextToken"):
            return items
        token = {"nextToken": page["nextToken"]}


def find_listing(datazone, props, sleep=None):
    """The id of the listing named AssetName owned by the producer project, or None while it is not published."""
    token = None
    while True:
        request = {"domainIdentifier": props["DomainId"], "searchText": props["AssetName"], "maxResults": 50}
        if token:
            request["nextToken"] = token
        page = datazone.search_listings(**request) if sleep is None else call(lambda: datazone.search_listings(**request), sleep, TRANSIENT, attempts=6,
                                                                               what=f"the listing of {props['AssetName']} to be searched")
        for item in page.get("items", []):
            listing = item.get("assetListing") or {}
            if listing.get("name") == props["AssetName"] and listing.get("owningProjectId") == props["ProducerProjectId"]:
                return listing["listingId"]
        token = page.get("nextToken")
        if not token:
            return None


def cancel(datazone, props, sleep=time.sleep):
    """Cancels every APPROVED subscription of the consumer project to the listing, over every page. Already gone (the
    listing unpublished; the project, or the subscription, gone meanwhile: ResourceNotFoundException) is fine; deleting
    twice is harmless."""
    try:
        listing = find_listing(datazone, props, sleep)
        if listing is None:
            return
        subscriptions = _every(lambda token: datazone.list_subscriptions(domainIdentifier=props["DomainId"], owningProjectId=props["ConsumerProjectId"],
                                                                         subscribedListingId=listing, status="APPROVED", **token), sleep)
    except Exception as error:
        if _code(error) != "ResourceNotFoundException":
            raise
        # The consumer project (or the domain) is gone already, and its subscriptions with it.
        return
    for subscription in subscriptions:
        try:
            call(lambda: datazone.cancel_subscription(domainIdentifier=props["DomainId"], identifier=subscription["id"]), sleep, TRANSIENT, attempts=6,
                 what=f"subscription {subscription['id']} to be cancelled")
        except Exception as error:
            if _code(error) != "ResourceNotFoundException":
                raise


def denied_message(props, operation, error, waited, request_id=None):
    """What the handler role lacks for `operation`, and how to fix it."""
    domain, consumer, producer = props["DomainId"], props["ConsumerProjectId"], props["ProducerProjectId"]
    role = props.get("HandlerRoleArn", "of the subscription handler")
    if operation == "AcceptSubscriptionRequest":
        missing = (f"its DataZone user profile (IAM_ROLE {role}) must be an owner (PROJECT_OWNER) of the producer project {producer}, "
                   f"in the project member pool (an ADD_TO_PROJECT_MEMBER_POOL policy grant), and the role needs IAM datazone:AcceptSubscriptionRequest on the domain. "
                   f"Or set autoApprove to false and have a member of {producer} approve: "
                   f"aws datazone accept-subscription-request --domain-identifier {domain} --identifier {request_id}")
    elif operation == "SearchListings":
        missing = (f"the role {role} needs IAM datazone:SearchListings on the domain, and its DataZone user profile (IAM_ROLE) must be ACTIVATED in domain {domain}")
    else:
        missing = (f"the role {role} needs IAM datazone:{operation} on the domain, and its DataZone user profile (IAM_ROLE) must be a member "
                   f"(PROJECT_CONTRIBUTOR or owner) of the consumer project {consumer}, in the project member pool (an ADD_TO_PROJECT_MEMBER_POOL policy grant)")
    return (f"{operation} was refused for {int(waited)} s ({_code(error)}: {error}); it will not pass by waiting. Fix: {missing}; "
            f"with a customer managed domain key, the role also needs kms:Decrypt and kms:GenerateDataKey on it. Then deploy again.")


def _grace(props):
    return int(props.get("AccessDeniedGraceSeconds", DEFAULT_DENIED_GRACE_SECONDS))


def _give_up_after(timeout, started, now, what):
    if now() - started > timeout:
        raise RuntimeError(f"Not done within {timeout} s: {what}.")


def _code(error):
    return code(error)


def _validate(props):
    for key in ("DomainId", "ConsumerProjectId", "ProducerProjectId", "AssetName"):
        if not props.get(key):
            raise ValueError(f"'{key}' is required, got {props.get(key)!r}")
    grace = props.get("AccessDeniedGraceSeconds", DEFAULT_DENIED_GRACE_SECONDS)
    if not str(grace).isdigit():
        raise ValueError(f"'AccessDeniedGraceSeconds' is whole seconds, got {grace!r}")
