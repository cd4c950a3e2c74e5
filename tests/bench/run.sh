#!/usr/bin/env bash
# Builds the benchmarks (release preset) and runs each tests/bench/<name>/run.sh, or the ones named.
# --smoke (or LOUPE_BENCH_SMOKE=1): each one once on tiny inputs, so none can rot; fails if any
# fails. CI runs it (scripts/test.sh); the figures it prints mean nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
names=()
for a in "$@"; do
  if [ "$a" = --smoke ]; then export LOUPE_BENCH_SMOKE=1; else names+=("$a"); fi
done
scripts/setup.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release
export LOUPE_BUILD="$root/build/release"
if [ "${#names[@]}" -eq 0 ]; then
  for d in tests/bench/*/; do [ -x "$d/run.sh" ] && names+=("$(basename "$d")"); done
fi
failed=()
for n in "${names[@]}"; do
  echo "=== bench: $n"
  SECONDS=0
  if "tests/bench/$n/run.sh"; then echo "=== bench: $n done in ${SECONDS} s"; else failed+=("$n"); fi
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "bench: failed: ${failed[*]}" >&2
  exit 1
fi
