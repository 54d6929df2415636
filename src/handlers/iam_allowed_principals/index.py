# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Revokes Lake Formation's IAMAllowedPrincipals grants on a database and its tables, and checks (or,
when told to, adds) the Lake Formation data-lake administrators the producer's deployment needs.

CloudFormation has no resource that revokes Lake Formation permissions, so this custom resource
(aws-cdk-lib Provider framework, `on_event` only) does it. One handler serves two resource types:

`Custom::LakeFormationAdmins` (properties `CatalogId`, `Admins`, `Manage`):
- Create / Update: reads GetDataLakeSettings. Every ARN of `Admins` that is not a data-lake admin
  fails the deployment with the fix, unless `Manage` = "true": then the missing ARNs are appended to
  the current list (PutDataLakeSettings replaces the list, so the handler writes back every admin
  and every other setting it read) and the settings are read again to verify; when another writer
  replaced them meanwhile, the merge is done again on what it wrote (a bounded number of times).
- Delete: nothing. The handler never removes an admin (it cannot know who else relies on one).

`Custom::RevokeIamAllowedPrincipals` (properties `CatalogId`, `DatabaseName`, `TableNames`,
`HandlerRoleArn`, `RestoreOnDelete`):
- Create / Update: fails unless `HandlerRoleArn` (this handler's role) is a data-lake admin:
  ListPermissions filters by the caller's own permissions, so a non-admin sees no grant and would
  revoke nothing. Then revokes every permission `IAM_ALLOWED_PRINCIPALS` holds on the database and
  the chosen tables (or every table), and lists again: a grant still there fails the deployment. An
  error is never counted as "already revoked"; the second listing decides.
- Delete: by default nothing is re-granted (the data stays governed by Lake Formation; deleting the
  stack must not silently re-open it to every IAM principal). With `RestoreOnDelete` = "true" the
  revoked grants are granted back (the state before the mesh); a database or table that is gone has
  nothing to restore. Deleting twice is harmless.

Throttling and concurrent-modification errors are retried with capped exponential backoff.
"""
import json
import os
import time

from common.aws import call, client, code

IAM_ALLOWED_PRINCIPALS = "IAM_ALLOWED_PRINCIPALS"
ADMINS_TYPE = "Custom::LakeFormationAdmins"
RETRYABLE = {"ThrottlingException", "ConcurrentModificationException", "OperationTimeoutException", "InternalServiceException"}
# Errors a revoke of a grant someone else revoked meanwhile may raise: re-listing decides whether it is gone.
MAYBE_GONE = {"InvalidInputException", "EntityNotFoundException"}
MERGE_ATTEMPTS = 5


def on_event(event, context=None, lakeformation=None, sleep=time.sleep):
    if event.get("ResourceType") == ADMINS_TYPE:
        return on_admins_event(event, lakeformation, sleep)
    props = event["ResourceProperties"]
    _validate(props, ("CatalogId", "DatabaseName"))
    lakeformation = lakeformation or client("lakeformation")
    physical_id = f"iam-allowed-principals:{props['CatalogId']}:{props['DatabaseName']}"
    request = event["RequestType"]
    if request in ("Create", "Update"):
        if props.get("HandlerRoleArn"):
            require_admins(lakeformation, props["CatalogId"], [props["HandlerRoleArn"]], sleep, why="to see and revoke IAMAllowedPrincipals grants")
        revoked = revoke(lakeformation, props, sleep)
        _log("revoked", database=props["DatabaseName"], count=len(revoked))
        return {"PhysicalResourceId": physical_id, "Data": {"Revoked": str(len(revoked))}}
    if request == "Delete" and str(props.get("RestoreOnDelete", "false")).lower() == "true":
        restore(lakeformation, props, sleep)
    return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}


def on_admins_event(event, lakeformation=None, sleep=time.sleep):
    props = event["ResourceProperties"]
    _validate(props, ("CatalogId",))
    physical_id = f"lake-formation-admins:{props['CatalogId']}"
    if event["RequestType"] == "Delete":
        return {"PhysicalResourceId": event.get("PhysicalResourceId", physical_id)}
    lakeformation = lakeformation or client("lakeformation")
    wanted = [arn for arn in props.get("Admins") or [] if arn]
    manage = str(props.get("Manage", "false")).lower() == "true"
    added = add_admins(lakeformation, props["CatalogId"], wanted, sleep) if manage else []
    require_admins(lakeformation, props["CatalogId"], wanted, sleep, why="to register the data location, grant and revoke Lake Formation permissions")
    _log("lake formation admins checked", catalog=props["CatalogId"], added=added)
    return {"PhysicalResourceId": physical_id, "Data": {"Added": str(len(added))}}


def admins(lakeformation, catalog_id, sleep=time.sleep):
    """The current settings and the ARNs of the data-lake admins they list."""
    settings = _call(lambda: lakeformation.get_data_lake_settings(CatalogId=catalog_id), sleep).get("DataLakeSettings", {})
    return settings, [a.get("DataLakePrincipalIdentifier") for a in settings.get("DataLakeAdmins", [])]


def add_admins(lakeformation, catalog_id, wanted, sleep=time.sleep):
    """Appends the ARNs of `wanted` that are not admins yet, keeping every admin and setting there is.

    PutDataLakeSettings has no condition (no revision to write on), so the settings are read back after each write:
    when another writer replaced them between our read and write (the read back lacks one of ours), the merge is done
    again on what it wrote, up to MERGE_ATTEMPTS times; `require_admins` then fails naming who is still missing."""
    added = []
    for _ in range(MERGE_ATTEMPTS):
        settings, current = admins(lakeformation, catalog_id, sleep)
        missing = [arn for arn in wanted if arn not in current]
        if not missing:
            return added
        _put_admins(lakeformation, catalog_id, settings, missing, sleep)
        added += [arn for arn in missing if arn not in added]
    return added


def _put_admins(lakeformation, catalog_id, settings, missing, sleep):
    updated = {**settings, "DataLakeAdmins": [*settings.get("DataLakeAdmins", []), *({"DataLakePrincipalIdentifier": arn} for arn in missing)]}
    try:
        _call(lambda: lakeformation.put_data_lake_settings(CatalogId=catalog_id, DataLakeSettings=updated), sleep)
    except Exception as error:
        if _code(error) != "AccessDeniedException":
            raise
        raise RuntimeError(
            f"Could not add {', '.join(missing)} as Lake Formation data-lake administrators of catalog {catalog_id} ({_code(error)}: {error}): "
            f"Lake Formation lets an IAM administrator add admins, not a data-lake admin. Fix: have an IAM administrator add them "
            f"(Lake Formation console, Administration > Administrative roles and tasks > Data lake administrators > Add), "
            f"or deploy with manageDataLakeAdmins: false after adding them, then deploy again.") from error


def require_admins(lakeformation, catalog_id, wanted, sleep=time.sleep, why="to manage Lake Formation permissions"):
    """Fails, saying how to fix it, unless every ARN of `wanted` is a data-lake admin of `catalog_id`."""
    _, current = admins(lakeformation, catalog_id, sleep)
    missing = [arn for arn in wanted if arn not in current]
    if missing:
        raise RuntimeError(
            f"Not a Lake Formation data-lake administrator of catalog {catalog_id}: {', '.join(missing)}; the deployment needs it {why}. "
            f"Fix: add it without removing the current admins (PutDataLakeSettings replaces the whole list): in the Lake Formation console, "
            f"Administration > Administrative roles and tasks > Data lake administrators > Add; or with the AWS CLI, "
            f"'aws lakeformation get-data-lake-settings --catalog-id {catalog_id}', append "
            + ", ".join(f'{{"DataLakePrincipalIdentifier": "{arn}"}}' for arn in missing)
            + " to DataLakeAdmins and pass the whole DataLakeSettings to 'aws lakeformation put-data-lake-settings'; "
            f"or deploy ProducerDataProduct with manageDataLakeAdmins: true. Then deploy again (if Lake Formation refuses a role that "
            f"a rollback deleted, deploy with 'cdk deploy --no-rollback', add the admins while the stack is failed, and deploy again).")


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
    """Revokes every IAMAllowedPrincipals grant, then lists again; returns the grants it revoked."""
    revoked, refused = [], []
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
            except Exception as error:
                if _code(error) not in MAYBE_GONE:
                    raise
                refused.append(f"{_code(error)}: {error}")
    remaining = [grant for resource in resources(props) for grant in _grants_of_iam_allowed_principals(lakeformation, props["CatalogId"], resource, sleep)]
    if remaining:
        what = "; ".join(f"{json.dumps(g['Resource'], sort_keys=True)} {g['Permissions']}" for g in remaining)
        raise RuntimeError(
            f"IAMAllowedPrincipals still holds grants after the revocation: {what}"
            + (f" (RevokePermissions answered: {'; '.join(refused)})" if refused else "")
            + ". Fix: revoke them as a data-lake admin ('aws lakeformation revoke-permissions --principal DataLakePrincipalIdentifier=IAM_ALLOWED_PRINCIPALS ...'), then deploy again.")
    return revoked


def restore(lakeformation, props, sleep=time.sleep):
    """Grants IAMAllowedPrincipals back; a database or table that is gone already (EntityNotFoundException) has nothing to restore."""
    for resource in resources(props):
        permissions = ["ALL"]
        try:
            _call(lambda: lakeformation.grant_permissions(
                CatalogId=props["CatalogId"],
                Principal={"DataLakePrincipalIdentifier": IAM_ALLOWED_PRINCIPALS},
                Resource=resource,
                Permissions=permissions,
            ), sleep)
        except Exception as error:
            if _code(error) != "EntityNotFoundException":
                raise
            _log("nothing to restore: gone already", resource=resource)


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
    return call(operation, sleep, RETRYABLE, attempts=6, what="Lake Formation to answer (throttled, a concurrent modification, or a timeout)",
                fix="deploy again in a few minutes; if another deployment changes Lake Formation permissions of the same catalog, let it finish first.")


def _code(error):
    return code(error)


def _validate(props, keys):
    for key in keys:
        if not props.get(key):
            raise ValueError(f"'{key}' is required, got {props.get(key)!r}")


def _log(message, **fields):
    if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
        print(json.dumps({"message": message, **fields}))
