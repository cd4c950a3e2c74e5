#!/usr/bin/env python3
"""Scores `loupe label-issues --json` against the flips flip_labels.py made, and the plain
baseline (the model's top class is not the given label) on the same out-of-fold probabilities
(the CSV `--probabilities` wrote). For each: flagged count, recall, precision, and precision of
the first k ranked items (k = number of flips), under both rankings.

usage: score.py FLIPS_CSV ISSUES_JSON PROBABILITIES_CSV
"""
import csv
import json
import sys


def self_confidence(p, g):
    return 1.0 - p[g]


def normalized_margin(p, g):
    other = max(v for j, v in enumerate(p) if j != g)
    return (1.0 + other - p[g]) / 2.0


def report(name, ranked, flips, k):
    hits = sum(1 for i in ranked if i in flips)
    first = sum(1 for i in ranked[:k] if i in flips)
    print(f"{name}_flagged {len(ranked)}")
    print(f"{name}_recall {hits / len(flips):.4f}")
    print(f"{name}_precision {hits / max(1, len(ranked)):.4f}")
    print(f"{name}_first_k_precision {first / k:.4f}")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        flips = {row["item"] for row in csv.DictReader(f)}
    with open(sys.argv[2]) as f:
        result = json.load(f)
    probs = {}
    with open(sys.argv[3]) as f:
        reader = csv.reader(f)
        classes = next(reader)[2:]
        for row in reader:
            probs[row[0]] = (classes.index(row[1]), [float(v) for v in row[2:]])
    k = len(flips)
    print(f"items {len(probs)}")
    print(f"flips {k}")
    print(f"estimated_errors {result['estimated_errors']:.1f}")
    flagged = [i["item"] for i in result["issues"]]
    for rank in (self_confidence, normalized_margin):
        ordered = sorted(flagged, key=lambda i: (-rank(probs[i][1], probs[i][0]), i))
        report(f"cl_{rank.__name__}", ordered, flips, k)
    base = [i for i, (g, p) in probs.items() if max(range(len(p)), key=p.__getitem__) != g]
    for rank in (self_confidence, normalized_margin):
        ordered = sorted(base, key=lambda i: (-rank(probs[i][1], probs[i][0]), i))
        report(f"baseline_{rank.__name__}", ordered, flips, k)


if __name__ == "__main__":
    main()
