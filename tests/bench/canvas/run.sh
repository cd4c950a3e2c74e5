#!/usr/bin/env bash
# Canvas (50 vs 5,000 boxes) and browser (100,000 items) benchmarks; prints the figures.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../smoke.sh"
build="${LOUPE_BUILD:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/build/release}"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
"$build/tests/bench/canvas/bench_canvas"
"$build/tests/bench/canvas/bench_browser" "$(tiny 100000 200)"
