# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Revoking IAMAllowedPrincipals: against moto server with a real Glue database and table, and with scripted faults."""
import boto3
import pytest
from conftest import client_error

import iam_allowed_principals.index as handler

ACCOUNT = "123456789012"  # moto's default account
PRODUCER_ROLE = f"arn:aws:iam::{ACCOUNT}:role/datazone_usr_role_project1_env1"
HANDLER_ROLE = f"arn:aws:iam::{ACCOUNT}:role/cdk-data-mesh-lf-eu-west-1-0a1b2c3d"


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
    """Throttles once, then answers; records revokes. `revoke_error` is raised by every revoke;
    `gone_meanwhile` makes a revoke that fails also remove the grant (someone else revoked it)."""

    def __init__(self, revoke_error=None, gone_meanwhile=False, admins=(HANDLER_ROLE,)):
        self.calls, self.revoked, self.revoke_error, self.gone_meanwhile = 0, [], revoke_error, gone_meanwhile
        self.open = None
        self.admins = list(admins)

    def get_data_lake_settings(self, **request):
        return {"DataLakeSettings": {"DataLakeAdmins": [{"DataLakePrincipalIdentifier": a} for a in self.admins]}}

    def list_permissions(self, **request):
        self.calls += 1
        if self.calls == 1:
            raise client_error("ThrottlingException", "ListPermissions")
        key = str(request["Resource"])
        if self.open is None:
            self.open = set()
            self.listed = set()
        if key not in self.listed:
            self.listed.add(key)
            self.open.add(key)
        if key not in self.open:
            return {"PrincipalResourcePermissions": []}
        return {"PrincipalResourcePermissions": [{"Principal": {"DataLakePrincipalIdentifier": "IAM_ALLOWED_PRINCIPALS"}, "Resource": request["Resource"], "Permissions": ["ALL"]}]}

    def revoke_permissions(self, **request):
        if self.revoke_error:
            if self.gone_meanwhile:
                self.open.discard(str(request["Resource"]))
            raise client_error(self.revoke_error, "RevokePermissions")
        self.open.discard(str(request["Resource"]))
        self.revoked.append(request["Resource"])


def test_retries_throttling_with_backoff():
    lf, waits = FlakyLakeFormation(), []
    handler.on_event({"RequestType": "Create", "ResourceProperties": props()}, lakeformation=lf, sleep=waits.append)
    assert len(lf.revoked) == 2 and len(waits) == 1


def test_does_not_count_a_grant_someone_else_revoked_meanwhile_and_succeeds_once_the_listing_shows_it_gone():
    lf = FlakyLakeFormation(revoke_error="InvalidInputException", gone_meanwhile=True)
    result = handler.on_event({"RequestType": "Create", "ResourceProperties": props()}, lakeformation=lf, sleep=lambda s: None)
    assert result["Data"]["Revoked"] == "0"


def test_fails_when_a_revoke_error_leaves_the_grant_in_place_instead_of_counting_it_as_revoked():
    lf = FlakyLakeFormation(revoke_error="InvalidInputException")
    with pytest.raises(RuntimeError, match=r"IAMAllowedPrincipals still holds grants after the revocation: .*collections.*InvalidInputException"):
        handler.on_event({"RequestType": "Create", "ResourceProperties": props()}, lakeformation=lf, sleep=lambda s: None)


def test_fails_on_access_denied():
    lf = FlakyLakeFormation(revoke_error="AccessDeniedException")
    with pytest.raises(Exception, match="AccessDeniedException"):
        handler.on_event({"RequestType": "Create", "ResourceProperties": props()}, lakeformation=lf, sleep=lambda s: None)


def test_fails_before_revoking_when_its_role_is_no_data_lake_admin_and_says_how_to_add_it():
    lf = FlakyLakeFormation(admins=["arn:aws:iam::123456789012:role/someone-else"])
    with pytest.raises(RuntimeError, match=r"Not a Lake Formation data-lake administrator of catalog 123456789012: " + HANDLER_ROLE + r".*put-data-lake-settings.*manageDataLakeAdmins: true"):
        handler.on_event({"RequestType": "Create", "ResourceProperties": props(HandlerRoleArn=HANDLER_ROLE)}, lakeformation=lf, sleep=lambda s: None)
    assert lf.revoked == [] and lf.calls == 0


def test_revokes_when_its_role_is_a_data_lake_admin():
    lf = FlakyLakeFormation()
    result = handler.on_event({"RequestType": "Create", "ResourceProperties": props(HandlerRoleArn=HANDLER_ROLE)}, lakeformation=lf, sleep=lambda s: None)
    assert result["Data"]["Revoked"] == "2"


EXISTING_ADMIN = f"arn:aws:iam::{ACCOUNT}:role/platform-admin"
EXEC_ROLE = f"arn:aws:iam::{ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-{ACCOUNT}-eu-west-1"


