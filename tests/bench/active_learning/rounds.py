#!/usr/bin/env python3
"""Active-learning rounds on a Fashion-MNIST project (`loupe import --format idx`, no val split):
an "oracle" labeler starts with START train labels (seeded random) and every test label (for
scoring only), then each round trains a classifier on the oracle's train labels (`loupe train`, cosine schedule: the
final epochs at a low rate make each round's model settle, so rounds compare labels, not noise),
records its test accuracy, and reveals STEP more train labels, chosen by ORDER:
  uncertainty  `loupe next --order uncertainty` with the round's model (margin, most unsure first)
  random       a seeded random choice of the labels not yet revealed
until END labels. Prints "labels N accuracy A" per round.

usage: rounds.py LOUPE PROJECT ORDER START STEP END EPOCHS THREADS SEED ARCH
"""
import csv
import json
import os
import random
import subprocess
import sys


def loupe(binary, *args):
    done = subprocess.run([binary, *args], check=True, capture_output=True, text=True)
    return done.stdout


def reveal(binary, project, labels, items, path):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["item", "labeler", "label"])
        for i in items:
            w.writerow([i, "oracle", labels[i]])
    loupe(binary, "import", project, "--format", "csv", path)


def main():
    if len(sys.argv) != 11:
        sys.exit(__doc__)
    binary, project, order = sys.argv[1], sys.argv[2], sys.argv[3]
    start, step, end, epochs, threads, seed = (int(v) for v in sys.argv[4:10])
    arch = sys.argv[10]
    work = os.path.dirname(os.path.abspath(project))
    # The truth, from the reference labels the idx import wrote.
    export = os.path.join(work, f"reference-{order}.csv")
    loupe(binary, "export", project, "--format", "csv", export, "--labeler", "reference")
    truth = {}
    with open(export, newline="") as f:
        for row in csv.DictReader(f):
            truth[row["item"]] = row["label"]
    pool = sorted(i for i in truth if i.startswith("train/"))
    tests = sorted(i for i in truth if i.startswith("test/"))
    rng = random.Random(seed)
    revealed = set(rng.sample(pool, start))
    reveal(binary, project, truth, tests + sorted(revealed), os.path.join(work, f"reveal-{order}-0.csv"))
    n = 0
    while True:
        n += 1
        name = f"{order}-{n}"
        out = json.loads(loupe(binary, "train", project, "--labeler", "oracle", "--name", name, "--arch", arch, "--epochs", str(epochs),
                               "--patience", "0", "--cosine", "--seed", str(seed), "--threads", str(threads),
                               "--json"))
        print(f"labels {len(revealed)} accuracy {out['float_accuracy']:.4f}", flush=True)
        if len(revealed) >= end:
            break
        if order == "uncertainty":
            picked = json.loads(loupe(binary, "next", project, "--labeler", "oracle", "--order", "uncertainty",
                                      "--model", name, "--split", "train", "--count", str(step),
                                      "--threads", str(threads), "--json"))
            chosen = [p["item"] for p in picked]
        else:
            chosen = rng.sample(sorted(set(pool) - revealed), step)
        revealed.update(chosen)
        reveal(binary, project, truth, chosen, os.path.join(work, f"reveal-{order}-{n}.csv"))


if __name__ == "__main__":
    main()
