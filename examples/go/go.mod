// The example three-account mesh from Go (main.go), built against the module that `npx projen package:go`
// writes to dist/go and against cdk-nag's and the cloud assembly schema's Go modules, which
// scripts/go-example.sh generates from node_modules into .cache/go/gen because the Go module proxy does
// not serve them (docs/decisions/0007). Run it with scripts/go-example.sh.
module github.com/cdk-data-mesh/cdk-data-mesh/examples/go

go 1.25.0

require (
	github.com/aws/aws-cdk-go/awscdk/v2 v2.262.0
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk-data-mesh/cdk-data-mesh-go/cdkdatamesh v0.0.0
	github.com/cdklabs/cdk-nag-go/cdknag/v3 v3.0.2
)

require (
	github.com/Masterminds/semver/v3 v3.5.0 // indirect
	github.com/aws/constructs-go/constructs/v10 v10.6.0 // indirect
	github.com/cdklabs/awscdk-asset-awscli-go/awscliv1/v2 v2.2.282 // indirect
	github.com/cdklabs/awscdk-asset-node-proxy-agent-go/nodeproxyagentv6/v2 v2.1.3 // indirect
	github.com/cdklabs/cloud-assembly-schema-go/awscdkcloudassemblyschema/v54 v54.26.0 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/yuin/goldmark v1.7.16 // indirect
	golang.org/x/lint v0.0.0-20241112194109-818c5a804067 // indirect
	golang.org/x/mod v0.39.0 // indirect
	golang.org/x/sync v0.22.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/telemetry v0.0.0-20260811182544-a038080d80e5 // indirect
	golang.org/x/tools v0.49.0 // indirect
	golang.org/x/tools/cmd/godoc v0.1.0-deprecated // indirect
	golang.org/x/tools/godoc v0.1.0-deprecated // indirect
)

replace (
	github.com/cdk-data-mesh/cdk-data-mesh-go/cdkdatamesh => ../../dist/go/cdkdatamesh
	github.com/cdklabs/cdk-nag-go/cdknag/v3 => ../../.cache/go/gen/go/cdknag
	github.com/cdklabs/cloud-assembly-schema-go/awscdkcloudassemblyschema/v54 => ../../.cache/go/gen/go/awscdkcloudassemblyschema
)
