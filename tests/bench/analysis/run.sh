#!/usr/bin/env bash
# Times the slice table and confusion matrix on a 1,000,000-item project (built once, cached in
# the temp dir). Needs the release build: LOUPE_BUILD = build/release.
set -euo pipefail
build="${LOUPE_BUILD:-$(cd "$(dirname "$0")/../../.." && pwd)/build/release}"
"$build/tests/bench/analysis/bench_analysis" "$@"
