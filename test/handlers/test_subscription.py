# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The subscription custom resource. moto does not emulate DataZone, so the handler runs against a real
boto3 DataZone client wrapped in botocore's Stubber: every request is checked against the service
model, and every response replays the API's real shapes (including faults)."""
import datetime

import pytest

import subscription.index as handler
from conftest import throttle

DOMAIN, CONSUMER, PRODUCER, LISTING = "dzd_abc123", "prjconsumer", "prjproducer", "lst123"
NOW = datetime.datetime(2026, 11, 25, tzinfo=datetime.timezone.utc)
PROPS = {"DomainId": DOMAIN, "ConsumerProjectId": CONSUMER, "ProducerProjectId": PRODUCER, "AssetName": "trees", "TimeoutSeconds": "600"}


def event(request_type="Create", started=1000, **props):
    return {"RequestType": request_type, "ResourceProperties": {**PROPS, **props}, "Data": {"WaitStartedAt": str(started)}, "PhysicalResourceId": "x"}


def listings(*owners):
    return {"items": [{"assetListing": {"listingId": f"lst-{owner}" if owner != PRODUCER else LISTING, "name": "trees", "owningProjectId": owner}} for owner in owners]}


def request_summary(status):
    return {"id": "req1", "createdBy": "role", "domainId": DOMAIN, "status": status, "createdAt": NOW, "updatedAt": NOW, "requestReason": "r",
            "subscribedPrincipals": [{"project": {"id": CONSUMER}}], "subscribedListings": [{"id": LISTING, "name": "trees", "description": "d", "item": {"assetListing": {"entityId": "asset1", "entityType": "GlueTableAssetType"}}, "ownerProjectId": PRODUCER}]}


def subscription_summary(id="sub1"):
    return {"id": id, "createdBy": "role", "domainId": DOMAIN, "status": "APPROVED", "createdAt": NOW, "updatedAt": NOW,
            "subscribedPrincipal": {"project": {"id": CONSUMER}}, "subscribedListing": {"id": LISTING, "name": "trees", "description": "d", "item": {"assetListing": {"entityId": "asset1", "entityType": "GlueTableAssetType"}}, "ownerProjectId": PRODUCER}}


SEARCH = {"domainIdentifier": DOMAIN, "searchText": "trees", "maxResults": 50}
LIST = {"domainIdentifier": DOMAIN, "owningProjectId": CONSUMER, "subscribedListingId": LISTING}


def published_with_no_subscription_nor_request(stub):
    """The producer has published the asset; the consumer project has no subscription to it and no request of any status."""
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_response("list_subscriptions", {"items": []}, {**LIST, "status": "APPROVED"})
    for status in ("PENDING", "ACCEPTED", "REJECTED"):
        stub.add_response("list_subscription_requests", {"items": []}, {**LIST, "status": status})


def published_with_a_pending_request(stub):
    """The producer has published the asset; the consumer project has no subscription yet, and a PENDING request (req1)."""
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_response("list_subscriptions", {"items": []}, {**LIST, "status": "APPROVED"})
    stub.add_response("list_subscription_requests", {"items": [request_summary("PENDING")]}, {**LIST, "status": "PENDING"})


CREATE_REQUEST = {"domainIdentifier": DOMAIN, "subscribedPrincipals": [{"project": {"identifier": CONSUMER}}],
                  "subscribedListings": [{"identifier": LISTING}], "requestReason": "cdk-data-mesh: consumer application"}


def test_waits_while_the_producer_has_not_published_the_asset(datazone):
    client, stub = datazone
    stub.add_response("search_listings", listings("someone-else"), SEARCH)
    assert handler.is_complete(event(), datazone=client, now=lambda: 1010) == {"IsComplete": False}


