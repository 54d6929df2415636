#!/usr/bin/env bash
# cfn-lint over every CloudFormation template in a cloud assembly (default: cdk.out/).
# An independent second check of the templates, beside aws-cdk-lib's CloudFormation Validate plugin.
# Fails on any error, on any warning (W*) the checked-in baseline (scripts/cfn-lint-warnings.json: rule, resource
# type, reason) does not list, and on any baseline entry that no longer occurs (scripts/cfn-lint-baseline.py).
set -euo pipefail
dir="${1:-cdk.out}"
here="$(cd "$(dirname "$0")" && pwd)"
baseline="${CFN_LINT_BASELINE:-$here/cfn-lint-warnings.json}"
shopt -s nullglob
templates=("$dir"/*.template.json)
if [ ${#templates[@]} -eq 0 ]; then
  echo "cfn-lint: no templates in $dir (run 'npx projen mesh' first)" >&2
  exit 1
fi
command -v cfn-lint >/dev/null || { echo "cfn-lint: not on PATH (pip install cfn-lint)" >&2; exit 1; }
echo "$(cfn-lint --version) on ${#templates[@]} template(s) in $dir"
findings="$(mktemp)"
trap 'rm -f "$findings"' EXIT
# Exit codes: 0 clean, 2 errors, 4 warnings, 8 informational (bit flags); 1 is a failure of cfn-lint itself.
set +e
cfn-lint --format json -- "${templates[@]}" > "$findings"
rc=$?
set -e
if (( rc & 1 )); then
  cat "$findings" >&2
  echo "cfn-lint: failed to run (exit $rc)" >&2
  exit 1
fi
python3 "$here/cfn-lint-baseline.py" "$baseline" "$findings" "${templates[@]}"
