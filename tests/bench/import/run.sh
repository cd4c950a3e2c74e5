#!/usr/bin/env bash
# Import benchmark (issue 2 item 9): 100,000 items with 300,000 boxes imported from COCO JSON and
# from CSV into a new project (the same readDataset + importDataset calls `loupe import` makes);
# open time; `info` time; peak memory; and sqlite3's own `.import` of the same rows as the floor
# (see README.md for what each floor measures). Prints one line per measurement; wall and CPU
# (user + system) seconds, since the machine may be shared.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../smoke.sh"
build="${LOUPE_BUILD:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/build/release}"
items="${1:-$(tiny 100000 200)}"
boxes="${2:-$(tiny 300000 600)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bench="$build/tests/bench/import/bench_import"

# Runs "$@" under /usr/bin/time; prints "wall_s=.. cpu_s=.. peak_kb=..".
timed() {
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null
  awk '{ printf "wall_s=%.3f cpu_s=%.3f peak_kb=%d", $1, $2 + $3, $4 }' "$work/time"
}
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

"$bench" generate "$work" "$items" "$boxes"
echo "input: $items items, $boxes boxes; coco $(du -h "$work/boxes.json" | cut -f1), csv $(du -h "$work/boxes.csv" | cut -f1)"

raw=$(timed sqlite3 "$work/raw.db" ".mode csv" ".import $work/boxes.csv boxes")
echo "sqlite3 .import of boxes.csv into one bare table (reference only): $raw"

declare -A imported
for fmt in coco csv; do
  file="$work/boxes.json"; [ "$fmt" = csv ] && file="$work/boxes.csv"
  imported[$fmt]=$("$bench" import "$fmt" "$file" "$work/$fmt.loupe")
  echo "import $fmt: ${imported[$fmt]}"
  echo "re-import $fmt (adds nothing): $("$bench" import "$fmt" "$file" "$work/$fmt.loupe")"
done

# The floor: the rows the COCO import stored (every table it wrote to, change log included),
# dumped to CSV untimed, then loaded by sqlite3 into a new, empty project the fastest way
# SQLite offers: one transaction, secondary indexes dropped and created again after the load
# (as the import does), the project's own WAL journal.
"$bench" create "$work/floor.loupe"
tables=$(sqlite3 "$work/floor.loupe" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
load=(".mode csv" "BEGIN")
for t in $tables; do
  [ "$(sqlite3 "$work/floor.loupe" "SELECT count(*) FROM \"$t\"")" = 0 ] || continue
  [ "$(sqlite3 "$work/coco.loupe" "SELECT count(*) FROM \"$t\"")" != 0 ] || continue
  sqlite3 "$work/coco.loupe" ".mode csv" ".output $work/floor_$t.csv" "SELECT * FROM \"$t\""
  load+=(".import $work/floor_$t.csv $t")
done
indexes="tbl_name IN (SELECT name FROM sqlite_master WHERE type = 'table') AND type = 'index' AND sql IS NOT NULL"
drops=$(sqlite3 "$work/floor.loupe" "SELECT 'DROP INDEX \"' || name || '\";' FROM sqlite_master WHERE $indexes")
creates=$(sqlite3 "$work/floor.loupe" "SELECT sql || ';' FROM sqlite_master WHERE $indexes")
floor=$(timed sqlite3 "$work/floor.loupe" "${load[0]}" "${load[1]}" "$drops" "${load[@]:2}" "$creates" "COMMIT")
echo "sqlite3 .import floor (same rows, same tables and indexes): $floor;" \
  "rows $(sqlite3 "$work/floor.loupe" "SELECT (SELECT count(*) FROM items) || ' items, ' || (SELECT count(*) FROM annotations) || ' annotations'")"
floor_wall=$(field wall_s "$floor")
floor_cpu=$(field cpu_s "$floor")

for fmt in coco csv; do
  line=${imported[$fmt]}
  echo "import $fmt against the floor: total $(ratio "$(field total_s "$line")" "$floor_wall")x wall," \
    "$(ratio "$(field cpu_s "$line")" "$floor_cpu")x cpu; storage writes alone $(ratio "$(field write_s "$line")" "$floor_wall")x wall;" \
    "file $(du -h "$work/$fmt.loupe" | cut -f1) (floor $(du -h "$work/floor.loupe" | cut -f1))"
done

echo "open + info: $("$bench" open "$work/coco.loupe")"
