# The README's two commands: `make demo` and `make test`. Each installs the
# Debian packages that are missing, builds in Release and runs its job.
PYTHON ?= /usr/bin/python3
BUILD ?= build
JOBS ?= $(shell nproc)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

DEBS := cmake g++ make libeigen3-dev libglpk-dev libgmp-dev libgtest-dev pybind11-dev \
        python3-dev python3-numpy python3-scipy python3-pytest lrslib nlohmann-json3-dev \
        libcli11-dev libbenchmark-dev python3-matplotlib python3-nbclient python3-ipykernel \
        libmuparser-dev python3-tqdm python3-distributed clang pkgconf python3-mypy

.PHONY: deps build demo test bench fuzz sanitize clean

deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=$(PYTHON)
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/entente

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	PYTHONPATH=$(BUILD)/python ENTENTE_CLI=$(abspath $(BUILD))/entente $(PYTHON) -m pytest tests/python -q

# Benchmarks beside their peers (lrsnash, scipy); not part of the tests.
bench: build
	cmake -S . -B $(BUILD) -DENTENTE_BUILD_BENCHMARKS=ON
	cmake --build $(BUILD) --target bench_enumeration -j $(JOBS)
	./$(BUILD)/bench/bench_enumeration
	cmake --build $(BUILD) --target bench_nplayer_mixed -j $(JOBS)
	./$(BUILD)/bench/bench_nplayer_mixed 10 3
	PYTHONPATH=$(BUILD)/python $(PYTHON) bench/zero_sum_vs_scipy.py
	PYTHONPATH=$(BUILD)/python $(PYTHON) bench/ce_vs_scipy.py
	PYTHONPATH=$(BUILD)/python $(PYTHON) bench/pure_nash_vs_numpy.py
	PYTHONPATH=$(BUILD)/python $(PYTHON) bench/sequence_form_vs_normal_form.py
	PYTHONPATH=$(BUILD)/python $(PYTHON) bench/alliances_vs_numpy.py
	PYTHONPATH=$(BUILD)/python $(PYTHON) bench/alliances_scale.py
	PYTHONPATH=$(BUILD)/python ENTENTE_CLI=$(abspath $(BUILD))/entente $(PYTHON) bench/bench_sweep.py
	PYTHONPATH=$(BUILD)/python $(PYTHON) bench/coop_vs_scipy.py

# Fuzzing (clang's libFuzzer, ASan + UBSan): every target of fuzz/ for
# FUZZ_SECONDS each, or FUZZ_RUNS executions each; see docs/reliability.md.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
fuzz: deps
	cmake --preset fuzz -B $(FUZZ_BUILD)
	cmake --build $(FUZZ_BUILD) --target fuzzers -j $(JOBS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_TARGETS="$(FUZZ_TARGETS)" fuzz/run.sh $(FUZZ_BUILD)

# The whole ctest suite and pytest under AddressSanitizer + UBSan (slow:
# not part of `make test`); pytest loads the sanitized module with libasan
# preloaded, and libstdc++ with it: python3 does not link libstdc++, so
# without it ASan cannot find the real __cxa_throw and aborts on the first
# C++ exception (google/sanitizers#934, GCC PR 84428). detect_leaks=0:
# CPython does not free everything at exit; the CLI runs pytest starts go
# through tests/sanitize/cli_with_leak_check.sh, which turns leak checks on.
SANITIZE_BUILD ?= build-sanitize
sanitize: deps
	cmake --preset sanitize -B $(SANITIZE_BUILD)
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cd $(SANITIZE_BUILD) && ASAN_OPTIONS=halt_on_error=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)
	LD_PRELOAD="$$(g++ -print-file-name=libasan.so) $$(g++ -print-file-name=libstdc++.so)" ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 PYTHONPATH=$(SANITIZE_BUILD)/python \
	  ENTENTE_CLI=$(abspath tests/sanitize/cli_with_leak_check.sh) ENTENTE_SANITIZED_CLI=$(abspath $(SANITIZE_BUILD))/entente \
	  $(PYTHON) -m pytest tests/python -q

clean:
	rm -rf $(BUILD)
