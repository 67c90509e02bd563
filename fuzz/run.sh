#!/usr/bin/env bash
# Runs every fuzz target of a fuzz build (see fuzz/CMakeLists.txt) in turn.
#   fuzz/run.sh BUILD_DIR
# Environment: FUZZ_SECONDS (per target, default 60) or FUZZ_RUNS (executions
# per target, overrides FUZZ_SECONDS); FUZZ_TARGETS="nfg solvers" to pick;
# FUZZ_NICE (default 19) the niceness.
# The corpus grows in BUILD_DIR/fuzz/corpus/<name>; crashing inputs land in
# BUILD_DIR/fuzz/artifacts/<name>/ — copy each into
# tests/data/regressions/<name>/ once fixed. Runs under `nice -n ${FUZZ_NICE:-19}`.
set -euo pipefail
build=${1:?usage: fuzz/run.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
manifest=$build/fuzz/fuzzers.txt
[ -f "$manifest" ] || { echo "no $manifest: configure with -DENTENTE_BUILD_FUZZERS=ON and build" >&2; exit 2; }
if [ -n "${FUZZ_RUNS:-}" ]; then limit=(-runs="$FUZZ_RUNS"); else limit=(-max_total_time="${FUZZ_SECONDS:-60}"); fi
# ASan runtime options for throughput (2-3x on the solver target): short
# allocation stacks, a 16 MB quarantine, no malloc fill. Every check stays on.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=2:quarantine_size_mb=16:max_malloc_fill_size=0}
status=0
while read -r name binary seeds; do
  [ -n "$name" ] || continue
  if [ -n "${FUZZ_TARGETS:-}" ] && [[ " $FUZZ_TARGETS " != *" $name "* ]]; then continue; fi
  corpus=$build/fuzz/corpus/$name
  artifacts=$build/fuzz/artifacts/$name/
  mkdir -p "$corpus" "$artifacts"
  dirs=()
  for d in $seeds; do [ -d "$d" ] && dirs+=("$d"); done
  extra=()
  [ -f "$here/$name.dict" ] && extra+=(-dict="$here/$name.dict")
  # fuzz/<name>.flags: extra libFuzzer flags of one target, one line (later
  # flags win, so a -max_len there overrides the default below).
  if [ -f "$here/$name.flags" ]; then
    read -r -a flags <"$here/$name.flags" || true
    extra+=("${flags[@]}")
  fi
  echo "== fuzz target $name: ${limit[*]}"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: an allocation
  # past the size checks shows up as out-of-memory.
  if ! nice -n "${FUZZ_NICE:-19}" "$binary" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
       -print_final_stats=1 -artifact_prefix="$artifacts" ${extra[@]+"${extra[@]}"} "$corpus" "${dirs[@]}" \
       2>"$build/fuzz/$name.log"; then
    status=1
    echo "   FAILED: see $build/fuzz/$name.log and $artifacts"
  fi
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done )" "$build/fuzz/$name.log" | sed 's/^/   /' || true
done <"$manifest"
exit $status
