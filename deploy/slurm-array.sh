#!/usr/bin/env bash
# A SLURM job array that runs one shard of an ALERT run per task into a shared directory, then a merge job.
# Submit with:   sbatch deploy/slurm-array.sh            (4 shards; edit --array for more)
# The merge runs when every task has succeeded:
#   sbatch --dependency=afterok:<array job id> --wrap 'alert merge "$ALERT_RUNS"/shard-* --out "$ALERT_RUNS"/merged'
# Every shard is the same command with --shard auto: alert reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and
# SLURM_ARRAY_TASK_COUNT. A task that is requeued or resubmitted resumes its shard (state is in its run.db).
#SBATCH --job-name=alert
#SBATCH --array=1-4
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=12:00:00
#SBATCH --output=alert-%A-%a.log
set -euo pipefail
: "${ALERT_RUNS:=$PWD/runs/alert}"           # shared (NFS/Lustre) directory for the shard runs
: "${ALERT_TARGET:=openai:my-model}"          # the model under test
: "${ALERT_BASE_URL:=http://vllm.internal:8000/v1}"
: "${ALERT_JUDGE:=embedded}"
export ALERT_CACHE_DIR="${ALERT_CACHE_DIR:-$ALERT_RUNS/cache-$SLURM_ARRAY_TASK_ID}"  # one SQLite cache per task
mkdir -p "$ALERT_RUNS"
alert run --target "$ALERT_TARGET" --base-url "$ALERT_BASE_URL" --judge "$ALERT_JUDGE" \
  --shard auto --out "$ALERT_RUNS/shard-$SLURM_ARRAY_TASK_ID"
