#!/usr/bin/env bash
# Label-error benchmark (the label-errors issue, 8a): the Fashion-MNIST training set with 5% of
# its labels flipped to another class at random (seeded; the flips are written to flips.csv by
# flip_labels.py), imported with `loupe import --format idx`, then `loupe label-issues` with
# K-fold cross-training. score.py prints recall, precision and first-k precision (k = flips) of
# the flagged set and of the "model disagrees" baseline on the same out-of-fold probabilities,
# under both rankings; plus the wall time.
# Env: LOUPE_BUILD (release build dir), FOLDS (5), EPOCHS (per fold, 5), ARCH (fmnist-cnn),
#      THREADS (2), FRACTION (0.05), SEED (1), FMNIST_DIR, EXTRA (more label-issues options).
# Targets: recall >= 0.85 and first-k precision >= 0.82. Printed, not enforced.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../smoke.sh"
build="${LOUPE_BUILD:-$here/../../../build/release}"
loupe="$build/app/loupe"
data="${FMNIST_DIR:-/usr/share/datasets/fashion-mnist}"
folds="${FOLDS:-$(tiny 5 2)}"
epochs="${EPOCHS:-$(tiny 5 1)}"
arch="${ARCH:-fmnist-cnn}"
threads="${THREADS:-2}"
count="$(tiny 60000 600)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

/usr/bin/python3 "$here/flip_labels.py" "$data" "$out/flipped" "${FRACTION:-0.05}" "${SEED:-1}" "$count"
"$loupe" new "$out/p.loupe" >/dev/null
SECONDS=0
"$loupe" import "$out/p.loupe" --format idx "$out/flipped" --val-fraction 0 >/dev/null
echo "import_seconds $SECONDS"
SECONDS=0
# shellcheck disable=SC2086
"$loupe" label-issues "$out/p.loupe" --split train --folds "$folds" --epochs "$epochs" --arch "$arch" \
  --threads "$threads" --probabilities "$out/probs.csv" --json ${EXTRA:-} >"$out/issues.json"
echo "label_issues_seconds $SECONDS"
echo "folds $folds"
echo "epochs_per_fold $epochs"
/usr/bin/python3 - "$out/issues.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
print(f"epoch_seconds {j['epoch_seconds']:.2f}")
print(f"ranking {j['ranking']}")
PY
/usr/bin/python3 "$here/score.py" "$out/flipped/flips.csv" "$out/issues.json" "$out/probs.csv" | tee "$out/score.txt"
awk '/^cl_self_confidence_recall/ { r = $2 } /^cl_self_confidence_first_k_precision/ { p = $2 }
     END { printf "target recall >= 0.85: %s\ntarget first-k precision >= 0.82: %s\n", (r >= 0.85 ? "met" : "NOT met"), (p >= 0.82 ? "met" : "NOT met") }' "$out/score.txt"
