#!/usr/bin/env bash
# Renders a Mermaid file to SVG with the Mermaid CLI and Debian's Chromium (never a downloaded browser).
#   bash scripts/render-diagram.sh cdk.out/mesh.mmd cdk.out/mesh.svg
# Installs the Mermaid CLI into .cache/mermaid on first use (npm does not run puppeteer's browser
# download: install scripts are off, and PUPPETEER_SKIP_DOWNLOAD is set). Needs /usr/bin/chromium
# (apt-get install chromium).
set -euo pipefail
in="$1"; out="$2"
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "render-diagram: $chromium not found (apt-get install chromium)" >&2; exit 1; }
tools=.cache/mermaid
if [ ! -x "$tools/node_modules/.bin/mmdc" ]; then
  mkdir -p "$tools"
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$tools" --no-audit --no-fund --no-save @mermaid-js/mermaid-cli@12.2.0 puppeteer@25 >/dev/null
fi
config="$(mktemp)"; mermaid="$(mktemp)"
trap 'rm -f "$config" "$mermaid"' EXIT
cat > "$config" <<JSON
{ "executablePath": "$chromium", "args": ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"] }
JSON
# Plain SVG text labels (no HTML in foreignObject), so the SVG shows the same in every viewer.
echo '{ "flowchart": { "htmlLabels": false }, "theme": "neutral" }' > "$mermaid"
"$tools/node_modules/.bin/mmdc" --quiet -p "$config" -c "$mermaid" -i "$in" -o "$out" -b white
echo "diagram: $out"
