#!/usr/bin/env bash
# Times the slice table and confusion matrix on a 1,000,000-item project (built once, cached in
# the temp dir). Needs the release build: LOUPE_BUILD = build/release.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../smoke.sh"
build="${LOUPE_BUILD:-$(cd "$(dirname "$0")/../../.." && pwd)/build/release}"
if bench_smoke && [ "$#" -eq 0 ]; then  # a fresh tiny project, never the cached 1M-item one
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  set -- "$work/smoke.loupe"
fi
"$build/tests/bench/analysis/bench_analysis" "$@"
