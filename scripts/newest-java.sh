#!/usr/bin/env bash
# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
# The README's Java program against the built jar (dist/java) on the NEWEST aws-cdk-lib and constructs that
# Maven resolves now (.ci/run's other Java steps use examples/java/pom.xml, which names the floor):
#   - the program's POM is examples/java/pom.xml with the version ranges [floor,3.0.0) for aws-cdk-lib and
#     [floor,11.0.0) for constructs, which Maven resolves to the newest version the repository's
#     maven-metadata.xml lists (-U: metadata fetched now, not the local repository's copy);
#   - cdk-nag: the maven-metadata.xml of io.github.cdklabs:cdknag served to this project's machines lists only
#     2.x (README, Java), so no range or LATEST finds 3.x; the program names npm's newest cdk-nag exactly,
#     which Maven downloads (a 3.x version Maven does not serve fails here);
#   - prints the versions Maven resolved, compiles and runs the program (synth throws on an error finding),
#     runs cfn-lint over its templates and compares them with each TypeScript cloud assembly given
#     (--same-as <cdk.out>) that ran the same aws-cdk-lib version.
# Writes the versions it proved to <dir>/proved.json when all passed; nothing into the source tree.
#
#   bash scripts/newest-java.sh [--same-as <cdk.out>]... [<dir>]     (default <dir>: .ci/.work/newest-java)
#
# Needs the jar (npx projen package:java) and the local Maven repository it was built with (.cache/m2).
set -euo pipefail
same_as=()
while [ "${1:-}" = "--same-as" ]; do same_as+=("$(realpath -m "$2")"); shift 2; done
cd "$(dirname "$0")/.."
root=$PWD
dir=$(realpath -m "${1:-.ci/.work/newest-java}")
m2="$root/.cache/m2"
compgen -G 'dist/java/io/github/cdkdatamesh/cdk-data-mesh/*/cdk-data-mesh-*.jar' >/dev/null || { echo "newest-java: no jar in dist/java: run 'npx projen package:java' (or package-all)" >&2; exit 1; }
command -v cfn-lint >/dev/null || { echo "newest-java: cfn-lint is not on PATH (bash scripts/python-env.sh; export PATH=\$PWD/.venv/bin:\$PATH)" >&2; exit 1; }

floor() { node -p "require('./package.json').devDependencies['$1']"; }
cdk_floor=$(floor aws-cdk-lib); constructs_floor=$(floor constructs)
nag=$(npm view cdk-nag@latest version)

rm -rf "$dir"
mkdir -p "$dir/src/main/java"
python3 - README.md "$dir/src/main/java/MeshApp.java" <<'PY'
import re, sys
blocks = re.findall(r"```java\n(.*?)```", open(sys.argv[1], encoding="utf-8").read(), re.S)
if len(blocks) != 1:
    sys.exit(f"README.md should hold one Java program, found {len(blocks)} java block(s)")
open(sys.argv[2], "w", encoding="utf-8").write(blocks[0])
PY
python3 - examples/java/pom.xml "$dir/pom.xml" "$root/dist/java" "$cdk_floor" "$constructs_floor" "$nag" <<'PY'
import re, sys
pom, out, dist, cdk, constructs, nag = sys.argv[1:]
text = open(pom, encoding="utf-8").read()
text = text.replace("<mainClass>io.github.cdkdatamesh.example.MeshApp</mainClass>", "<mainClass>MeshApp</mainClass>")
text = text.replace("${project.basedir}/../../dist/java", dist)
def version(artifact, value):
    global text
    pattern = rf"(<artifactId>{re.escape(artifact)}</artifactId>\s*<version>)[^<]*(</version>)"
    text, n = re.subn(pattern, lambda m: m.group(1) + value + m.group(2), text)
    if n != 1:
        sys.exit(f"examples/java/pom.xml: expected one <version> for {artifact}, found {n}")
version("aws-cdk-lib", f"[{cdk},3.0.0)")
version("constructs", f"[{constructs},11.0.0)")
version("cdknag", nag)
open(out, "w", encoding="utf-8").write(text)
PY

mvn_() { (cd "$dir" && mvn -q -B -Dstyle.color=never -Dmaven.repo.local="$m2" "$@"); }
mvn_ -U dependency:list -DoutputFile="$dir/dependencies.txt" -DincludeGroupIds=software.amazon.awscdk,software.constructs,io.github.cdklabs,io.github.cdkdatamesh
declare -A resolved
for artifact in aws-cdk-lib constructs cdknag cdk-data-mesh; do
  resolved[$artifact]=$(sed -nE "s/^ *[^:]+:$artifact:jar:([^:]+):.*/\1/p" "$dir/dependencies.txt" | head -1)
  [ -n "${resolved[$artifact]}" ] || { cat "$dir/dependencies.txt" >&2; echo "newest-java: Maven resolved no $artifact" >&2; exit 1; }
done
listed=$(sed -nE 's:.*<release>([^<]+)</release>.*:\1:p' "$m2/io/github/cdklabs/cdknag/maven-metadata-central.xml" 2>/dev/null || true)
printf 'Maven %-12s newest listed %-8s (range [%s,3.0.0))\n' aws-cdk-lib "${resolved[aws-cdk-lib]}" "$cdk_floor"
printf 'Maven %-12s newest listed %-8s (range [%s,11.0.0))\n' constructs "${resolved[constructs]}" "$constructs_floor"
printf 'Maven %-12s %-8s npm'"'"'s newest, named exactly (the newest release Maven'"'"'s metadata lists: %s)\n' cdknag "${resolved[cdknag]}" "${listed:-unknown}"
[ "${resolved[cdknag]}" = "$nag" ] || { echo "newest-java: Maven resolved cdknag ${resolved[cdknag]}, not $nag" >&2; exit 1; }

echo "--- newest-java: the README's Java program on them"
(export CDK_OUTDIR="$dir/cdk.out"; mvn_ compile exec:java)
test -f "$dir/cdk.out/manifest.json" || { echo "newest-java: the program wrote no cloud assembly" >&2; exit 1; }
CFN_LINT_ALLOW_STALE=1 bash scripts/cfn-lint.sh "$dir/cdk.out"
python3 scripts/proved-versions.py same-templates "$dir/cdk.out" "${same_as[@]}"

python3 scripts/proved-versions.py record "$dir/proved.json" --cdk-out "$dir/cdk.out" \
  "aws-cdk-lib=${resolved[aws-cdk-lib]}" "cdk-nag=${resolved[cdknag]}" "constructs=${resolved[constructs]}"
echo "--- newest-java: passed on Maven's aws-cdk-lib ${resolved[aws-cdk-lib]}, cdknag ${resolved[cdknag]}, constructs ${resolved[constructs]}"
