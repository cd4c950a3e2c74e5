#!/usr/bin/env bash
# Fashion-MNIST int8 benchmark: float vs int8 test accuracy (target: within 0.5 points), int8
# blob bytes (target: <= 64 KB), runtime arena bytes and MACs of fmnist-cnn.
# Env: LOUPE_BUILD (release build dir), EPOCHS (default 8), THREADS (default 2), FMNIST_DIR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${LOUPE_BUILD:-$here/../../../build/release}"
"$build/tests/bench/quant/bench_quant" "${FMNIST_DIR:-/usr/share/datasets/fashion-mnist}" "${EPOCHS:-8}" "${THREADS:-2}"
