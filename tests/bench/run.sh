#!/usr/bin/env bash
# Builds the benchmarks (release preset) and runs each tests/bench/<name>/run.sh, or the ones named.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
scripts/setup.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release
export LOUPE_BUILD="$root/build/release"
names=("$@")
if [ "${#names[@]}" -eq 0 ]; then
  for d in tests/bench/*/; do [ -x "$d/run.sh" ] && names+=("$(basename "$d")"); done
fi
for n in "${names[@]}"; do
  echo "=== bench: $n"
  "tests/bench/$n/run.sh"
done
