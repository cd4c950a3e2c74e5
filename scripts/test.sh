#!/usr/bin/env bash
# Installs what is missing, builds with ASan + UBSan and runs every test; then builds the release
# preset too (the app, its libraries, the firmware and the benchmarks: -O3 finds warnings the test
# build does not; the tests themselves are built once, in the test build) and runs each benchmark
# once on tiny inputs (tests/bench/run.sh --smoke), so no build and no benchmark can rot.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
cmake --preset asan
cmake --build --preset asan -j "$(nproc)"
cmake --preset release
cmake --build --preset release -j "$(nproc)"
ctest --preset asan -j "$(nproc)" "$@"
tests/bench/run.sh --smoke
