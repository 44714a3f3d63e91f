#!/usr/bin/env bash
# Trains the shipped embedded judge (data/judges/embedded-v1.json) from the public development sets in
# ../shared/datasets (JailbreakBench responses with its strong judge's labels, XSTest completions with human
# labels), then prints its cross-domain validation. The refusal prior 0.85 is the one with the best mean
# accuracy over the leave-one-attack / target / dataset-out splits of `bench judge-cv` (in-domain
# cross-validation would pick 0, which transfers worse). One feature is the prompt guard's verdict on the
# request, so retrain the judge after scripts/train-prompt-guard.sh. Usage: scripts/train-embedded-judge.sh [DATASETS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
datasets="${1:-../shared/datasets}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release -v q Alert.sln >/dev/null
dotnet run -c Release --no-build --project bench/Alert.Bench -- judge-data "$datasets" "$work/judge-train.jsonl"
dotnet run -c Release --no-build --project src/Alert.Cli -- judge train --input "$work/judge-train.jsonl" \
  --group-field group --name embedded-v1 --out data/judges/embedded-v1.json \
  --refusal-prior 0.85 \
  --trained-from "JailbreakBench judged.jsonl (strong-judge labels) + XSTest v2 completions.jsonl (human labels), public sets in ../shared/datasets, by scripts/train-embedded-judge.sh"
