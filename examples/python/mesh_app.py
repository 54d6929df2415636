# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The example three-account mesh, from Python, through the library's public API only.

    python examples/python/mesh_app.py <outdir> [--break v1-ram-permission]

Synthesizes the same seven stacks as the TypeScript example (examples/three-account-mesh) into
<outdir>, with DataMeshChecks and AwsSolutionsChecks registered; CI compares the templates.
"""
import sys

import aws_cdk as cdk
from aws_cdk import aws_ram as ram
from cdk_nag import AwsSolutionsChecks

from cdk_data_mesh import DataMeshChecks, DataMeshWorkload, MeshConsumerOptions, MeshProducerOptions, ThreeAccountMesh

GOVERNANCE, PRODUCER, CONSUMER, REGION = "111111111111", "222222222222", "333333333333", "eu-west-1"


def build(outdir: str, broken: str = "") -> cdk.App:
    app = cdk.App(outdir=outdir, context={
        "@aws-cdk/core:validateAgainstDefaultRules": True,
        "@aws-cdk/core:validationReportJson": True,
    })
    cdk.Validations.of(app).add_plugins(DataMeshChecks(), AwsSolutionsChecks())
    mesh = ThreeAccountMesh(app, "Mesh",
        domain_name="data-mesh",
        governance_account=GOVERNANCE,
        region=REGION,
        availability_zones=[f"{REGION}a", f"{REGION}b"],
        producer=MeshProducerOptions(
            account=PRODUCER,
            database_name="collections",
            table_names=["trees", "birds"],
            data_bucket_name=f"collections-{PRODUCER}",
            data_prefix="collections/",
        ),
        consumer=MeshConsumerOptions(
            account=CONSUMER,
            glue_database_name="consumer_db",
            function_arn=f"arn:aws:lambda:{REGION}:{CONSUMER}:function:consumer_function",
            workloads=[DataMeshWorkload(kind="GLUE_JOB", role_arn=f"arn:aws:iam::{CONSUMER}:role/nightly_etl")],
        ),
    )
    if broken == "v1-ram-permission":
        share = mesh.domain.node.find_child("DomainShare")
        assert isinstance(share, ram.CfnResourceShare)
        share.permission_arns = ["arn:aws:ram::aws:permission/AWSRAMDefaultPermissionAmazonDataZoneDomain"]
    return app


if __name__ == "__main__":
    broken = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--break" else ""
    build(sys.argv[1], broken).synth()
