#!/usr/bin/env bash
# Trains the shipped embedded judges from the public development sets in ../shared/datasets and the self-written safe
# answers (tools/Alert.Datasets/data/synthetic-answers.txt); the label is the response's harm (HarmBench's guideline: a
# refusal, a clarifying question, an echo, a harmless answer to a harmful-sounding request or empty "compliance" is safe):
# - data/judges/embedded-v4.json, the default judge (`embedded`): GPTFuzz, JailbreakBench, XSTest, LatentJailbreak,
#   Safety-Tuned LLaMAs, JAILJUDGE and the self-written answers; DiaSafety and SafeText are measured, not trained on
#   (tools/Alert.Datasets/ResponseHarmSets.cs says why).
# - data/judges/embedded-moderation-v4.json (`embedded:moderation`): not the answers to jailbreak templates (GPTFuzz,
#   JAILJUDGE), for a guard's output check on everyday traffic.
# Both have a two-layer head, three of 64 units from three seeds averaged (one linear boundary under-fits the mixed sets) and the refusal prior 0.4
# (a refusal up front moves the log-odds towards safe; not refusing adds nothing).
# Both read prompts with the frozen MiniLM in int8 and responses with data/judges/embedded-response-encoder-v2.layer.bin
# (tools/Alert.Training judge-tune, ALERT_READER_DEPTH=3; about 30 minutes on 2 cores; run with --tune).
# alert judge train also fits each model's early-exit head (the last chunk alone, margin 2).
# The cards (data/judges/*.card.json) and the figures in docs/judges.md come from bench judge-human (leave one dataset
# out, and the recipe's out-of-fold counts). One feature is the prompt guard's verdict on the request, so retrain these
# after scripts/train-prompt-guard.sh.
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
sets="GPTFuzz, JailbreakBench, XSTest, LatentJailbreak P1 and Safety-Tuned LLaMAs"
"${training[@]}" judge-data "$datasets" "$work/all.jsonl" all
"${training[@]}" judge-data "$datasets" "$work/moderation.jsonl" moderation
"${alert[@]}" judge train --input "$work/all.jsonl" --group-field group --name embedded-v4 \
  --out data/judges/embedded-v4.json --refusal-prior 0.4 --hidden 64 --seeds 3 \
  --trained-from "response harm labels of $sets, a JAILJUDGE sample and self-written safe answers (public sets in ../shared/datasets, by scripts/train-embedded-judge.sh)"
"${alert[@]}" judge train --input "$work/moderation.jsonl" --group-field group --name embedded-moderation-v4 \
  --out data/judges/embedded-moderation-v4.json --refusal-prior 0.4 --hidden 64 --seeds 3 \
  --trained-from "response harm labels of JailbreakBench, XSTest, LatentJailbreak P1 and Safety-Tuned LLaMAs and self-written safe answers; no answers to jailbreak templates (public sets in ../shared/datasets, by scripts/train-embedded-judge.sh)"
(cd /tmp && dotnet "$OLDPWD/bench/Alert.Bench/bin/Release/net10.0/Alert.Bench.dll" judge-human "$datasets" int8 4 "$OLDPWD/data/judges")
