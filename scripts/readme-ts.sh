#!/usr/bin/env bash
# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
# The README's TypeScript program (the one ```ts nofixture block of its Install section that builds a
# ThreeAccountMesh and calls app.synth()), run the way a user runs it: the npm
# package `npx projen package:js` packed into dist/js, installed with npm into a scratch folder beside the
# given aws-cdk-lib, constructs and cdk-nag, compiled with tsc in strict mode (the compiler options of the
# repository's tsconfig.json: ES2022, node16 modules, skipLibCheck) and run with node. The App
# writes its cloud assembly to <outdir> (CDK_OUTDIR, as under the CDK CLI); synth throws, and this script
# fails, on an error finding of DataMeshChecks, AwsSolutionsChecks or the CloudFormation schema check.
#
#   bash scripts/readme-ts.sh <scratch dir> <outdir> <aws-cdk-lib version> <constructs version> <cdk-nag version>
#
# Writes nothing into the source tree (the scratch folder and outdir are the caller's, e.g. under .ci/.work).
set -euo pipefail
[ $# -eq 5 ] || { echo "usage: $0 <scratch dir> <outdir> <aws-cdk-lib version> <constructs version> <cdk-nag version>" >&2; exit 2; }
dir=$(realpath -m "$1"); outdir=$(realpath -m "$2"); cdk=$3; constructs=$4; nag=$5
cd "$(dirname "$0")/.."
shopt -s nullglob
tarballs=(dist/js/cdk-data-mesh@*.jsii.tgz)
[ ${#tarballs[@]} -eq 1 ] || { echo "readme-ts: expected one dist/js/cdk-data-mesh@*.jsii.tgz, found ${#tarballs[@]}: run 'npx projen build' (or package:js) first" >&2; exit 1; }
tarball=$(realpath "${tarballs[0]}")
# The TypeScript and Node.js types the repository builds with (a CDK app has both), so the install hits npm's cache.
typescript=$(node -p "require('typescript/package.json').version")
node_types=$(node -p "require('@types/node/package.json').version")

rm -rf "$dir" "$outdir"
mkdir -p "$dir"
python3 - README.md "$dir/main.ts" <<'PY'
import re, sys
blocks = re.findall(r"^```ts nofixture\n(.*?)^```$", open(sys.argv[1], encoding="utf-8").read(), re.M | re.S)
blocks = [b for b in blocks if "new ThreeAccountMesh(" in b and "app.synth()" in b]
if len(blocks) != 1:
    sys.exit(f"README.md should hold one TypeScript program (```ts nofixture with new ThreeAccountMesh( and app.synth()), found {len(blocks)}")
open(sys.argv[2], "w", encoding="utf-8").write(blocks[0])
PY
echo '{ "private": true }' > "$dir/package.json"
cat > "$dir/tsconfig.json" <<'JSON'
{ "compilerOptions": { "target": "ES2022", "lib": ["es2022"], "module": "node16", "strict": true, "skipLibCheck": true, "types": ["node"], "outDir": "js" }, "files": ["main.ts"] }
JSON
(cd "$dir" && npm install --no-audit --no-fund --no-package-lock --loglevel=error \
  "$tarball" "aws-cdk-lib@$cdk" "constructs@$constructs" "cdk-nag@$nag" "typescript@$typescript" "@types/node@$node_types" >/dev/null)
installed=$(cd "$dir" && node -e '
  const v = (p) => require(p + "/package.json").version;
  console.log(`cdk-data-mesh ${v("cdk-data-mesh")}, aws-cdk-lib ${v("aws-cdk-lib")}, constructs ${v("constructs")}, cdk-nag ${v("cdk-nag")}, typescript ${v("typescript")}`);')
echo "readme-ts: installed $installed"
for want in "aws-cdk-lib $cdk" "constructs $constructs" "cdk-nag $nag"; do
  case "$installed" in *"$want"*) ;; *) echo "readme-ts: npm did not install $want" >&2; exit 1 ;; esac
done
(cd "$dir" && node_modules/.bin/tsc --project tsconfig.json)
(cd "$dir" && CDK_OUTDIR="$outdir" node js/main.js)
test -f "$outdir/manifest.json" || { echo "readme-ts: the program wrote no cloud assembly to $outdir" >&2; exit 1; }
echo "readme-ts: the README's TypeScript program synthesized $(compgen -G "$outdir/*.template.json" | wc -l) template(s) into $outdir"
