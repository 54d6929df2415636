#!/usr/bin/env bash
# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
# The custom-resource handlers' tests (test/handlers) on the OLDEST supported Python and on the NEWEST Python
# this machine has, each in its own venv with scripts/requirements-dev.txt (`npx projen test:handlers` runs
# them on the default python3 only).
#
# - Oldest: the lowest Python runtime the binding supports, read from src/consumer-binding/consumer-binding.ts
#   (`knownRuntimes('python', [3, 10])`: python3.10). An interpreter of exactly that minor version must exist.
# - Newest: the highest 3.x found. It must be newer than the default python3 and than the oldest, or this fails:
#   a matrix of one is not a matrix.
# Interpreters are found on PATH (python3, python3.N), in pyenv's versions ($PYENV_ROOT or ~/.pyenv) and in
# /usr/bin and /usr/local/bin; each is run to read its version and must have venv and ensurepip.
#
#   bash scripts/handlers-pythons.sh [<dir>]     (default <dir>: .ci/.work/handlers-pythons; one venv per version)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(realpath -m "${1:-.ci/.work/handlers-pythons}")

oldest=$(grep -oE "knownRuntimes\('python', \[3, [0-9]+\]\)" src/consumer-binding/consumer-binding.ts | head -1 | grep -oE '[0-9]+\]' | tr -d ']')
[ -n "$oldest" ] || { echo "handlers-pythons: could not read the oldest supported Python (knownRuntimes('python', [3, N])) from src/consumer-binding/consumer-binding.ts" >&2; exit 1; }
oldest="3.$oldest"

probe='import sys, venv, ensurepip; print("%d.%d %d.%d.%d" % (sys.version_info[:2] + sys.version_info[:3]))'
declare -A by_minor=()
candidates=()
for name in python3 $(compgen -c python3. | grep -E '^python3\.[0-9]+$' | sort -u); do
  while IFS= read -r path; do candidates+=("$path"); done < <(type -ap "$name")
done
shopt -s nullglob
candidates+=("${PYENV_ROOT:-$HOME/.pyenv}"/versions/*/bin/python3 /usr/bin/python3.* /usr/local/bin/python3.*)
for candidate in "${candidates[@]}"; do
  [[ "$candidate" =~ (python3(\.[0-9]+)?)$ ]] && [ -x "$candidate" ] || continue
  # A pyenv shim of a version that is not selected exits non-zero: only interpreters that run count.
  version=$("$candidate" -c "$probe" 2>/dev/null) || continue
  minor=${version%% *}
  [[ "$minor" == 3.* ]] || continue
  [ -n "${by_minor[$minor]:-}" ] || by_minor[$minor]="$candidate ${version#* }"
done
default=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
echo "handlers-pythons: found $(for m in "${!by_minor[@]}"; do echo "$m"; done | sort -V | tr '\n' ' ')(default python3: $default; oldest supported: $oldest)"
newest=$(for m in "${!by_minor[@]}"; do echo "$m"; done | sort -V | tail -1)

[ -n "${by_minor[$oldest]:-}" ] || { echo "handlers-pythons: no Python $oldest interpreter found (the oldest Lambda runtime the binding supports); install it (e.g. pyenv install $oldest)" >&2; exit 1; }
if [ "$(printf '%s\n%s\n' "$newest" "$default" | sort -V | tail -1)" = "$default" ] || [ "$newest" = "$oldest" ]; then
  echo "handlers-pythons: no Python newer than the default python3 ($default) found; install one (e.g. pyenv install 3.13) so the handlers are tested on the newest Python too" >&2
  exit 1
fi

mkdir -p "$dir"
for minor in "$oldest" "$newest"; do
  read -r python full <<<"${by_minor[$minor]}"
  venv="$dir/py$minor"
  start=$SECONDS
  echo "handlers-pythons: Python $full ($python) -> $venv"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r scripts/requirements-dev.txt
  PATH="$venv/bin:$PATH" PYTHONDONTWRITEBYTECODE=1 "$venv/bin/python" -m pytest -q -p no:cacheprovider test/handlers
  echo "handlers-pythons: test/handlers passed on Python $full in $((SECONDS - start))s (venv and install included)"
done