def admins_event(request="Create", **extra):
    return {"RequestType": request, "ResourceType": "Custom::LakeFormationAdmins", "PhysicalResourceId": "x",
            "ResourceProperties": {"CatalogId": ACCOUNT, "Admins": [HANDLER_ROLE, EXEC_ROLE], **extra}}


@pytest.fixture()
def settings(aws_env):
    """The account's data-lake settings with one admin of the platform team."""
    lf = boto3.client("lakeformation")
    lf.put_data_lake_settings(CatalogId=ACCOUNT, DataLakeSettings={"DataLakeAdmins": [{"DataLakePrincipalIdentifier": EXISTING_ADMIN}]})
    yield lf
    lf.put_data_lake_settings(CatalogId=ACCOUNT, DataLakeSettings={"DataLakeAdmins": []})


def admin_arns(lf):
    return [a["DataLakePrincipalIdentifier"] for a in lf.get_data_lake_settings(CatalogId=ACCOUNT)["DataLakeSettings"]["DataLakeAdmins"]]


def test_the_admin_check_fails_naming_every_missing_admin_and_changes_nothing_by_default(settings):
    with pytest.raises(RuntimeError, match=f"Not a Lake Formation data-lake administrator of catalog {ACCOUNT}: {HANDLER_ROLE}, {EXEC_ROLE}"):
        handler.on_event(admins_event(Manage="false"))
    assert admin_arns(settings) == [EXISTING_ADMIN]


def test_the_admin_check_passes_when_every_role_is_an_admin_already(settings):
    settings.put_data_lake_settings(CatalogId=ACCOUNT, DataLakeSettings={"DataLakeAdmins": [{"DataLakePrincipalIdentifier": a} for a in (EXISTING_ADMIN, HANDLER_ROLE, EXEC_ROLE)]})
    assert handler.on_event(admins_event())["Data"] == {"Added": "0"}


def test_managing_admins_appends_the_missing_roles_and_keeps_the_existing_admins(settings):
    result = handler.on_event(admins_event(Manage="true"))
    assert result == {"PhysicalResourceId": f"lake-formation-admins:{ACCOUNT}", "Data": {"Added": "2"}}
    assert admin_arns(settings) == [EXISTING_ADMIN, HANDLER_ROLE, EXEC_ROLE]
    handler.on_event(admins_event("Update", Manage="true"))
    assert admin_arns(settings) == [EXISTING_ADMIN, HANDLER_ROLE, EXEC_ROLE]


def test_deleting_the_admins_resource_removes_no_admin(settings):
    handler.on_event(admins_event(Manage="true"))
    assert handler.on_event(admins_event("Delete", Manage="true")) == {"PhysicalResourceId": "x"}
    assert admin_arns(settings) == [EXISTING_ADMIN, HANDLER_ROLE, EXEC_ROLE]


class SettingsThatIgnoreWrites(FlakyLakeFormation):
    def put_data_lake_settings(self, **request):
        self.put = request


def test_managing_admins_fails_when_the_settings_read_back_lack_a_role():
    lf = SettingsThatIgnoreWrites(admins=[EXISTING_ADMIN])
    with pytest.raises(RuntimeError, match="Not a Lake Formation data-lake administrator"):
        handler.on_event(admins_event(Manage="true"), lakeformation=lf, sleep=lambda s: None)
    assert [a["DataLakePrincipalIdentifier"] for a in lf.put["DataLakeSettings"]["DataLakeAdmins"]] == [EXISTING_ADMIN, HANDLER_ROLE, EXEC_ROLE]


class SettingsThatRefuseWrites(FlakyLakeFormation):
    def put_data_lake_settings(self, **request):
        raise client_error("AccessDeniedException", "PutDataLakeSettings")


def test_managing_admins_says_who_may_add_them_when_lake_formation_refuses_the_write():
    lf = SettingsThatRefuseWrites(admins=[EXISTING_ADMIN])
    with pytest.raises(RuntimeError, match=rf"Could not add {HANDLER_ROLE}, {EXEC_ROLE} as Lake Formation data-lake administrators .*AccessDeniedException.*IAM administrator"):
        handler.on_event(admins_event(Manage="true"), lakeformation=lf, sleep=lambda s: None)