def test_requests_a_subscription_approves_it_and_completes_once_approved(datazone):
    client, stub = datazone
    published_with_no_subscription_nor_request(stub)
    stub.add_response("create_subscription_request", request_summary("PENDING"), CREATE_REQUEST)
    stub.add_response("accept_subscription_request", request_summary("ACCEPTED"), {"domainIdentifier": DOMAIN, "identifier": "req1", "decisionComment": "cdk-data-mesh: approved with the mesh deployment"})
    assert handler.is_complete(event(), datazone=client, now=lambda: 1010) == {"IsComplete": False}
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_response("list_subscriptions", {"items": [subscription_summary()]}, {**LIST, "status": "APPROVED"})
    assert handler.is_complete(event(), datazone=client, now=lambda: 1040) == {"IsComplete": True, "Data": {"SubscriptionId": "sub1", "ListingId": LISTING}}


def test_reuses_a_pending_request_instead_of_requesting_twice(datazone):
    client, stub = datazone
    published_with_a_pending_request(stub)
    stub.add_client_error("accept_subscription_request", "AccessDeniedException", "not a producer member")
    assert handler.is_complete(event(), datazone=client, now=lambda: 1010) == {"IsComplete": False}


def test_says_at_the_deadline_that_its_own_approval_was_refused_and_what_to_check_when_the_grace_period_is_as_long(datazone):
    client, stub = datazone
    published_with_a_pending_request(stub)
    stub.add_client_error("accept_subscription_request", "AccessDeniedException", "not a producer member")
    with pytest.raises(RuntimeError, match=r"still PENDING .*accept-subscription-request .*--identifier req1\); the handler's own approval was refused "
                                           r"\(AccessDeniedException: .*not a producer member\): check that its user profile is in the project member pool and an owner of project prjproducer"):
        handler.is_complete(event(AccessDeniedGraceSeconds="900"), datazone=client, now=lambda: 1000 + 601)


def test_fails_at_once_when_its_own_approval_is_still_refused_after_the_grace_period(datazone):
    client, stub = datazone
    published_with_a_pending_request(stub)
    stub.add_client_error("accept_subscription_request", "AccessDeniedException", "not a producer member")
    # 301 s after the start: past the 300 s grace, far before the 600 s timeout.
    with pytest.raises(RuntimeError, match=r"AcceptSubscriptionRequest was refused for 301 s \(AccessDeniedException: .*not a producer member\); it will not pass by waiting. "
                                           r"Fix: its DataZone user profile \(IAM_ROLE arn:aws:iam::111111111111:role/handler\) must be an owner \(PROJECT_OWNER\) of the producer project prjproducer.*"
                                           r"Or set autoApprove to false .*--identifier req1"):
        handler.is_complete(event(HandlerRoleArn="arn:aws:iam::111111111111:role/handler"), datazone=client, now=lambda: 1000 + 301)


def test_waits_out_access_denied_within_the_grace_period_while_a_new_membership_applies(datazone):
    client, stub = datazone
    stub.add_client_error("search_listings", "AccessDeniedException", "User is not permitted", http_status_code=403)
    assert handler.is_complete(event(), datazone=client, now=lambda: 1000 + 299) == {"IsComplete": False}


def test_fails_at_once_naming_the_membership_when_requesting_is_still_refused_after_the_grace_period(datazone):
    client, stub = datazone
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_client_error("list_subscriptions", "AccessDeniedException", "not a project member", http_status_code=403)
    with pytest.raises(RuntimeError, match=r"ListSubscriptions was refused for 400 s .*Fix: the role of the subscription handler needs IAM datazone:ListSubscriptions on the domain, "
                                           r"and its DataZone user profile \(IAM_ROLE\) must be a member \(PROJECT_CONTRIBUTOR or owner\) of the consumer project prjconsumer"):
        handler.is_complete(event(), datazone=client, now=lambda: 1000 + 400)


def test_takes_the_grace_period_from_its_properties(datazone):
    client, stub = datazone
    stub.add_client_error("search_listings", "AccessDeniedException", "User is not permitted", http_status_code=403)
    with pytest.raises(RuntimeError, match="SearchListings was refused for 61 s"):
        handler.is_complete(event(AccessDeniedGraceSeconds="60"), datazone=client, now=lambda: 1000 + 61)


