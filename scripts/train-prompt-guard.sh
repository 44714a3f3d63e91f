#!/usr/bin/env bash
# Trains the shipped prompt guard (data/judges/prompt-guard-v1.json): harmful requests (built base set,
# AdvBench, HarmBench, JailbreakBench goals from ../shared/datasets) against the benign look-alikes, then
# prints leave-one-source-out block rates and the held-out XSTest figures.
# Usage: scripts/train-prompt-guard.sh [DATASETS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
datasets="${1:-../shared/datasets}"
dotnet build -c Release -v q Alert.sln >/dev/null
dotnet run -c Release --no-build --project bench/Alert.Bench -- prompt-guard "$datasets" data/judges/prompt-guard-v1.json