class SettingsWithAConcurrentWriter(FlakyLakeFormation):
    """Right after our first write another writer puts the settings it read before it: our admins are gone again."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.puts = 0

    def get_data_lake_settings(self, **request):
        return {"DataLakeSettings": {"DataLakeAdmins": [{"DataLakePrincipalIdentifier": a} for a in self.admins], "CreateDatabaseDefaultPermissions": []}}

    def put_data_lake_settings(self, **request):
        self.puts += 1
        written = [a["DataLakePrincipalIdentifier"] for a in request["DataLakeSettings"]["DataLakeAdmins"]]
        self.admins = [EXISTING_ADMIN, "arn:aws:iam::123456789012:role/other-writer"] if self.puts == 1 else written


def test_managing_admins_merges_again_when_another_writer_replaced_the_settings_after_its_write():
    lf = SettingsWithAConcurrentWriter(admins=[EXISTING_ADMIN])
    result = handler.on_event(admins_event(Manage="true"), lakeformation=lf, sleep=lambda s: None)
    assert result["Data"] == {"Added": "2"} and lf.puts == 2
    assert lf.admins == [EXISTING_ADMIN, "arn:aws:iam::123456789012:role/other-writer", HANDLER_ROLE, EXEC_ROLE]


def test_managing_admins_writes_nothing_when_every_role_is_an_admin_already():
    lf = SettingsWithAConcurrentWriter(admins=[EXISTING_ADMIN, HANDLER_ROLE, EXEC_ROLE])
    handler.on_event(admins_event(Manage="true"), lakeformation=lf, sleep=lambda s: None)
    assert lf.puts == 0


class PagedPermissions(FlakyLakeFormation):
    """Lists IAMAllowedPrincipals' grants of a resource over two pages (each page one grant) until they are revoked."""

    def list_permissions(self, **request):
        self.calls += 1
        key = str(request["Resource"])
        revoked = [str(r) for r in self.revoked].count(key)
        if revoked >= 2:
            return {"PrincipalResourcePermissions": []}
        grant = {"Principal": {"DataLakePrincipalIdentifier": "IAM_ALLOWED_PRINCIPALS"}, "Resource": request["Resource"]}
        if "NextToken" not in request:
            return {"PrincipalResourcePermissions": [{**grant, "Permissions": ["DESCRIBE"]}], "NextToken": "page-2"}
        return {"PrincipalResourcePermissions": [{**grant, "Permissions": ["ALTER"]}]}

    def revoke_permissions(self, **request):
        self.revoked.append(request["Resource"])


def test_revokes_the_grants_on_every_page_of_the_listing():
    lf = PagedPermissions()
    result = handler.on_event({"RequestType": "Create", "ResourceProperties": props()}, lakeformation=lf, sleep=lambda s: None)
    assert result["Data"]["Revoked"] == "4"  # two grants on the database, two on the table


def test_gives_up_on_throttling_after_a_bounded_wait_saying_what_it_waited_for():
    class AlwaysThrottled(FlakyLakeFormation):
        def list_permissions(self, **request):
            raise client_error("ThrottlingException", "ListPermissions")

    waits = []
    with pytest.raises(RuntimeError, match=r"Gave up after 6 attempts .*waiting for Lake Formation to answer.*Fix: deploy again"):
        handler.on_event({"RequestType": "Create", "ResourceProperties": props()}, lakeformation=AlwaysThrottled(), sleep=waits.append)
    assert len(waits) == 5 and max(waits) <= 30


def test_restoring_on_delete_when_the_database_is_gone_already_succeeds():
    class Gone(FlakyLakeFormation):
        def grant_permissions(self, **request):
            raise client_error("EntityNotFoundException", "GrantPermissions")

    result = handler.on_event({"RequestType": "Delete", "ResourceProperties": props(RestoreOnDelete="true"), "PhysicalResourceId": "x"}, lakeformation=Gone(), sleep=lambda s: None)
    assert result == {"PhysicalResourceId": "x"}


def test_restoring_on_delete_twice_is_harmless(lake):
    handler.on_event({"RequestType": "Create", "ResourceProperties": props()})
    for _ in range(2):
        handler.on_event({"RequestType": "Delete", "ResourceProperties": props(RestoreOnDelete="true"), "PhysicalResourceId": "x"})
    assert holders(lake) == ["IAM_ALLOWED_PRINCIPALS", PRODUCER_ROLE]


def test_an_update_to_another_database_is_a_new_resource_and_the_old_ones_delete_reopens_nothing(lake):
    handler.on_event({"RequestType": "Create", "ResourceProperties": props()})
    boto3.client("glue").create_database(DatabaseInput={"Name": "archive"})
    try:
        result = handler.on_event({"RequestType": "Update", "ResourceProperties": props(DatabaseName="archive", TableNames=[]),
                                   "OldResourceProperties": props(), "PhysicalResourceId": f"iam-allowed-principals:{ACCOUNT}:collections"})
        assert result["PhysicalResourceId"] == f"iam-allowed-principals:{ACCOUNT}:archive"
        handler.on_event({"RequestType": "Delete", "ResourceProperties": props(), "PhysicalResourceId": f"iam-allowed-principals:{ACCOUNT}:collections"})
        assert holders(lake) == [PRODUCER_ROLE]
    finally:
        boto3.client("glue").delete_database(Name="archive")
