#!/usr/bin/env bash
# Reads "run N loupe_epoch_seconds S" / "run N torch_epoch_seconds S" lines (the speed
# comparisons of train/ and detection/) and prints the median of each and the ratio of the
# medians, loupe over torch, with the issue's target (<= 0.7).
set -euo pipefail
/usr/bin/python3 - "$1" <<'PY'
import statistics, sys
runs = {"loupe_epoch_seconds": [], "torch_epoch_seconds": []}
for line in open(sys.argv[1]):
    _, _, key, value = line.split()
    runs[key].append(float(value))
loupe, torch = (statistics.median(runs[k]) for k in ("loupe_epoch_seconds", "torch_epoch_seconds"))
print(f"runs {len(runs['loupe_epoch_seconds'])}")
print(f"median_loupe_epoch_seconds {loupe:.3f}")
print(f"median_torch_epoch_seconds {torch:.3f}")
ratio = loupe / torch
print(f"ratio_loupe_over_torch {ratio:.3f}  (target {'met' if ratio <= 0.7 else 'missed'}: <= 0.7)")
PY
