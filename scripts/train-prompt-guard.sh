#!/usr/bin/env bash
# Trains the shipped prompt guards from harmful requests (built base set, AdvBench, HarmBench, JailbreakBench goals
# from ../shared/datasets) against the benign look-alikes, and prints the held-out XSTest figures:
# - data/judges/prompt-guard-v1.json: a logistic head on frozen MiniLM embeddings (the embedded judges read it as a
#   feature and the taxonomy classifier as its gate; retrain the judges after it, scripts/train-embedded-judge.sh);
# - data/judges/prompt-guard-v3.json + .layer.bin: the guard itself, MiniLM's top two layers fine-tuned with its
#   head (tools/Alert.Training prompt-guard-tune; "loo" also trains it without each public harmful set and ships the highest
#   threshold that still blocks 95% of each left-out set; about 25 minutes).
# Usage: scripts/train-prompt-guard.sh [DATASETS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
datasets="${1:-../shared/datasets}"
dotnet build -c Release -v q Alert.sln >/dev/null
dotnet run -c Release --no-build --project tools/Alert.Training -- prompt-guard "$datasets" data/judges/prompt-guard-v1.json
dotnet run -c Release --no-build --project tools/Alert.Training -- prompt-guard-tune "$datasets" data/judges/prompt-guard-v3.json loo
