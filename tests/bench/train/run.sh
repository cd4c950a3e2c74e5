#!/usr/bin/env bash
# Fashion-MNIST training benchmark.
#  1. Speed: Loupe's fmnist-cnn and the same architecture and recipe in PyTorch (Adam lr 1e-3,
#     batch 64, no augmentation) on the same number of threads, RUNS times each, alternating
#     (Loupe, PyTorch, Loupe, ...); prints each run's mean seconds per epoch, the medians over the
#     runs and the ratio of the medians loupe/torch (< 1: Loupe is faster; the target is <= 0.7).
#     Only meaningful on an otherwise idle machine.
#  2. Accuracy: Loupe's "best" recipe (flips + cosine schedule) for ACC_EPOCHS epochs; prints the
#     float test accuracy.
# Env: LOUPE_BUILD (release build dir), SPEED_EPOCHS (default 2), RUNS (default 3), ACC_EPOCHS (default 12; 0 skips),
#      THREADS (default 2), FMNIST_DIR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../smoke.sh"
build="${LOUPE_BUILD:-$here/../../../build/release}"
data="${FMNIST_DIR:-/usr/share/datasets/fashion-mnist}"
threads="${THREADS:-2}"
speed_epochs="${SPEED_EPOCHS:-$(tiny 2 1)}"
acc_epochs="${ACC_EPOCHS:-$(tiny 12 1)}"
runs="${RUNS:-$(tiny 3 1)}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
if bench_smoke; then  # one epoch on the first 512 / 256 images
  /usr/bin/python3 "$here/tiny_fmnist.py" "$data" "$out/tiny" 512 256
  data="$out/tiny"
fi

mean_epoch() { awk '/^epoch/ { s += $4; n++ } END { printf "%.3f", s / n }' "$1"; }
for run in $(seq "$runs"); do
  "$build/tests/bench/train/bench_train" "$data" "$speed_epochs" "$threads" plain >"$out/loupe.txt"
  echo "run $run loupe_epoch_seconds $(mean_epoch "$out/loupe.txt")" | tee -a "$out/runs.txt"
  /usr/bin/python3 "$here/torch_fmnist.py" "$data" "$speed_epochs" "$threads" >"$out/torch.txt"
  echo "run $run torch_epoch_seconds $(mean_epoch "$out/torch.txt")" | tee -a "$out/runs.txt"
done
echo "threads $threads"
"$here/../median_ratio.sh" "$out/runs.txt"

if [ "$acc_epochs" -gt 0 ]; then
  "$build/tests/bench/train/bench_train" "$data" "$acc_epochs" "$threads" best | tee "$out/best.txt"
  echo "loupe_float_test_accuracy $(awk '/^test_accuracy/ { print $2 }' "$out/best.txt")"
  echo "loupe_int8_test_accuracy $(awk '/^int8_test_accuracy/ { print $2 }' "$out/best.txt")"
fi