def test_still_waits_out_throttling_after_the_grace_period(datazone):
    client, stub = datazone
    stub.add_client_error("search_listings", "ThrottlingException", "slow down", http_status_code=429)
    assert handler.is_complete(event(), datazone=client, now=lambda: 1000 + 400) == {"IsComplete": False}


def test_fails_with_the_command_to_approve_when_nobody_approves_in_time(datazone):
    client, stub = datazone
    published_with_a_pending_request(stub)
    with pytest.raises(RuntimeError, match="still PENDING .*aws datazone accept-subscription-request --domain-identifier dzd_abc123 --identifier req1"):
        handler.is_complete(event(AutoApprove="false"), datazone=client, now=lambda: 1000 + 601)


def test_fails_with_the_reviewer_comment_when_rejected(datazone):
    client, stub = datazone
    rejected = {**request_summary("REJECTED"), "decisionComment": "not for this team"}
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_response("list_subscriptions", {"items": []}, {**LIST, "status": "APPROVED"})
    stub.add_response("list_subscription_requests", {"items": []}, {**LIST, "status": "PENDING"})
    stub.add_response("list_subscription_requests", {"items": []}, {**LIST, "status": "ACCEPTED"})
    stub.add_response("list_subscription_requests", {"items": [rejected]}, {**LIST, "status": "REJECTED"})
    with pytest.raises(RuntimeError, match="was rejected: not for this team"):
        handler.is_complete(event(), datazone=client, now=lambda: 1010)


def test_waits_without_asking_again_while_an_accepted_request_becomes_a_subscription(datazone):
    client, stub = datazone
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_response("list_subscriptions", {"items": []}, {**LIST, "status": "APPROVED"})
    stub.add_response("list_subscription_requests", {"items": []}, {**LIST, "status": "PENDING"})
    stub.add_response("list_subscription_requests", {"items": [request_summary("ACCEPTED")]}, {**LIST, "status": "ACCEPTED"})
    assert handler.is_complete(event(), datazone=client, now=lambda: 1010) == {"IsComplete": False}  # no create_subscription_request stubbed


def test_fails_naming_the_asset_when_it_is_never_published(datazone):
    client, stub = datazone
    stub.add_response("search_listings", {"items": []}, SEARCH)
    with pytest.raises(RuntimeError, match="the asset trees was not published by project prjproducer"):
        handler.is_complete(event(), datazone=client, now=lambda: 1000 + 601)


def test_retries_throttling(datazone):
    client, stub = datazone
    stub.add_client_error("search_listings", "ThrottlingException", "slow down", http_status_code=429)
    assert handler.is_complete(event(), datazone=client, now=lambda: 1010) == {"IsComplete": False}


def test_deleting_cancels_the_approved_subscription_and_twice_is_harmless(datazone):
    client, stub = datazone
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_response("list_subscriptions", {"items": [subscription_summary()]}, {**LIST, "status": "APPROVED"})
    cancelled = {**subscription_summary(), "status": "CANCELLED"}
    stub.add_response("cancel_subscription", cancelled, {"domainIdentifier": DOMAIN, "identifier": "sub1"})
    handler.on_event(event("Delete"), datazone=client)
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_response("list_subscriptions", {"items": []}, {**LIST, "status": "APPROVED"})
    handler.on_event(event("Delete"), datazone=client)
    assert handler.is_complete(event("Delete"), datazone=client) == {"IsComplete": True}


def test_keeps_the_subscription_on_delete_when_told_to(datazone):
    client, _ = datazone
    handler.on_event(event("Delete", CancelOnDelete="false"), datazone=client)


def test_refuses_missing_properties():
    with pytest.raises(ValueError, match="'AssetName' is required"):
        handler.on_event({"RequestType": "Create", "ResourceProperties": {**PROPS, "AssetName": ""}})


