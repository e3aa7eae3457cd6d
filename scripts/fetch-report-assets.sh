#!/usr/bin/env bash
# Put the chart library the HTML reports embed into the package (src/execbench/report/assets/).
#
# Chart.js and its matrix (heatmap) plug-in, from the npm registry with npm itself, at pinned
# versions whose tarballs are checked against the sha256 below. Reports embed these files inline:
# nothing is fetched when a report is written or opened. Without them a report still has every
# table and failure, and says that its charts are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=src/execbench/report/assets
# package@version  sha256 of the registry tarball  file inside it
assets=(
  "chart.js@4.6.1 9345dacdf4bb4c5d40321f4b9aafab6fe676d37a534fc0bc2d17c4c4e29c4f00 dist/chart.umd.min.js"
  "chartjs-chart-matrix@3.1.0 da715f97d20d0d96002ef31c18b583b9f67408f20614aabe491eef0bf27c87f0 dist/chartjs-chart-matrix.min.js"
)
missing=0
for entry in "${assets[@]}"; do
  read -r spec _ file <<<"$entry"
  [[ -f "$dest/$(basename "$file")" ]] || missing=1
done
[[ $missing -eq 0 && "${1:-}" != --force ]] && exit 0
if ! command -v npm >/dev/null; then
  echo "npm not found: the HTML reports will have no charts (apt-get install npm, then rerun $0)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$dest"
for entry in "${assets[@]}"; do
  read -r spec sha file <<<"$entry"
  tarball=$(cd "$work" && npm pack --silent "$spec")
  echo "$sha  $work/$tarball" | sha256sum --check --quiet
  tar -xzf "$work/$tarball" -C "$work" "package/$file"
  cp "$work/package/$file" "$dest/"
done
echo "report chart assets in $dest"
