# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Revokes Lake Formation's IAMAllowedPrincipals grants on a database and its tables.

CloudFormation has no resource that revokes Lake Formation permissions, so this custom resource
(aws-cdk-lib Provider framework, `on_event` only) does it:

- Create / Update: revoke every permission `IAM_ALLOWED_PRINCIPALS` holds on the database and on
  the chosen tables (or every table), so that access goes through Lake Formation grants only.
  Idempotent: a grant that is already gone is skipped.
- Delete: by default nothing is re-granted (the data stays governed by Lake Formation; deleting the
  stack must not silently re-open it to every IAM principal). With `RestoreOnDelete` = "true" the
  revoked grants are granted back (the state before the mesh). Deleting twice is harmless.

Throttling and concurrent-modification errors are retried with exponential backoff.
"""
import json
import os
import time

from common.aws import call, client, code

IAM_ALLOWED_PRINCIPALS = "IAM_ALLOWED_PRINCIPALS"
RETRYABLE = {"ThrottlingException", "ConcurrentModificationException", "OperationTimeoutException", "InternalServiceException"}
GONE = {"InvalidInputException", "EntityNotFoundException"}


def on_event(event, context=None, lakeformation=None, sleep=time.sleep):
    props = event["ResourceProperties"]
    _validate(props)
    lakeformation = lakeformation or client("lakeformation")
    physical_id = f"iam-allowed-principals:{props['CatalogId']}:{props['DatabaseName']}"
    request = event["RequestType"]
    if request in ("Create", "Update"):
        revoked = revoke(lakeformation, props, sleep)
        _log("revoked", database=props["DatabaseName"], count=len(revoked))
        return {"PhysicalResourceId": physical_id, "Data": {"Revoked": str(len(revoked))}}
    if request == "Delete" and str(props.get("RestoreOnDelete", "false")).lower() == "true":
        restore(lakeformation, props, sleep)
    return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}


def resources(props):
    """The Lake Formation resources whose IAMAllowedPrincipals grants are revoked."""
    catalog, database = props["CatalogId"], props["DatabaseName"]
    found = [{"Database": {"CatalogId": catalog, "Name": database}}]
    tables = props.get("TableNames") or []
    if tables:
        found += [{"Table": {"CatalogId": catalog, "DatabaseName": database, "Name": name}} for name in tables]
    else:
        found.append({"Table": {"CatalogId": catalog, "DatabaseName": database, "TableWildcard": {}}})
    return found


def revoke(lakeformation, props, sleep=time.sleep):
    revoked = []
    for resource in resources(props):
        for grant in _grants_of_iam_allowed_principals(lakeformation, props["CatalogId"], resource, sleep):
            try:
                _call(lambda: lakeformation.revoke_permissions(
                    CatalogId=props["CatalogId"],
                    Principal={"DataLakePrincipalIdentifier": IAM_ALLOWED_PRINCIPALS},
                    Resource=grant["Resource"],
                    Permissions=grant["Permissions"],
                    PermissionsWithGrantOption=grant.get("PermissionsWithGrantOption", []),
                ), sleep)
                revoked.append(grant)
            except Exception as error:  # already revoked by someone else: nothing to do
                if _code(error) not in GONE:
                    raise
    return revoked


def restore(lakeformation, props, sleep=time.sleep):
    for resource in resources(props):
        permissions = ["ALL"]
        _call(lambda: lakeformation.grant_permissions(
            CatalogId=props["CatalogId"],
            Principal={"DataLakePrincipalIdentifier": IAM_ALLOWED_PRINCIPALS},
            Resource=resource,
            Permissions=permissions,
        ), sleep)


def _grants_of_iam_allowed_principals(lakeformation, catalog_id, resource, sleep):
    grants, token = [], None
    while True:
        request = {"CatalogId": catalog_id, "Principal": {"DataLakePrincipalIdentifier": IAM_ALLOWED_PRINCIPALS}, "Resource": resource}
        if token:
            request["NextToken"] = token
        page = _call(lambda: lakeformation.list_permissions(**request), sleep)
        for entry in page.get("PrincipalResourcePermissions", []):
            if entry.get("Principal", {}).get("DataLakePrincipalIdentifier") == IAM_ALLOWED_PRINCIPALS and entry.get("Permissions"):
                grants.append(entry)
        token = page.get("NextToken")
        if not token:
            return grants


def _call(operation, sleep):
    return call(operation, sleep, RETRYABLE, attempts=6)


def _code(error):
    return code(error)


def _validate(props):
    for key in ("CatalogId", "DatabaseName"):
        if not props.get(key):
            raise ValueError(f"'{key}' is required, got {props.get(key)!r}")


def _log(message, **fields):
    if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
        print(json.dumps({"message": message, **fields}))
