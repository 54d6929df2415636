#!/usr/bin/env bash
# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
# The library on the NEWEST aws-cdk-lib, cdk-nag and constructs that npm serves now (the dev dependencies
# pin the floor, so everything else in CI runs at the floor). In a scratch copy of the repository:
#   1. copies the repository's files (tracked and untracked, not ignored) and indexes them with git
#      (test/repository reads `git ls-files`);
#   2. `npm ci`, then `npm install --no-save aws-cdk-lib@latest cdk-nag@latest constructs@latest`, and prints
#      the versions npm's `latest` tags name and the versions installed (they must be the same);
#   3. the jest suite, the main job (`npx projen mesh`: DataMeshChecks, AwsSolutionsChecks, the CloudFormation
#      schema check; non-zero on an error finding) and cfn-lint (scripts/cfn-lint.sh) over its templates;
#   4. with --readme: the README's TypeScript program from the packed npm package in dist/js
#      (scripts/readme-ts.sh) on the same versions, template for template the same as the main job's.
# Runs every check of 3. and 4. even when one fails (so one run shows every failure), then fails when any
# failed. Writes the versions it proved to <dir>/proved.json (only when all passed) and nothing into the
# source tree.
#
#   bash scripts/newest-cdk.sh [--readme] [<dir>]     (default <dir>: .ci/.work/newest-cdk)
#
# Needs cfn-lint on PATH (bash scripts/python-env.sh; .venv/bin). The mesh diagram is not rendered here
# (it does not depend on aws-cdk-lib's version; .ci/run renders it at the floor).
set -euo pipefail
readme=false
if [ "${1:-}" = "--readme" ]; then readme=true; shift; fi
cd "$(dirname "$0")/.."
root=$PWD
dir=$(realpath -m "${1:-.ci/.work/newest-cdk}")
case "$dir/" in
  "$root/.ci/.work/"*) ;;
  "$root/"*) echo "newest-cdk: $dir is inside the source tree; use .ci/.work/… or a folder outside it" >&2; exit 2 ;;
esac
command -v cfn-lint >/dev/null || { echo "newest-cdk: cfn-lint is not on PATH (bash scripts/python-env.sh; export PATH=\$PWD/.venv/bin:\$PATH)" >&2; exit 1; }
t() { printf '\n--- newest-cdk: %s (%ss)\n' "$1" "$SECONDS"; }
failed=()
# check <name> <command...>: runs the command, records its name when it fails, goes on.
check() {
  local name=$1; shift
  t "$name"
  local start=$SECONDS
  if "$@"; then echo "--- newest-cdk: passed: $name ($((SECONDS - start))s)"; else echo "--- newest-cdk: FAILED: $name ($((SECONDS - start))s)"; failed+=("$name"); fi
}

t "copy the repository into $dir"
rm -rf "$dir"
src="$dir/src"
mkdir -p "$src"
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$src"
(cd "$src" && git init -q && git add -A)

t "npm ci, then the newest aws-cdk-lib, cdk-nag and constructs (not saved)"
cd "$src"
npm ci --no-audit --no-fund --loglevel=error
declare -A tagged
for pkg in aws-cdk-lib cdk-nag constructs; do
  tagged[$pkg]=$(npm view "$pkg@latest" version)
done
npm install --no-save --no-audit --no-fund --loglevel=error \
  "aws-cdk-lib@${tagged[aws-cdk-lib]}" "cdk-nag@${tagged[cdk-nag]}" "constructs@${tagged[constructs]}"
floor_of() { node -p "require('$root/package.json').devDependencies['$1']"; }
for pkg in aws-cdk-lib cdk-nag constructs; do
  installed=$(node -p "require('$pkg/package.json').version")
  printf 'npm %-12s latest %-8s installed %-8s (floor %s)\n' "$pkg" "${tagged[$pkg]}" "$installed" "$(floor_of "$pkg")"
  [ "$installed" = "${tagged[$pkg]}" ] || { echo "newest-cdk: npm installed $pkg $installed, not the latest ${tagged[$pkg]}" >&2; exit 1; }
done

check "jest" npx jest --ci --passWithNoTests --coverage=false --reporters=default
main_job() { CHROMIUM=/nonexistent npx projen mesh && test -s mesh-report.json; }
check "the main job (npx projen mesh)" main_job
check "cfn-lint on the main job's templates" env CFN_LINT_ALLOW_STALE=1 bash scripts/cfn-lint.sh cdk.out
if $readme; then
  compgen -G "$root/dist/js/cdk-data-mesh@*.jsii.tgz" >/dev/null || { echo "newest-cdk: no dist/js/cdk-data-mesh@*.jsii.tgz: run 'npx projen build' first" >&2; exit 1; }
  mkdir -p dist/js && cp "$root"/dist/js/cdk-data-mesh@*.jsii.tgz dist/js/
  readme_ts() {
    bash scripts/readme-ts.sh "$dir/readme-ts" "$dir/readme-ts-cdk.out" "${tagged[aws-cdk-lib]}" "${tagged[constructs]}" "${tagged[cdk-nag]}" \
      && python3 scripts/compare-templates.py cdk.out "$dir/readme-ts-cdk.out"
  }
  check "the README's TypeScript program from the packed package, the main job's templates" readme_ts
fi

versions="aws-cdk-lib ${tagged[aws-cdk-lib]}, cdk-nag ${tagged[cdk-nag]}, constructs ${tagged[constructs]}"
if [ ${#failed[@]} -gt 0 ]; then
  printf '\nnewest-cdk: on npm'"'"'s %s these failed:\n' "$versions" >&2
  printf '  - %s\n' "${failed[@]}" >&2
  exit 1
fi

python3 - "$dir/proved.json" "${tagged[aws-cdk-lib]}" "${tagged[cdk-nag]}" "${tagged[constructs]}" <<'PY'
import json, sys
json.dump({"registry": "npm", "aws-cdk-lib": sys.argv[2], "cdk-nag": sys.argv[3], "constructs": sys.argv[4]}, open(sys.argv[1], "w"), indent=1)
PY
t "passed: jest, the main job and cfn-lint$($readme && echo ', the README program') on npm's $versions"
