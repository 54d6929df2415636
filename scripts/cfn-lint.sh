#!/usr/bin/env bash
# cfn-lint over every CloudFormation template in a cloud assembly (default: cdk.out/).
# An independent second check of the templates, beside aws-cdk-lib's CloudFormation Validate plugin.
# Fails on any error; warnings (W*) and informational findings (I*) are printed but do not fail.
set -euo pipefail
dir="${1:-cdk.out}"
shopt -s nullglob
templates=("$dir"/*.template.json)
if [ ${#templates[@]} -eq 0 ]; then
  echo "cfn-lint: no templates in $dir (run 'npx projen mesh' first)" >&2
  exit 1
fi
command -v cfn-lint >/dev/null || { echo "cfn-lint: not on PATH (pip install cfn-lint)" >&2; exit 1; }
echo "cfn-lint $(cfn-lint --version) on ${#templates[@]} template(s) in $dir"
# Exit codes: 0 clean, 2 errors, 4 warnings, 8 informational (bit flags).
set +e
cfn-lint --format parseable -- "${templates[@]}"
rc=$?
set -e
if (( rc & 2 )) || (( rc & 1 )); then
  echo "cfn-lint: errors found (exit $rc)" >&2
  exit 1
fi
echo "cfn-lint: 0 errors"
