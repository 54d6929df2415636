#!/usr/bin/env bash
# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
# The README's Go program against the generated module (dist/go) on the NEWEST
# github.com/aws/aws-cdk-go/awscdk/v2 that the Go module proxy serves now (examples/go/go.mod, which .ci/run's
# other Go steps build, requires the floor):
#   - in a scratch module: the README's program, examples/go/go.mod (its replace directives made absolute) and
#     go.sum; `go get github.com/aws/aws-cdk-go/awscdk/v2@latest` (and the requirements that version brings);
#   - cdk-nag: the proxy does not serve github.com/cdklabs/cdk-nag-go/cdknag/v3, nor the cloud assembly schema's
#     v54 module that the generated module requires, so both stay the modules scripts/go-example.sh generated
#     from node_modules into .cache/go/gen (docs/decisions/0007): cdk-nag's Go module is the dev dependency's;
#   - prints the versions Go resolved, builds and runs the program (synth throws on an error finding), runs
#     cfn-lint over its templates and compares them with each TypeScript cloud assembly given (--same-as) that
#     ran the same aws-cdk-lib version.
# Writes the versions it proved to <dir>/proved.json when all passed; nothing into the source tree.
#
#   bash scripts/newest-go.sh [--same-as <cdk.out>]... [<dir>]     (default <dir>: .ci/.work/newest-go)
#
# Needs dist/go/cdkdatamesh (npx projen package:go) and .cache/go/gen (run scripts/go-example.sh first).
set -euo pipefail
same_as=()
while [ "${1:-}" = "--same-as" ]; do same_as+=("$(realpath -m "$2")"); shift 2; done
cd "$(dirname "$0")/.."
root=$PWD
dir=$(realpath -m "${1:-.ci/.work/newest-go}")
test -f dist/go/cdkdatamesh/go.mod || { echo "newest-go: dist/go/cdkdatamesh is missing: run 'npx projen package:go' (or package-all)" >&2; exit 1; }
test -f .cache/go/gen/go/cdknag/go.mod || { echo "newest-go: .cache/go/gen/go/cdknag is missing: run scripts/go-example.sh first" >&2; exit 1; }
command -v cfn-lint >/dev/null || { echo "newest-go: cfn-lint is not on PATH (bash scripts/python-env.sh; export PATH=\$PWD/.venv/bin:\$PATH)" >&2; exit 1; }

export GOMODCACHE="${GOMODCACHE:-$root/.cache/go/mod}"
export GOCACHE="${GOCACHE:-$root/.cache/go/build}"
# -mod=mod: this scratch module's go.mod and go.sum are updated by go get (examples/go's never are).
export GOFLAGS="-modcacherw -mod=mod -buildvcs=false"

rm -rf "$dir"
mkdir -p "$dir/module"
python3 - README.md "$dir/module/main.go" <<'PY'
import re, sys
blocks = re.findall(r"```go\n(.*?)```", open(sys.argv[1], encoding="utf-8").read(), re.S)
if len(blocks) != 1:
    sys.exit(f"README.md should hold one Go program, found {len(blocks)} go block(s)")
open(sys.argv[2], "w", encoding="utf-8").write(blocks[0])
PY
sed -e "s#=> ../../#=> $root/#" examples/go/go.mod > "$dir/module/go.mod"
cp examples/go/go.sum "$dir/module/go.sum"
cd "$dir/module"

awscdk=github.com/aws/aws-cdk-go/awscdk/v2
newest=$(go list -m -f '{{.Version}}' "$awscdk@latest")
go get "$awscdk@$newest" 2>&1 | grep -vE '^go: (downloading|finding) ' || true
declare -A resolved
resolved[aws-cdk-lib]=$(go list -m -f '{{.Version}}' "$awscdk")
resolved[constructs]=$(go list -m -f '{{.Version}}' github.com/aws/constructs-go/constructs/v10)
nag_dir=$(go list -m -f '{{.Replace.Path}}' github.com/cdklabs/cdk-nag-go/cdknag/v3)
resolved[cdk-nag]=$(node -p "require('$root/node_modules/cdk-nag/package.json').version")
printf 'Go %-40s latest %-9s resolved %s (floor %s)\n' "$awscdk" "$newest" "${resolved[aws-cdk-lib]}" "$(cd "$root/examples/go" && go list -mod=readonly -m -f '{{.Version}}' "$awscdk")"
printf 'Go %-40s resolved %s\n' github.com/aws/constructs-go/constructs/v10 "${resolved[constructs]}"
printf 'Go %-40s generated from npm cdk-nag %s (%s)\n' github.com/cdklabs/cdk-nag-go/cdknag/v3 "${resolved[cdk-nag]}" "${nag_dir#"$root/"}"
printf 'Go %s\n' "$(go version)"
[ "${resolved[aws-cdk-lib]}" = "$newest" ] || { echo "newest-go: go get resolved awscdk ${resolved[aws-cdk-lib]}, not the latest $newest" >&2; exit 1; }

echo "--- newest-go: the README's Go program on them"
start=$SECONDS
go build -o "$dir/mesh" .
echo "go build took $((SECONDS - start))s"
(cd "$dir" && CDK_OUTDIR="$dir/cdk.out" ./mesh)
test -f "$dir/cdk.out/manifest.json" || { echo "newest-go: the program wrote no cloud assembly" >&2; exit 1; }
cd "$root"
CFN_LINT_ALLOW_STALE=1 bash scripts/cfn-lint.sh "$dir/cdk.out"
python3 scripts/proved-versions.py same-templates "$dir/cdk.out" "${same_as[@]}"

python3 scripts/proved-versions.py record "$dir/proved.json" --cdk-out "$dir/cdk.out" \
  "aws-cdk-lib=${resolved[aws-cdk-lib]#v}" "cdk-nag=${resolved[cdk-nag]}" "constructs=${resolved[constructs]#v}"
echo "--- newest-go: passed on the Go module proxy's awscdk ${resolved[aws-cdk-lib]}, constructs ${resolved[constructs]}, cdk-nag ${resolved[cdk-nag]} (generated)"
