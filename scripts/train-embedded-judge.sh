#!/usr/bin/env bash
# Trains the shipped embedded judges from the public development sets in ../shared/datasets (JailbreakBench
# responses with its strong judge's labels, XSTest completions with human labels):
# - data/judges/embedded-v1.json, the red-team judge (`embedded`): answers to harmful requests only. Answers to
#   benign requests teach that compliance is usually fine, which costs accuracy on jailbreak answers from
#   other sources (bench judge-cv: XSTest -> JailbreakBench 0.773 with them, 0.877 without). Its refusal prior
#   0.85 is the one with the best mean accuracy over the leave-one-attack / target / dataset-out splits.
# - data/judges/embedded-moderation-v1.json (`embedded:moderation`): all rows, for a guard's output check on
#   everyday traffic; its refusal prior is chosen by the grouped cross-validation.
# Both read responses with data/judges/embedded-response-encoder-v1.layer.bin, MiniLM's top two layers fine-tuned
# on the answers to harmful requests (tools/Alert.Training judge-tune; about 12 minutes on 2 cores), trained first.
# One feature is the prompt guard's verdict on the request, so retrain these after scripts/train-prompt-guard.sh.
# Usage: scripts/train-embedded-judge.sh [DATASETS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
datasets="${1:-../shared/datasets}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release -v q Alert.sln >/dev/null
training=(dotnet run -c Release --no-build --project tools/Alert.Training --)
"${training[@]}" judge-tune "$datasets" - data/judges/embedded-response-encoder-v1.layer.bin
# The library embeds the new encoder file.
dotnet build -c Release -v q Alert.sln >/dev/null
alert=(dotnet run -c Release --no-build --project src/Alert.Cli --)
source="JailbreakBench judged.jsonl (strong-judge labels) + XSTest v2 completions.jsonl (human labels), public sets in ../shared/datasets, by scripts/train-embedded-judge.sh"
"${training[@]}" judge-data "$datasets" "$work/harmful.jsonl" harmful
"${training[@]}" judge-data "$datasets" "$work/all.jsonl" all
"${alert[@]}" judge train --input "$work/harmful.jsonl" --group-field group --name embedded-v1 \
  --out data/judges/embedded-v1.json --refusal-prior 0.85 --trained-from "answers to harmful requests from $source"
"${alert[@]}" judge train --input "$work/all.jsonl" --group-field group --name embedded-moderation-v1 \
  --out data/judges/embedded-moderation-v1.json --trained-from "answers to harmful and benign requests from $source"
