#!/usr/bin/env bash
# Canvas and browser benchmarks; prints the figures. Needs the release build ($LOUPE_BUILD).
set -euo pipefail
build="${LOUPE_BUILD:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/build/release}"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
"$build/tests/bench/canvas/bench_canvas"
