# A consumer function written like the seed: it assumes the project role itself, with the default boto3 chain.
import os

import boto3


def handler(event, context):
    sts = boto3.client("sts")
    caller = sts.get_caller_identity()
    credentials = sts.assume_role(RoleArn=os.environ["MESH_ROLE_ARN"], RoleSessionName="seed")["Credentials"]
    assumed = boto3.client("sts", aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
                           aws_session_token=credentials["SessionToken"]).get_caller_identity()
    return {"caller_arn": caller["Arn"], "caller_userid": caller["UserId"], "arn": assumed["Arn"],
            "already": os.environ.get("MESH_ALREADY_PROJECT_ROLE"), "runtime_profile": os.environ.get("MESH_RUNTIME_PROFILE")}
