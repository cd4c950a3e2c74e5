#!/usr/bin/env bash
# Reading speed of the COCO and CSV readers on 100,000 images / 300,000 boxes, next to sqlite3's
# own `.import` of the same CSV into a new database file (the floor the import must stay within 2x of).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../smoke.sh"
build="${LOUPE_BUILD:?set LOUPE_BUILD to the release build folder}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$build/tests/bench/formats/bench_formats" "$work" "${BENCH_IMAGES:-$(tiny 100000 200)}"
TIMEFORMAT='sqlite3 .import of bench.csv (floor): %R s wall, %U s user + %S s sys CPU'
time sqlite3 "$work/floor.db" ".mode csv" ".import $work/bench.csv boxes"
echo "  rows imported: $(sqlite3 "$work/floor.db" 'select count(*) from boxes')"
