# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The jsii path, proven from Python: the built wheel synthesizes a TwoAzPrivateVpc and DataMeshChecks runs."""
import re

import aws_cdk as cdk
import pytest
from aws_cdk import assertions
from aws_cdk import aws_ec2 as ec2

from cdk_data_mesh import DataMeshChecks, MeshEndpointService, TwoAzPrivateVpc

ENV = cdk.Environment(account="111111111111", region="eu-west-1")


def new_app() -> cdk.App:
    return cdk.App(context={"@aws-cdk/core:validateAgainstDefaultRules": True})


def test_defines_private_subnets_in_two_distinct_zones_and_no_internet_gateway():
    app = new_app()
    stack = cdk.Stack(app, "Py", env=ENV)
    network = TwoAzPrivateVpc(stack, "Network", availability_zones=["eu-west-1a", "eu-west-1b"])
    cdk.Validations.of(app).add_plugins(DataMeshChecks())

    template = assertions.Template.from_stack(stack)
    subnets = template.find_resources("AWS::EC2::Subnet")
    assert len(subnets) == 2
    assert {s["Properties"]["AvailabilityZone"] for s in subnets.values()} == {"eu-west-1a", "eu-west-1b"}
    assert all(s["Properties"]["MapPublicIpOnLaunch"] is False for s in subnets.values())
    template.resource_count_is("AWS::EC2::InternetGateway", 0)
    template.resource_count_is("AWS::EC2::NatGateway", 0)
    template.resource_properties_count_is(
        "AWS::EC2::VPCEndpoint", {"VpcEndpointType": "Interface"}, len(MeshEndpointService.defaults())
    )
    assert network.availability_zones == ["eu-west-1a", "eu-west-1b"]
    app.synth()  # the plugin path: DataMeshChecks and the CloudFormation schema check both pass


def test_data_mesh_checks_refuses_a_single_zone_network_at_synth():
    app = new_app()
    stack = cdk.Stack(app, "Broken", env=ENV)
    vpc = ec2.CfnVPC(stack, "Vpc", cidr_block="10.0.0.0/16")
    for i in range(2):
        ec2.CfnSubnet(stack, f"Subnet{i}", vpc_id=vpc.ref, cidr_block=f"10.0.{i}.0/24", availability_zone="eu-west-1a")
    cdk.Validations.of(app).add_plugins(DataMeshChecks())

    with pytest.raises(Exception, match=re.compile(r"found 2 subnet\(s\) in 1 zone\(s\) \(eu-west-1a\)")):
        app.synth()


def test_fails_with_a_clear_message_given_one_zone():
    stack = cdk.Stack(new_app(), "Bad", env=ENV)
    with pytest.raises(Exception, match="'availabilityZones' is \\[\"eu-west-1a\"\\]: the mesh needs private subnets in at least two distinct Availability Zones"):
        TwoAzPrivateVpc(stack, "Network", availability_zones=["eu-west-1a"])
