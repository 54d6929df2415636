#!/usr/bin/env bash
# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
# The built wheel (dist/python) on the NEWEST aws-cdk-lib, cdk-nag and constructs that PyPI serves now, in a
# fresh venv (.ci/run's other Python steps pin the floor, test/python/requirements.txt):
#   1. asks PyPI for the newest version of each (pip index versions) and prints it;
#   2. installs the wheel with exactly those versions and the other pins of test/python/requirements.txt (pytest);
#   3. runs test/python (the README's Python program as written, its templates the same as
#      examples/python/mesh_app.py's; registering and acknowledging the packs), synthesizes the example
#      (examples/python/mesh_app.py) and runs cfn-lint over its templates;
#   4. compares those templates with each TypeScript cloud assembly given (--same-as <cdk.out>) that ran the
#      same aws-cdk-lib version (PyPI's newest is not always npm's).
# Writes the versions it proved to <dir>/proved.json when all passed; nothing into the source tree.
#
#   bash scripts/newest-python.sh [--same-as <cdk.out>]... [<dir>]     (default <dir>: .ci/.work/newest-python)
set -euo pipefail
same_as=()
while [ "${1:-}" = "--same-as" ]; do same_as+=("$(realpath -m "$2")"); shift 2; done
cd "$(dirname "$0")/.."
dir=$(realpath -m "${1:-.ci/.work/newest-python}")
shopt -s nullglob
wheels=(dist/python/cdk_data_mesh-*.whl)
[ ${#wheels[@]} -eq 1 ] || { echo "newest-python: expected one dist/python/cdk_data_mesh-*.whl, found ${#wheels[@]}: run 'npx projen package:python' (or package-all)" >&2; exit 1; }
command -v cfn-lint >/dev/null || { echo "newest-python: cfn-lint is not on PATH (bash scripts/python-env.sh; export PATH=\$PWD/.venv/bin:\$PATH)" >&2; exit 1; }

rm -rf "$dir"
python3 -m venv "$dir/venv"
py="$dir/venv/bin/python"
pip=("$dir/venv/bin/pip" --disable-pip-version-check)

declare -A newest
for pkg in aws-cdk-lib cdk-nag constructs; do
  # "aws-cdk-lib (2.275.0)": the newest final release PyPI serves.
  newest[$pkg]=$("${pip[@]}" index versions "$pkg" 2>/dev/null | sed -nE "1s/^$pkg \(([^)]+)\)$/\1/p")
  [ -n "${newest[$pkg]}" ] || { echo "newest-python: PyPI did not name a newest $pkg (pip index versions $pkg)" >&2; exit 1; }
done
grep -vE '^(aws-cdk-lib|cdk-nag|constructs)([=<>!~ ]|$)' test/python/requirements.txt > "$dir/requirements-other.txt"
"${pip[@]}" install --quiet "${wheels[0]}" -r "$dir/requirements-other.txt" \
  "aws-cdk-lib==${newest[aws-cdk-lib]}" "cdk-nag==${newest[cdk-nag]}" "constructs==${newest[constructs]}"
for pkg in aws-cdk-lib cdk-nag constructs; do
  installed=$("$py" -c "import importlib.metadata as m; print(m.version('$pkg'))")
  printf 'PyPI %-12s newest %-8s installed %s\n' "$pkg" "${newest[$pkg]}" "$installed"
  [ "$installed" = "${newest[$pkg]}" ] || { echo "newest-python: pip installed $pkg $installed, not PyPI's newest ${newest[$pkg]}" >&2; exit 1; }
done

echo "--- newest-python: test/python (the README's program, registering, acknowledging)"
PYTHONDONTWRITEBYTECODE=1 "$py" -m pytest -q -p no:cacheprovider test/python
echo "--- newest-python: the example mesh (examples/python/mesh_app.py) and cfn-lint"
PYTHONDONTWRITEBYTECODE=1 "$py" examples/python/mesh_app.py "$dir/cdk.out"
CFN_LINT_ALLOW_STALE=1 bash scripts/cfn-lint.sh "$dir/cdk.out"
python3 scripts/proved-versions.py same-templates "$dir/cdk.out" "${same_as[@]}"

python3 scripts/proved-versions.py record "$dir/proved.json" --cdk-out "$dir/cdk.out" \
  "aws-cdk-lib=${newest[aws-cdk-lib]}" "cdk-nag=${newest[cdk-nag]}" "constructs=${newest[constructs]}"
echo "--- newest-python: passed on PyPI's aws-cdk-lib ${newest[aws-cdk-lib]}, cdk-nag ${newest[cdk-nag]}, constructs ${newest[constructs]}"
