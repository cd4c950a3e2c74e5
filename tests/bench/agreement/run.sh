#!/usr/bin/env bash
# Agreement benchmark: Loupe (release build) against scikit-learn/statsmodels/SciPy on the same
# project files. Targets: 1,000,000 labels, every metric from the file in < 2 s; 3,000,000 boxes
# (100,000 items × 3 labelers × 10), box agreement in < 5 s.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../smoke.sh"
build="${LOUPE_BUILD:-$here/../../../build/release}"
bench="$build/tests/bench/agreement/bench_agreement"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "building the projects (not timed)..."
"$bench" make-labels "$work/labels.loupe"
"$bench" make-boxes "$work/boxes.loupe"

compare() {  # what loupe.json python.json target_s
  /usr/bin/python3 - "$@" <<'PY'
import json, sys
what, target = sys.argv[1], float(sys.argv[4])
ours, ref = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
print(f"{what}: loupe {ours['total_s']:.3f} s wall, {ours['cpu_s']:.3f} s CPU (read {ours['load_s']:.3f} s); "
      f"python {ref['total_s']:.3f} s wall, {ref['cpu_s']:.3f} s CPU; "
      f"python/loupe = {ref['total_s'] / ours['total_s']:.1f}x wall, {ref['cpu_s'] / ours['cpu_s']:.1f}x CPU; "
      f"target < {target} s: {'PASS' if ours['total_s'] < target else 'FAIL'} "
      f"(wall; a loaded machine inflates it, CPU time is the machine-independent figure)")
for key, value in ours.items():
    if key.endswith('_s'):
        continue
    other = ref.get(key)
    if isinstance(value, dict):
        for k, v in value.items():
            print(f"  {key}.{k}: loupe {v:.6f} python {other[k]:.6f}")
    else:
        print(f"  {key}: loupe {value} python {other}")
PY
}

"$bench" labels "$work/labels.loupe" >"$work/labels_loupe.json"
/usr/bin/python3 "$here/compare.py" labels "$work/labels.loupe" >"$work/labels_py.json"
compare "labels ($(tiny 100,000 300) items x 10 labelers)" "$work/labels_loupe.json" "$work/labels_py.json" 2

"$bench" boxes "$work/boxes.loupe" >"$work/boxes_loupe.json"
/usr/bin/python3 "$here/compare.py" boxes "$work/boxes.loupe" >"$work/boxes_py.json"
compare "boxes ($(tiny 100,000 300) items x 3 labelers x 10 boxes)" "$work/boxes_loupe.json" "$work/boxes_py.json" 5
