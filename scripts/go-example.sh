#!/usr/bin/env bash
# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
# The example three-account mesh from Go (examples/go): generates the Go modules it builds against,
# builds it and runs it.
#
#   bash scripts/go-example.sh <outdir> [--break v1-ram-permission]
#
# Needs node_modules (npm ci) and the generated module in dist/go/cdkdatamesh: `npx projen build` (its
# post-compile step copies the handlers into lib/, which the module's npm tarball must carry), then
# `npx projen package:go` (or package-all), as CI does.
# The Go module proxy does not serve cdk-nag's Go module v3 (github.com/cdklabs/cdk-nag-go/cdknag/v3),
# nor the cloud assembly schema's Go module
# (github.com/cdklabs/cloud-assembly-schema-go/awscdkcloudassemblyschema/v54) at the version in
# node_modules, so jsii-pacmak generates both from their npm packages in node_modules into .cache/go/gen,
# where the replace directives of examples/go/go.mod point (docs/decisions/0007). Nothing generated is
# committed. Go's module and build caches are .cache/go/mod and .cache/go/build unless GOMODCACHE or
# GOCACHE are set.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 <outdir> [--break v1-ram-permission]" >&2; exit 2; }
outdir=$(realpath -m "$1")
shift
cd "$(dirname "$0")/.."
root=$PWD

test -f dist/go/cdkdatamesh/go.mod || { echo "dist/go/cdkdatamesh is missing: run 'npx projen build' and 'npx projen package:go' (or package-all) first" >&2; exit 1; }

export GOMODCACHE="${GOMODCACHE:-$root/.cache/go/mod}"
export GOCACHE="${GOCACHE:-$root/.cache/go/build}"
# -modcacherw: a module cache that rm -rf can delete; -mod=readonly: go.mod and go.sum are used as
# committed, never rewritten.
export GOFLAGS="-modcacherw -mod=readonly -buildvcs=false"

start=$SECONDS
rm -rf .cache/go/gen
mkdir -p .cache/go
if ! node_modules/.bin/jsii-pacmak node_modules/cdk-nag node_modules/@aws-cdk/cloud-assembly-schema \
    --target go --code-only --no-npmignore --outdir .cache/go/gen > .cache/go/pacmak.log 2>&1 \
    || ! test -f .cache/go/gen/go/cdknag/go.mod || ! test -f .cache/go/gen/go/awscdkcloudassemblyschema/go.mod; then
  cat .cache/go/pacmak.log >&2
  echo "jsii-pacmak did not generate .cache/go/gen/go/cdknag and .cache/go/gen/go/awscdkcloudassemblyschema" >&2
  exit 1
fi
echo "generated cdk-nag's and the cloud assembly schema's Go modules in $((SECONDS - start))s"

start=$SECONDS
if ! (cd examples/go && go build -o "$root/.cache/go/mesh" .); then
  echo "go build failed. If go.mod or go.sum need updates, a version in node_modules changed: run" \
    "'(cd examples/go && go mod tidy)' after this script's generation step and commit go.mod and go.sum;" \
    "keep github.com/aws/aws-cdk-go/awscdk/v2 at node_modules/aws-cdk-lib's version." >&2
  exit 1
fi
echo "go build took $((SECONDS - start))s"

# The templates are compared with TypeScript's, so the Go program must run the same aws-cdk-lib.
go_cdk=$(cd examples/go && go list -m -f '{{.Version}}' github.com/aws/aws-cdk-go/awscdk/v2)
js_cdk=v$(node -p "require('aws-cdk-lib/package.json').version")
[ "$go_cdk" = "$js_cdk" ] || { echo "examples/go uses awscdk $go_cdk but node_modules has aws-cdk-lib $js_cdk" >&2; exit 1; }

start=$SECONDS
status=0
.cache/go/mesh "$outdir" "$@" || status=$?
echo "the Go program ran for $((SECONDS - start))s (exit $status)"
exit "$status"
