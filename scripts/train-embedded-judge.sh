#!/usr/bin/env bash
# Trains the shipped embedded judges from the public development sets in ../shared/datasets (JailbreakBench
# responses with its strong judge's labels, XSTest completions and GPTFuzz answers with human labels):
# - data/judges/embedded-v3.json, the red-team judge (`embedded`): answers to harmful requests only.
# - data/judges/embedded-moderation-v3.json (`embedded:moderation`): answers to benign requests too, for a guard's
#   output check on everyday traffic; not GPTFuzz's jailbreak-template answers, which cost it on everyday answers.
# Both use the refusal prior 0.4: on GPTFuzz with questions held out it keeps false positives under twice the false
# negatives at the best agreement (0 lets false positives run to 2.4x; 0.85 loses GPTFuzz's dual answers that open
# with a refusal), bench judge-human.
# Both read prompts with the frozen MiniLM in int8 and responses with data/judges/embedded-response-encoder-v2.layer.bin,
# MiniLM's lowest three layers with the top two of them fine-tuned on answers to harmful requests of JailbreakBench and
# XSTest and to XSTest's safe prompts M-Z (not GPTFuzz, nor the safe prompts A-L, so those held-out figures stay
# honest; tools/Alert.Training judge-tune, ALERT_READER_DEPTH=3; about 30 minutes on 2 cores; run with --tune).
# alert judge train also fits each model's early-exit head (the last chunk alone, margin 2).
# The cards (data/judges/*.card.json) come from the same recipe's out-of-fold counts: bench judge-human.
# One feature is the prompt guard's verdict on the request, so retrain these after scripts/train-prompt-guard.sh.
# Usage: scripts/train-embedded-judge.sh [--tune] [DATASETS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
tune=0
if [[ "${1:-}" == "--tune" ]]; then tune=1; shift; fi
datasets="$(realpath "${1:-../shared/datasets}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release -v q Alert.sln >/dev/null
training=(dotnet run -c Release --no-build --project tools/Alert.Training --)
if [[ $tune == 1 ]]; then
  ALERT_READER_DEPTH=3 "${training[@]}" judge-tune "$datasets" - data/judges/embedded-response-encoder-v2.layer.bin
  # The library embeds the new encoder file.
  dotnet build -c Release -v q Alert.sln >/dev/null
fi
alert=(dotnet run -c Release --no-build --project src/Alert.Cli --)
sets="public sets in ../shared/datasets, by scripts/train-embedded-judge.sh"
source="JailbreakBench judged.jsonl (strong-judge labels), XSTest v2 completions.jsonl and GPTFuzz train.csv (human labels), $sets"
"${training[@]}" judge-data "$datasets" "$work/harmful.jsonl" harmful
"${training[@]}" judge-data "$datasets" "$work/all.jsonl" all
"${alert[@]}" judge train --input "$work/harmful.jsonl" --group-field group --name embedded-v3 \
  --out data/judges/embedded-v3.json --refusal-prior 0.4 --trained-from "answers to harmful requests from $source"
"${alert[@]}" judge train --input "$work/all.jsonl" --group-field group --name embedded-moderation-v3 \
  --out data/judges/embedded-moderation-v3.json --refusal-prior 0.4 --trained-from "answers to harmful and benign requests from JailbreakBench judged.jsonl (strong-judge labels) and XSTest v2 completions.jsonl (human labels), $sets"
(cd /tmp && dotnet "$OLDPWD/bench/Alert.Bench/bin/Release/net10.0/Alert.Bench.dll" judge-human "$datasets" int8 4 "$OLDPWD/data/judges")
