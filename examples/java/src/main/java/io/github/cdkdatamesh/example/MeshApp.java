// Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
package io.github.cdkdatamesh.example;

import io.github.cdkdatamesh.DataMeshChecks;
import io.github.cdkdatamesh.DataMeshWorkload;
import io.github.cdkdatamesh.MeshConsumerOptions;
import io.github.cdkdatamesh.MeshProducerOptions;
import io.github.cdkdatamesh.ThreeAccountMesh;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ram.CfnResourceShare;

/** The example three-account mesh, from Java, through the library's public API only. Args: outdir [--break v1-ram-permission]. */
public final class MeshApp {
    private static final String GOVERNANCE = "111111111111";
    private static final String PRODUCER = "222222222222";
    private static final String CONSUMER = "333333333333";
    private static final String REGION = "eu-west-1";

    private MeshApp() {
    }

    public static void main(final String[] args) {
        App app = App.Builder.create()
                .outdir(args[0])
                .context(Map.of("@aws-cdk/core:validateAgainstDefaultRules", true, "@aws-cdk/core:validationReportJson", true))
                .build();
        Validations.of(app).addPlugins(new DataMeshChecks(), new AwsSolutionsChecks());
        ThreeAccountMesh mesh = ThreeAccountMesh.Builder.create(app, "Mesh")
                .domainName("data-mesh")
                .governanceAccount(GOVERNANCE)
                .region(REGION)
                .availabilityZones(List.of(REGION + "a", REGION + "b"))
                .producer(MeshProducerOptions.builder()
                        .account(PRODUCER)
                        .databaseName("collections")
                        .tableNames(List.of("trees", "birds"))
                        .dataBucketName("collections-" + PRODUCER)
                        .dataPrefix("collections/")
                        .build())
                .consumer(MeshConsumerOptions.builder()
                        .account(CONSUMER)
                        .glueDatabaseName("consumer_db")
                        .functionArn("arn:aws:lambda:" + REGION + ":" + CONSUMER + ":function:consumer_function")
                        .workloads(List.of(DataMeshWorkload.builder()
                                .kind("GLUE_JOB")
                                .roleArn("arn:aws:iam::" + CONSUMER + ":role/nightly_etl")
                                .build()))
                        .build())
                .build();
        if (args.length > 2 && "--break".equals(args[1]) && "v1-ram-permission".equals(args[2])) {
            ((CfnResourceShare) mesh.getDomain().getNode().findChild("DomainShare"))
                    .setPermissionArns(List.of("arn:aws:ram::aws:permission/AWSRAMDefaultPermissionAmazonDataZoneDomain"));
        }
        app.synth();
    }
}
