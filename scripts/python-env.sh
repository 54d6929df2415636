#!/usr/bin/env bash
# Creates (once) the Python environment the tests use: .venv with scripts/requirements-dev.txt.
# Re-installs when the requirements file changes. Prints nothing when the environment is current.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv
stamp="$venv/.requirements.sha256"
want="$(sha256sum scripts/requirements-dev.txt | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r scripts/requirements-dev.txt
echo "$want" > "$stamp"
echo "Python test environment ready in $venv"
