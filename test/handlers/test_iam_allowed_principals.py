# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Revoking IAMAllowedPrincipals: against moto server with a real Glue database and table, and with scripted faults."""
import boto3
import pytest
from conftest import client_error

import iam_allowed_principals.index as handler

ACCOUNT = "123456789012"  # moto's default account
PRODUCER_ROLE = f"arn:aws:iam::{ACCOUNT}:role/datazone_usr_role_project1_env1"


def props(**extra):
    return {"CatalogId": ACCOUNT, "DatabaseName": "collections", "TableNames": ["trees"], **extra}


@pytest.fixture()
def lake(aws_env):
    """A Glue database `collections` with table `trees`, open to IAM principals, and the producer role's grants."""
    glue = boto3.client("glue")
    lf = boto3.client("lakeformation")
    name = "collections"
    try:
        glue.delete_database(Name=name)
    except Exception:
        pass
    glue.create_database(DatabaseInput={"Name": name})
    glue.create_table(DatabaseName=name, TableInput={"Name": "trees", "StorageDescriptor": {"Columns": [{"Name": "name", "Type": "string"}, {"Name": "stars", "Type": "string"}], "Location": "s3://data/trees/"}})
    for resource in ({"Database": {"CatalogId": ACCOUNT, "Name": name}}, {"Table": {"CatalogId": ACCOUNT, "DatabaseName": name, "Name": "trees"}}):
        lf.grant_permissions(CatalogId=ACCOUNT, Principal={"DataLakePrincipalIdentifier": "IAM_ALLOWED_PRINCIPALS"}, Resource=resource, Permissions=["ALL"])
    lf.grant_permissions(CatalogId=ACCOUNT, Principal={"DataLakePrincipalIdentifier": PRODUCER_ROLE}, Resource={"Database": {"CatalogId": ACCOUNT, "Name": name}}, Permissions=["DESCRIBE"])
    lf.grant_permissions(CatalogId=ACCOUNT, Principal={"DataLakePrincipalIdentifier": PRODUCER_ROLE}, Resource={"Table": {"CatalogId": ACCOUNT, "DatabaseName": name, "Name": "trees"}}, Permissions=["SELECT", "DESCRIBE"], PermissionsWithGrantOption=["SELECT", "DESCRIBE"])
    yield lf
    for entry in lf.list_permissions(CatalogId=ACCOUNT).get("PrincipalResourcePermissions", []):
        if entry.get("Permissions"):
            lf.revoke_permissions(CatalogId=ACCOUNT, Principal=entry["Principal"], Resource=entry["Resource"], Permissions=entry["Permissions"], PermissionsWithGrantOption=entry.get("PermissionsWithGrantOption", []))
    glue.delete_database(Name=name)


def holders(lf):
    entries = lf.list_permissions(CatalogId=ACCOUNT).get("PrincipalResourcePermissions", [])
    return sorted({e["Principal"]["DataLakePrincipalIdentifier"] for e in entries if e.get("Permissions")})


def test_revokes_iam_allowed_principals_on_the_database_and_table_and_keeps_the_producer_grants(lake):
    assert holders(lake) == ["IAM_ALLOWED_PRINCIPALS", PRODUCER_ROLE]
    result = handler.on_event({"RequestType": "Create", "ResourceProperties": props()})
    assert result["PhysicalResourceId"] == f"iam-allowed-principals:{ACCOUNT}:collections"
    assert result["Data"]["Revoked"] == "2"
    assert holders(lake) == [PRODUCER_ROLE]


def test_running_twice_changes_nothing(lake):
    handler.on_event({"RequestType": "Create", "ResourceProperties": props()})
    again = handler.on_event({"RequestType": "Update", "ResourceProperties": props(), "PhysicalResourceId": "x"})
    assert again["Data"]["Revoked"] == "0"
    assert holders(lake) == [PRODUCER_ROLE]


def test_deleting_twice_leaves_the_data_governed_by_lake_formation(lake):
    handler.on_event({"RequestType": "Create", "ResourceProperties": props()})
    for _ in range(2):
        handler.on_event({"RequestType": "Delete", "ResourceProperties": props(), "PhysicalResourceId": "x"})
    assert holders(lake) == [PRODUCER_ROLE]


def test_restores_the_grants_on_delete_when_asked_to(lake):
    handler.on_event({"RequestType": "Create", "ResourceProperties": props()})
    handler.on_event({"RequestType": "Delete", "ResourceProperties": props(RestoreOnDelete="true"), "PhysicalResourceId": "x"})
    assert "IAM_ALLOWED_PRINCIPALS" in holders(lake)


def test_covers_every_table_with_a_wildcard_when_no_table_is_named():
    assert handler.resources({"CatalogId": ACCOUNT, "DatabaseName": "db"})[1] == {"Table": {"CatalogId": ACCOUNT, "DatabaseName": "db", "TableWildcard": {}}}


class FlakyLakeFormation:
    """Throttles once, then answers; records revokes."""

    def __init__(self, revoke_error=None):
        self.calls, self.revoked, self.revoke_error = 0, [], revoke_error

    def list_permissions(self, **request):
        self.calls += 1
        if self.calls == 1:
            raise client_error("ThrottlingException", "ListPermissions")
        return {"PrincipalResourcePermissions": [{"Principal": {"DataLakePrincipalIdentifier": "IAM_ALLOWED_PRINCIPALS"}, "Resource": request["Resource"], "Permissions": ["ALL"]}]}

    def revoke_permissions(self, **request):
        if self.revoke_error:
            raise client_error(self.revoke_error, "RevokePermissions")
        self.revoked.append(request["Resource"])


def test_retries_throttling_with_backoff():
    lf, waits = FlakyLakeFormation(), []
    handler.on_event({"RequestType": "Create", "ResourceProperties": props()}, lakeformation=lf, sleep=waits.append)
    assert len(lf.revoked) == 2 and len(waits) == 1


def test_skips_a_grant_someone_else_revoked_meanwhile():
    lf = FlakyLakeFormation(revoke_error="InvalidInputException")
    result = handler.on_event({"RequestType": "Create", "ResourceProperties": props()}, lakeformation=lf, sleep=lambda s: None)
    assert result["Data"]["Revoked"] == "0"


def test_fails_on_access_denied():
    lf = FlakyLakeFormation(revoke_error="AccessDeniedException")
    with pytest.raises(Exception, match="AccessDeniedException"):
        handler.on_event({"RequestType": "Create", "ResourceProperties": props()}, lakeformation=lf, sleep=lambda s: None)
