#!/usr/bin/env bash
# Import benchmark (issue 2 item 9): 100,000 items with 300,000 boxes imported from COCO JSON and
# from CSV into a new project (the same readDataset + importDataset calls `loupe import` makes);
# open time; `info` time; peak memory; and sqlite3's own `.import` of the same CSV rows as the
# floor. Prints one line per measurement.
set -euo pipefail
build="${LOUPE_BUILD:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/build/release}"
items="${1:-100000}"
boxes="${2:-300000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bench="$build/tests/bench/import/bench_import"

"$bench" generate "$work" "$items" "$boxes"
echo "input: $items items, $boxes boxes; coco $(du -h "$work/boxes.json" | cut -f1), csv $(du -h "$work/boxes.csv" | cut -f1)"

start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/floor.kb" sqlite3 "$work/floor.db" ".mode csv" ".import $work/boxes.csv boxes"
floor_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
echo "sqlite3 .import floor: ${floor_s} s, peak $(cat "$work/floor.kb") KB"

for fmt in coco csv; do
  file="$work/boxes.json"; [ "$fmt" = csv ] && file="$work/boxes.csv"
  line=$("$bench" import "$fmt" "$file" "$work/$fmt.loupe")
  total=$(sed -E 's/.*total_s=([0-9.]+).*/\1/' <<<"$line")
  write=$(sed -E 's/.*write_s=([0-9.]+).*/\1/' <<<"$line")
  echo "import $fmt: $line"
  echo "  total $(awk -v a="$total" -v b="$floor_s" 'BEGIN { printf "%.2f", a / b }')x floor, storage writes alone $(awk -v a="$write" -v b="$floor_s" 'BEGIN { printf "%.2f", a / b }')x floor; file $(du -h "$work/$fmt.loupe" | cut -f1)"
  echo "re-import $fmt (adds nothing): $("$bench" import "$fmt" "$file" "$work/$fmt.loupe")"
done

echo "open + info: $("$bench" open "$work/coco.loupe")"
