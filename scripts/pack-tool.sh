#!/usr/bin/env bash
# Packs the alert tool (a pointer package plus one package per platform), prints each package's size, installs
# it from the output folder into a temporary tool path and runs it, as a user would.
# Usage: scripts/pack-tool.sh [OUT_DIR]   (default: artifacts/packages)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/packages}"
rm -rf "$out"
dotnet pack src/Alert.Cli -c Release -o "$out" -v q
for p in "$out"/*.nupkg; do
  printf '%-45s %8.1f MB\n' "$(basename "$p")" "$(echo "$(stat -c %s "$p") / 1000000" | bc -l)"
done
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
dotnet tool install --tool-path "$tools" --add-source "$out" Alert.Cli >/dev/null
echo "installed: alert $("$tools/alert" --version)"
"$tools/alert" taxonomy --format tsv | wc -l | xargs echo "alert taxonomy --format tsv lines:"
