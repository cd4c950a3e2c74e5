#!/usr/bin/env bash
# Fashion-MNIST training benchmark: Loupe's fmnist-cnn (float test accuracy, seconds per epoch)
# against the same architecture and recipe in PyTorch on the same number of threads, run
# back to back. Prints both and the ratio loupe/torch of mean epoch seconds (< 1: Loupe faster).
# Env: LOUPE_BUILD (release build dir), EPOCHS (Loupe, default 8), TORCH_EPOCHS (default 2),
#      THREADS (default 2), FMNIST_DIR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${LOUPE_BUILD:-$here/../../../build/release}"
data="${FMNIST_DIR:-/usr/share/datasets/fashion-mnist}"
threads="${THREADS:-2}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

"$build/tests/bench/train/bench_train" "$data" "${EPOCHS:-8}" "$threads" | tee "$out/loupe.txt"
/usr/bin/python3 "$here/torch_fmnist.py" "$data" "${TORCH_EPOCHS:-2}" "$threads" | tee "$out/torch.txt"

mean_epoch() { awk '/^epoch/ { s += $4; n++ } END { printf "%.2f", s / n }' "$1"; }
loupe_s="$(mean_epoch "$out/loupe.txt")"
torch_s="$(mean_epoch "$out/torch.txt")"
echo "threads $threads"
echo "loupe_epoch_seconds $loupe_s"
echo "torch_epoch_seconds $torch_s"
echo "loupe_test_accuracy $(awk '/^test_accuracy/ { print $2 }' "$out/loupe.txt")"
awk -v a="$loupe_s" -v b="$torch_s" 'BEGIN { printf "ratio_loupe_over_torch %.3f\n", a / b }'