def update(old=None, physical_id="subscription:prjconsumer:trees", **props):
    return {**event("Update", **props), "PhysicalResourceId": physical_id, "OldResourceProperties": {**PROPS, **(old or {})}}


def test_an_update_of_the_same_subscription_keeps_its_physical_id_so_nothing_is_cancelled():
    # A changed timeout is the same subscription; an id from before the id named the producer is kept too.
    assert handler.on_event(update(TimeoutSeconds="1200"), now=lambda: 5)["PhysicalResourceId"] == "subscription:prjconsumer:trees"


def test_an_update_to_another_producer_project_is_a_new_subscription_and_the_old_one_is_cancelled_by_its_delete(datazone):
    # A new physical id: CloudFormation then sends Delete, with the old properties, to the old id (a replacement).
    result = handler.on_event(update(ProducerProjectId="prjother"), now=lambda: 5)
    assert result["PhysicalResourceId"] == f"subscription:{DOMAIN}:{CONSUMER}:prjother:trees"
    for changed in ({"AssetName": "birds"}, {"ConsumerProjectId": "prjc2"}, {"DomainId": "dzd_other"}):
        assert handler.on_event(update(**changed), now=lambda: 5)["PhysicalResourceId"] != "subscription:prjconsumer:trees"
    client, stub = datazone
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_response("list_subscriptions", {"items": [subscription_summary()]}, {**LIST, "status": "APPROVED"})
    stub.add_response("cancel_subscription", {**subscription_summary(), "status": "CANCELLED"}, {"domainIdentifier": DOMAIN, "identifier": "sub1"})
    handler.on_event({**event("Delete"), "PhysicalResourceId": "subscription:prjconsumer:trees"}, datazone=client)
    stub.assert_no_pending_responses()


def test_a_create_names_the_whole_target_in_its_physical_id():
    assert handler.on_event(event("Create"), now=lambda: 5)["PhysicalResourceId"] == f"subscription:{DOMAIN}:{CONSUMER}:{PRODUCER}:trees"


def test_a_quota_error_fails_at_once_naming_the_quota_and_the_fix_instead_of_waiting(datazone):
    client, stub = datazone
    published_with_no_subscription_nor_request(stub)
    stub.add_client_error("create_subscription_request", "ServiceQuotaExceededException", "too many subscriptions", http_status_code=402)
    with pytest.raises(RuntimeError, match="CreateSubscriptionRequest hit a DataZone quota .*Service Quotas.*prjconsumer"):
        handler.is_complete(event(), datazone=client, now=lambda: 1010)


def test_a_create_run_again_once_approved_completes_with_the_same_subscription_and_requests_nothing(datazone):
    client, stub = datazone
    for _ in range(2):
        stub.add_response("search_listings", listings(PRODUCER), SEARCH)
        stub.add_response("list_subscriptions", {"items": [subscription_summary()]}, {**LIST, "status": "APPROVED"})
    first = handler.is_complete(event(), datazone=client, now=lambda: 1010)
    assert handler.is_complete(event(), datazone=client, now=lambda: 1020) == first == {"IsComplete": True, "Data": {"SubscriptionId": "sub1", "ListingId": LISTING}}


def test_a_conflict_while_datazone_settles_counts_as_not_yet(datazone):
    client, stub = datazone
    published_with_no_subscription_nor_request(stub)
    stub.add_client_error("create_subscription_request", "ConflictException", "a request for this listing is being created", http_status_code=409)
    assert handler.is_complete(event(), datazone=client, now=lambda: 1010) == {"IsComplete": False}


def test_at_the_deadline_throttling_fails_saying_what_kept_answering_instead_of_waiting_on(datazone):
    client, stub = datazone
    stub.add_client_error("search_listings", "ThrottlingException", "slow down", http_status_code=429)
    with pytest.raises(RuntimeError, match=r"Not done within 600 s: DataZone kept answering SearchListings with ThrottlingException .*deploy again"):
        handler.is_complete(event(), datazone=client, now=lambda: 1000 + 601)


