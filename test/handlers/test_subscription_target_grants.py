# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Granting a new subscription target the project's earlier subscriptions: a real boto3 DataZone client in botocore's
Stubber (moto has no DataZone), so every request is checked against the model and every response has its shapes."""
import datetime

import pytest
from botocore.exceptions import ClientError

import subscription_target_grants.index as handler
from conftest import gives_up, throttle

DOMAIN = "dzd_abc123"
PROJECT = "prj_consumer"
ENVIRONMENT = "env_lakehouse1"
TARGET = "st_workload1"
NOW = datetime.datetime(2026, 12, 2, tzinfo=datetime.timezone.utc)
SUBSCRIPTIONS = {"domainIdentifier": DOMAIN, "owningProjectId": PROJECT, "status": "APPROVED"}
GRANTS = {"domainIdentifier": DOMAIN, "subscriptionTargetId": TARGET}


def event(request="Create"):
    return {"RequestType": request, "ResourceProperties": {
        "DomainId": DOMAIN, "ProjectId": PROJECT, "EnvironmentId": ENVIRONMENT, "SubscriptionTargetId": TARGET,
        "HandlerRoleArn": "arn:aws:iam::333333333333:role/cdk-data-mesh-project-member-eu-west-1"}}


def subscription(listing, revision="3"):
    listed = {"id": listing, "revision": revision, "name": listing, "description": "", "ownerProjectId": "prj_producer",
              "item": {"assetListing": {"entityId": "asset1", "entityRevision": "1", "entityType": "GlueTableAssetType"}}}
    if revision is None:
        del listed["revision"]  # optional in the model's SubscribedListing
    return {
        "id": f"sub-{listing}", "createdBy": "user", "domainId": DOMAIN, "status": "APPROVED", "createdAt": NOW, "updatedAt": NOW,
        "subscribedPrincipal": {"project": {"id": PROJECT, "name": "Consumer"}},
        "subscribedListing": listed,
    }


def grant(listing):
    return {"id": f"grant-{listing}", "createdBy": "datazone", "domainId": DOMAIN, "createdAt": NOW, "updatedAt": NOW,
            "subscriptionTargetId": TARGET, "grantedEntity": {"listing": {"id": listing, "revision": "3"}}, "status": "COMPLETED"}


def created(listing):
    return {"id": f"grant-{listing}", "createdBy": "member", "domainId": DOMAIN, "createdAt": NOW, "updatedAt": NOW,
            "subscriptionTargetId": TARGET, "grantedEntity": {"listing": {"id": listing, "revision": "3"}}, "status": "PENDING"}


def create_request(listing):
    return {"domainIdentifier": DOMAIN, "environmentIdentifier": ENVIRONMENT, "subscriptionTargetIdentifier": TARGET,
            "grantedEntity": {"listing": {"identifier": listing, "revision": "3"}}}


def test_grants_the_target_each_approved_subscription_it_has_no_grant_of_and_leaves_the_others(datazone):
    client, stub = datazone
    stub.add_response("list_subscriptions", {"items": [subscription("trees"), subscription("birds")]}, SUBSCRIPTIONS)
    stub.add_response("list_subscription_grants", {"items": [grant("trees")]}, GRANTS)
    stub.add_response("create_subscription_grant", created("birds"), create_request("birds"))
    result = handler.on_event(event(), datazone=client)
    assert result == {"PhysicalResourceId": f"subscription-target-grants:{DOMAIN}:{TARGET}", "Data": {"Granted": "1", "Listings": "birds,trees"}}


def test_creates_nothing_when_datazone_already_granted_every_subscription_to_the_target(datazone):
    client, stub = datazone
    stub.add_response("list_subscriptions", {"items": [subscription("trees")]}, SUBSCRIPTIONS)
    stub.add_response("list_subscription_grants", {"items": [grant("trees")]}, GRANTS)
    assert handler.on_event(event("Update"), datazone=client)["Data"] == {"Granted": "0", "Listings": "trees"}


def test_reads_every_page_of_subscriptions_and_grants(datazone):
    client, stub = datazone
    stub.add_response("list_subscriptions", {"items": [subscription("trees")], "nextToken": "s2"}, SUBSCRIPTIONS)
    stub.add_response("list_subscriptions", {"items": [subscription("birds")]}, {**SUBSCRIPTIONS, "nextToken": "s2"})
    stub.add_response("list_subscription_grants", {"items": [], "nextToken": "g2"}, GRANTS)
    stub.add_response("list_subscription_grants", {"items": [grant("trees"), grant("birds")]}, {**GRANTS, "nextToken": "g2"})
    assert handler.on_event(event(), datazone=client)["Data"]["Granted"] == "0"


def test_counts_a_grant_made_meanwhile_conflict_as_held(datazone):
    client, stub = datazone
    stub.add_response("list_subscriptions", {"items": [subscription("birds")]}, SUBSCRIPTIONS)
    stub.add_response("list_subscription_grants", {"items": []}, GRANTS)
    stub.add_client_error("create_subscription_grant", "ConflictException", "already granted", expected_params=create_request("birds"))
    assert handler.on_event(event(), datazone=client)["Data"] == {"Granted": "0", "Listings": "birds"}


def test_skips_a_subscription_that_names_no_listing_revision(datazone):
    client, stub = datazone
    stub.add_response("list_subscriptions", {"items": [subscription("birds", revision=None)]}, SUBSCRIPTIONS)
    stub.add_response("list_subscription_grants", {"items": []}, GRANTS)
    assert handler.on_event(event(), datazone=client)["Data"] == {"Granted": "0", "Listings": ""}


def test_retries_throttling(datazone):
    client, stub = datazone
    stub.add_client_error("list_subscriptions", "ThrottlingException", "slow down", expected_params=SUBSCRIPTIONS)
    stub.add_response("list_subscriptions", {"items": []}, SUBSCRIPTIONS)
    stub.add_response("list_subscription_grants", {"items": []}, GRANTS)
    assert handler.on_event(event(), datazone=client, sleep=lambda s: None)["Data"]["Granted"] == "0"


def test_a_refusal_fails_naming_the_role_the_membership_and_the_permissions(datazone):
    client, stub = datazone
    stub.add_client_error("list_subscriptions", "AccessDeniedException", "not a member", expected_params=SUBSCRIPTIONS)
    with pytest.raises(RuntimeError, match=r"AccessDeniedException.*cdk-data-mesh-project-member-eu-west-1 may not read the subscriptions of project prj_consumer.*MeshProjectMember.*CreateSubscriptionGrant"):
        handler.on_event(event(), datazone=client)


def test_another_error_of_the_grant_fails_the_deploy(datazone):
    client, stub = datazone
    stub.add_response("list_subscriptions", {"items": [subscription("birds")]}, SUBSCRIPTIONS)
    stub.add_response("list_subscription_grants", {"items": []}, GRANTS)
    stub.add_client_error("create_subscription_grant", "ValidationException", "bad target", expected_params=create_request("birds"))
    with pytest.raises(ClientError, match="bad target"):
        handler.on_event(event(), datazone=client)


def test_delete_calls_nothing(datazone):
    client, _ = datazone
    assert handler.on_event({**event("Delete"), "PhysicalResourceId": "p"}, datazone=client) == {"PhysicalResourceId": "p"}


def test_refuses_missing_properties():
    with pytest.raises(ValueError, match="missing properties SubscriptionTargetId"):
        handler.on_event({"RequestType": "Create", "ResourceProperties": {"DomainId": DOMAIN, "ProjectId": PROJECT, "EnvironmentId": ENVIRONMENT}})


def test_granting_twice_creates_each_grant_once(datazone):
    client, stub = datazone
    stub.add_response("list_subscriptions", {"items": [subscription("birds")]}, SUBSCRIPTIONS)
    stub.add_response("list_subscription_grants", {"items": []}, GRANTS)
    stub.add_response("create_subscription_grant", created("birds"), create_request("birds"))
    stub.add_response("list_subscriptions", {"items": [subscription("birds")]}, SUBSCRIPTIONS)
    stub.add_response("list_subscription_grants", {"items": [grant("birds")]}, GRANTS)
    assert handler.on_event(event(), datazone=client)["Data"] == {"Granted": "1", "Listings": "birds"}
    assert handler.on_event(event(), datazone=client)["Data"] == {"Granted": "0", "Listings": "birds"}


def test_an_update_to_another_subscription_target_grants_that_one_under_a_new_physical_id(datazone):
    client, stub = datazone
    other = {**event("Update")["ResourceProperties"], "SubscriptionTargetId": "st_workload2"}
    stub.add_response("list_subscriptions", {"items": [subscription("birds")]}, SUBSCRIPTIONS)
    stub.add_response("list_subscription_grants", {"items": []}, {**GRANTS, "subscriptionTargetId": "st_workload2"})
    stub.add_response("create_subscription_grant", {**created("birds"), "subscriptionTargetId": "st_workload2"}, {**create_request("birds"), "subscriptionTargetIdentifier": "st_workload2"})
    result = handler.on_event({"RequestType": "Update", "ResourceProperties": other, "OldResourceProperties": event()["ResourceProperties"],
                               "PhysicalResourceId": f"subscription-target-grants:{DOMAIN}:{TARGET}"}, datazone=client)
    assert result["PhysicalResourceId"] == f"subscription-target-grants:{DOMAIN}:st_workload2"


def test_gives_up_on_throttling_after_a_bounded_wait_saying_what_it_waited_for(datazone):
    client, stub = datazone
    throttle(stub, "list_subscriptions", 6, expected_params=SUBSCRIPTIONS)
    gives_up(lambda sleep: handler.on_event(event(), datazone=client, sleep=sleep), r"waiting for DataZone to list or grant the project's subscriptions")
