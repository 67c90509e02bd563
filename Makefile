# The README's two commands: `make demo` and `make test`. Each installs the
# Debian packages that are missing, builds in Release and runs its job.
PYTHON ?= /usr/bin/python3
BUILD ?= build
JOBS ?= $(shell nproc)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

DEBS := cmake g++ make libeigen3-dev libglpk-dev libgmp-dev libgtest-dev pybind11-dev \
        python3-dev python3-numpy python3-scipy python3-pytest lrslib nlohmann-json3-dev \
        libcli11-dev libbenchmark-dev python3-matplotlib python3-nbclient python3-ipykernel \
        libmuparser-dev python3-tqdm python3-distributed clang

.PHONY: deps build demo test bench clean

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
	PYTHONPATH=$(BUILD)/python $(PYTHON) bench/zero_sum_vs_scipy.py
	PYTHONPATH=$(BUILD)/python $(PYTHON) bench/ce_vs_scipy.py
	PYTHONPATH=$(BUILD)/python $(PYTHON) bench/pure_nash_vs_numpy.py

clean:
	rm -rf $(BUILD)
