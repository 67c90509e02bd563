#!/bin/sh
# `make sanitize` runs pytest with ASAN_OPTIONS=detect_leaks=0 because
# CPython does not free everything at exit; the CLI processes pytest spawns
# are entirely ours, so this wrapper (ENTENTE_CLI in that run) restores
# LeakSanitizer for them. The sanitized CLI links libasan itself: no preload.
unset LD_PRELOAD
ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 exec "${ENTENTE_SANITIZED_CLI:?path of the sanitized entente CLI}" "$@"
