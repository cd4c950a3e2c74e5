#!/usr/bin/env bash
# Detection benchmark (the detection issue's targets), on the box demo (`loupe demo`, 10000 scenes):
#  1. fomo96-det trained from the reference boxes: float and int8 centroid F1 on the test split,
#     int8 bytes, arena bytes, MACs, seconds per epoch (loupe train --task detection);
#  2. the class-agnostic centroid F1 of the stored predictions (loupe detection);
#  3. on the virtual board: the model deployed and run on 100 frames, 0 mismatches required, and
#     the on-board latency under QEMU -icount shift=0 (1 instruction = 1 ns of board time), so
#     latency_us x 1000 = instructions per frame, about the Cortex-M4's cycles at CPI 1;
#  4. training speed: seconds per epoch of fomo96-det in Loupe (no augmentation, batch 32, Adam
#     lr 3e-3, object weight 10) and of the same network and loss in PyTorch (torch_fomo.py) on
#     as many train images and the same threads, RUNS times each alternating; the medians and
#     their ratio (target <= 0.7). Only meaningful on an otherwise idle machine.
# Env: LOUPE_BUILD (release build dir), EPOCHS (default 100), THREADS (default 2), SCENES (default
# 10000, the demo's own size), RUNS (default 3), SPEED_EPOCHS (default 3).
# Recipe: batch 32 at lr 3e-3 with cosine decay, flips, shifts of 4 px, brightness and contrast
# 0.2, noise 0.05, 100 epochs (on 600 scenes photometric augmentation was worth 2.6 points of F1).
# Data matters most: test F1 0.69 at 600 scenes, 0.76 at 3000, 0.79 at 6000, 0.82 at 10000.
# Earlier, with ~420 train scenes a batch of 64 makes an
# epoch 7 optimizer steps and underfits (test F1 0.59 with it at 100 epochs, 0.71 with this
# recipe at 200); zoom augmentation (--scale) cost 0.18 F1 at this schedule, so it stays off.
# Targets: float F1 >= 0.80, int8 within 0.01 of float, class-agnostic F1 >= 0.95, int8 <= 100 KB,
# arena <= 100 KB. It prints the figures and whether each target holds; it does not fail on them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../smoke.sh"
build="${LOUPE_BUILD:-$here/../../../build/release}"
loupe="$build/app/loupe"
epochs="${EPOCHS:-$(tiny 100 1)}"
scenes="${SCENES:-$(tiny 10000 600)}"
threads="${THREADS:-2}"
runs="${RUNS:-$(tiny 3 1)}"
speed_epochs="${SPEED_EPOCHS:-$(tiny 3 1)}"
out="$(mktemp -d)"
board=""
cleanup() {
  [ -n "$board" ] && kill "$board" 2>/dev/null && wait "$board" 2>/dev/null
  rm -rf "$out"
}
trap cleanup EXIT

"$loupe" demo "$out/box.loupe" --kind boxes --scenes "$scenes" >/dev/null
SECONDS=0
"$loupe" train "$out/box.loupe" --task detection --arch fomo96-det --name det --epochs "$epochs" \
  --threads "$threads" --batch-size 32 --lr 3e-3 --cosine --patience 0 --flip --shift 4 \
  --brightness 0.2 --contrast 0.2 --noise 0.05 --json >"$out/train.json"
train_s=$SECONDS
"$loupe" detection "$out/box.loupe" --model det --reference reference --where split=test --json >"$out/det.json"

# The virtual board: deploy, compare with the host on 30 frames, read the on-board latency.
LOUPE_QEMU_ICOUNT=0 "$loupe" device virtual --json --link "$out/board" >"$out/virtual.json" &
board=$!
for _ in $(seq 100); do [ -e "$out/board" ] && break; sleep 0.1; done
"$loupe" device deploy --port "$out/board" "$out/box.loupe" --model det --json >"$out/deploy.json"
"$loupe" device infer --port "$out/board" --frames 100 --check "$out/box.loupe" --model det --json >"$out/infer.json"

# Training speed against PyTorch, alternating, with the virtual board stopped (QEMU would load a core).
kill "$board" 2>/dev/null && wait "$board" 2>/dev/null || true
board=""
"$loupe" info "$out/box.loupe" --json >"$out/info.json"
train_items="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["train_items"])' "$out/train.json")"
classes="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["classes"])' "$out/info.json")"
for run in $(seq "$runs"); do
  cp "$out/box.loupe" "$out/speed.loupe"
  "$loupe" train "$out/speed.loupe" --task detection --arch fomo96-det --name speed --epochs "$speed_epochs" \
    --threads "$threads" --batch-size 32 --lr 3e-3 --patience 0 --json >"$out/speed.json"
  echo "run $run loupe_epoch_seconds $(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["epoch_seconds"])' "$out/speed.json")" | tee -a "$out/runs.txt"
  /usr/bin/python3 "$here/torch_fomo.py" "$train_items" "$speed_epochs" "$threads" 32 "$classes" 3e-3 10 >"$out/torch.txt"
  echo "run $run torch_epoch_seconds $(awk '/^epoch/ { s += $4; n++ } END { printf "%.3f", s / n }' "$out/torch.txt")" | tee -a "$out/runs.txt"
done
"$here/../median_ratio.sh" "$out/runs.txt"

/usr/bin/python3 - "$out" "$train_s" <<'PY'
import json, sys
out, train_s = sys.argv[1], float(sys.argv[2])
t = json.load(open(f"{out}/train.json"))
d = json.load(open(f"{out}/det.json"))
i = json.load(open(f"{out}/infer.json"))
agnostic = d["centroid"]["class_agnostic"]["f1"]
rows = [
    ("epochs_run", t.get("epochs_run"), None),
    ("float_f1", t["float_f1"], t["float_f1"] >= 0.80),
    ("int8_f1", t["int8_f1"], abs(t["float_f1"] - t["int8_f1"]) <= 0.01),
    ("class_agnostic_f1", agnostic, agnostic >= 0.95),
    ("float_map_50", t["float_map_50"], None),
    ("int8_bytes", t["int8_bytes"], t["int8_bytes"] <= 100 * 1024),
    ("arena_bytes", t["arena_bytes"], t["arena_bytes"] <= 100 * 1024),
    ("macs", t["macs"], None),
    ("epoch_seconds", t["epoch_seconds"], None),
    ("train_seconds", train_s, None),
    ("board_frames_compared", i["compared"], None),
    ("board_mismatches", i["mismatches"], i["mismatches"] == 0),
    ("board_instructions_per_frame", round(i["mean_latency_us"] * 1000), None),
]
for name, value, ok in rows:
    print(f"{name} {value}" + ("" if ok is None else ("  (target met)" if ok else "  (target missed)")))
PY