def test_finds_the_listing_on_a_later_page_of_the_search(datazone):
    client, stub = datazone
    stub.add_response("search_listings", {**listings("someone-else"), "nextToken": "p2"}, SEARCH)
    stub.add_response("search_listings", listings(PRODUCER), {**SEARCH, "nextToken": "p2"})
    stub.add_response("list_subscriptions", {"items": [subscription_summary()]}, {**LIST, "status": "APPROVED"})
    assert handler.is_complete(event(), datazone=client, now=lambda: 1010)["IsComplete"] is True


def test_an_empty_first_page_of_subscriptions_is_not_taken_for_no_subscription(datazone):
    client, stub = datazone
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_response("list_subscriptions", {"items": [], "nextToken": "p2"}, {**LIST, "status": "APPROVED"})
    stub.add_response("list_subscriptions", {"items": [subscription_summary()]}, {**LIST, "status": "APPROVED", "nextToken": "p2"})
    assert handler.is_complete(event(), datazone=client, now=lambda: 1010)["Data"]["SubscriptionId"] == "sub1"  # no request filed


def test_deleting_cancels_the_subscriptions_on_every_page(datazone):
    client, stub = datazone
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_response("list_subscriptions", {"items": [subscription_summary("sub1")], "nextToken": "p2"}, {**LIST, "status": "APPROVED"})
    stub.add_response("list_subscriptions", {"items": [subscription_summary("sub2")]}, {**LIST, "status": "APPROVED", "nextToken": "p2"})
    for sub in ("sub1", "sub2"):
        stub.add_response("cancel_subscription", {**subscription_summary(sub), "status": "CANCELLED"}, {"domainIdentifier": DOMAIN, "identifier": sub})
    handler.on_event(event("Delete"), datazone=client)


def test_deleting_when_the_asset_is_no_longer_published_is_fine(datazone):
    client, stub = datazone
    stub.add_response("search_listings", {"items": []}, SEARCH)
    assert handler.on_event(event("Delete"), datazone=client) == {"PhysicalResourceId": "x"}


def test_deleting_a_subscription_someone_cancelled_meanwhile_is_fine(datazone):
    client, stub = datazone
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_response("list_subscriptions", {"items": [subscription_summary()]}, {**LIST, "status": "APPROVED"})
    stub.add_client_error("cancel_subscription", "ResourceNotFoundException", "no such subscription", http_status_code=404)
    assert handler.on_event(event("Delete"), datazone=client) == {"PhysicalResourceId": "x"}


def test_deleting_retries_throttling_with_capped_backoff(datazone):
    client, stub = datazone
    waits = []
    throttle(stub, "search_listings", 3, http_status_code=429)
    stub.add_response("search_listings", {"items": []}, SEARCH)
    handler.on_event(event("Delete"), datazone=client, sleep=waits.append)
    assert len(waits) == 3 and max(waits) <= 30


def test_deleting_gives_up_on_throttling_after_a_bounded_wait_saying_what_it_waited_for(datazone):
    client, stub = datazone
    waits = []
    throttle(stub, "search_listings", 6, http_status_code=429)
    with pytest.raises(RuntimeError, match=r"Gave up after 6 attempts .* waiting for the listing of trees to be searched: SearchListings kept failing with ThrottlingException.*Fix: "):
        handler.on_event(event("Delete"), datazone=client, sleep=waits.append)
    assert len(waits) == 5 and sum(waits) <= 6 * 30


def test_deleting_after_the_consumer_project_is_gone_is_fine(datazone):
    client, stub = datazone
    stub.add_response("search_listings", listings(PRODUCER), SEARCH)
    stub.add_client_error("list_subscriptions", "ResourceNotFoundException", "project not found", http_status_code=404)
    assert handler.on_event(event("Delete"), datazone=client) == {"PhysicalResourceId": "x"}
