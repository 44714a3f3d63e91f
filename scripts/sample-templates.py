#!/usr/bin/env python3
"""Stratified sample of template prompts from several builds, for reading by hand.

usage: sample-templates.py SEED N BUILD_DIR... > sample.tsv
Pools the rows with "source":"template" of every BUILD_DIR/alert.jsonl, then draws N prompts spread evenly over
the categories (N // categories each; the remainder goes to categories drawn at random), all with random.Random(SEED).
Writes TSV: build, id, category, prompt, mark (empty, to fill in by reading: natural or odd), note.
"""
import json
import random
import sys
from collections import defaultdict

seed, n, builds = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
pool = defaultdict(list)
for b in builds:
    with open(f"{b}/alert.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("source") != "template":
                continue
            text = row["prompt"].split("### Instruction:\n", 1)[-1].split("\n### Response:", 1)[0]
            pool[row["category"]].append((b.rstrip("/").rsplit("/", 1)[-1], row["id"], text))
rnd = random.Random(seed)
cats = sorted(pool)
extra = set(rnd.sample(cats, n % len(cats)))
print("build\tid\tcategory\tprompt\tmark\tnote")
for c in cats:
    for b, i, t in rnd.sample(pool[c], n // len(cats) + (c in extra)):
        print(f"{b}\t{i}\t{c}\t{t.replace(chr(9), ' ').replace(chr(10), ' ')}\t\t")
