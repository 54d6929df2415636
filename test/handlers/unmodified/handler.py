# An unmodified consumer function: default boto3 clients, no role ARN, no assume-role call.
import os

import boto3


def handler(event, context):
    identity = boto3.client("sts").get_caller_identity()
    table = boto3.client("glue").get_table(DatabaseName=os.environ.get("MESH_GLUE_DATABASE", "collections"), Name="trees")
    return {"arn": identity["Arn"], "table": table["Table"]["Name"]}
