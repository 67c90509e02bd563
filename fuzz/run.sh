#!/usr/bin/env bash
# Runs every fuzz target of a fuzz build (see fuzz/CMakeLists.txt) in turn.
#   fuzz/run.sh BUILD_DIR
# Environment: FUZZ_SECONDS (per target, default 60) or FUZZ_RUNS (executions
# per target, overrides FUZZ_SECONDS); FUZZ_TARGETS="nfg solvers" to pick.
# The corpus grows in BUILD_DIR/fuzz/corpus/<name>; crashing inputs land in
# BUILD_DIR/fuzz/artifacts/<name>/ — copy each into
# tests/data/regressions/<name>/ once fixed. Runs under `nice -n 19`.
set -euo pipefail
build=${1:?usage: fuzz/run.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
manifest=$build/fuzz/fuzzers.txt
[ -f "$manifest" ] || { echo "no $manifest: configure with -DENTENTE_BUILD_FUZZERS=ON and build" >&2; exit 2; }
if [ -n "${FUZZ_RUNS:-}" ]; then limit=(-runs="$FUZZ_RUNS"); else limit=(-max_total_time="${FUZZ_SECONDS:-60}"); fi
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
  echo "== fuzz target $name: ${limit[*]}"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: an allocation
  # past the size checks shows up as out-of-memory.
  if ! nice -n 19 "$binary" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
       -print_final_stats=1 -artifact_prefix="$artifacts" "${extra[@]}" "$corpus" "${dirs[@]}" \
       2>"$build/fuzz/$name.log"; then
    status=1
    echo "   FAILED: see $build/fuzz/$name.log and $artifacts"
  fi
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done )" "$build/fuzz/$name.log" | sed 's/^/   /' || true
done <"$manifest"
exit $status
