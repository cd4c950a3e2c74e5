# Sourced by the benchmarks' run.sh: `tiny REAL SMALL` prints SMALL when LOUPE_BENCH_SMOKE is set
# (to anything but "" or "0", as tests/bench/bench_size.h reads it), else REAL. The smoke mode
# (tests/bench/run.sh --smoke, run by CI) runs every benchmark once on tiny inputs so none can rot.
bench_smoke() { [ -n "${LOUPE_BENCH_SMOKE:-}" ] && [ "$LOUPE_BENCH_SMOKE" != 0 ]; }
tiny() { if bench_smoke; then echo "$2"; else echo "$1"; fi; }
