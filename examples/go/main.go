// Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0

// The example three-account mesh, from Go, through the library's public API only.
//
//	go run . <outdir> [--break v1-ram-permission]
//
// Synthesizes the same seven stacks as the TypeScript example (examples/three-account-mesh) into
// <outdir>, with DataMeshChecks and AwsSolutionsChecks registered; CI compares the templates.
// scripts/go-example.sh generates the modules this program builds against (see go.mod).
package main

import (
	"fmt"
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsram"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-data-mesh/cdk-data-mesh-go/cdkdatamesh"
	"github.com/cdklabs/cdk-nag-go/cdknag/v3"
)

const (
	governance = "111111111111"
	producer   = "222222222222"
	consumer   = "333333333333"
	region     = "eu-west-1"
)

func build(outdir, broken string) awscdk.App {
	app := awscdk.NewApp(&awscdk.AppProps{
		Outdir: jsii.String(outdir),
		Context: &map[string]interface{}{
			"@aws-cdk/core:validateAgainstDefaultRules": true,
			"@aws-cdk/core:validationReportJson":        true,
		},
	})
	awscdk.Validations_Of(app).AddPlugins(cdkdatamesh.NewDataMeshChecks(nil, nil), cdknag.NewAwsSolutionsChecks(nil, nil))
	mesh := cdkdatamesh.NewThreeAccountMesh(app, jsii.String("Mesh"), &cdkdatamesh.ThreeAccountMeshProps{
		DomainName:        jsii.String("data-mesh"),
		GovernanceAccount: jsii.String(governance),
		Region:            jsii.String(region),
		AvailabilityZones: jsii.Strings(region+"a", region+"b"),
		Producer: &cdkdatamesh.MeshProducerOptions{
			Account:        jsii.String(producer),
			DatabaseName:   jsii.String("collections"),
			TableNames:     jsii.Strings("trees", "birds"),
			DataBucketName: jsii.String("collections-" + producer),
			DataPrefix:     jsii.String("collections/"),
		},
		Consumer: &cdkdatamesh.MeshConsumerOptions{
			Account:          jsii.String(consumer),
			GlueDatabaseName: jsii.String("consumer_db"),
			FunctionArn:      jsii.String("arn:aws:lambda:" + region + ":" + consumer + ":function:consumer_function"),
			Workloads: &[]*cdkdatamesh.DataMeshWorkload{
				{Kind: jsii.String("GLUE_JOB"), RoleArn: jsii.String("arn:aws:iam::" + consumer + ":role/nightly_etl")},
			},
		},
	})
	if broken == "v1-ram-permission" {
		share, ok := mesh.Domain().Node().FindChild(jsii.String("DomainShare")).(awsram.CfnResourceShare)
		if !ok {
			panic("DomainShare is not an awsram.CfnResourceShare")
		}
		share.SetPermissionArns(jsii.Strings("arn:aws:ram::aws:permission/AWSRAMDefaultPermissionAmazonDataZoneDomain"))
	}
	return app
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: mesh <outdir> [--break v1-ram-permission]")
		os.Exit(2)
	}
	broken := ""
	switch {
	case len(os.Args) == 2:
	case len(os.Args) == 4 && os.Args[2] == "--break" && os.Args[3] == "v1-ram-permission":
		broken = os.Args[3]
	default:
		fmt.Fprintln(os.Stderr, "unknown arguments", os.Args[2:], "- usage: mesh <outdir> [--break v1-ram-permission]")
		os.Exit(2)
	}
	err := synth(os.Args[1], broken)
	jsii.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// synth turns the panic with which the jsii runtime reports a JavaScript error (a failed validation) into an error.
func synth(outdir, broken string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("synth failed: %v", r)
		}
	}()
	build(outdir, broken).Synth(nil)
	return nil
}
