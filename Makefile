# Front door. `make run` and `make test` each work alone on a fresh Debian 12 machine.
SHELL := /bin/bash
JOBS ?= 2
DATA_DIR ?= var
LISTEN ?= 127.0.0.1:8080

.PHONY: run test build release debug web lint format bench fuzz tsan clean bootstrap

bootstrap:
	@tools/bootstrap

web: bootstrap
	@cd web && npm run --silent build

release: bootstrap web
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j$(JOBS)

debug: bootstrap web
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j$(JOBS)

build: release

# Builds the optimised binary (web UI embedded), creates the demo organisation in $(DATA_DIR)
# (on later runs it keeps the data and issues fresh demo passwords) and serves it.
run: release
	./build/release/app/rapport demo --data-dir $(DATA_DIR)
	./build/release/app/rapport serve --data-dir $(DATA_DIR) --listen $(LISTEN)

# The whole suite: lint and layering, unit and integration tests under ASan+UBSan, short
# fuzzing runs, and the browser test of the web UI against the real server.
test: bootstrap
	@tools/run_tests

lint: bootstrap
	@tools/lint

format: bootstrap
	@tools/format

fuzz: bootstrap
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j$(JOBS)
	@ctest --preset fuzz

tsan: bootstrap web
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j$(JOBS)
	@ctest --preset tsan -j$(JOBS)

# Micro-benchmarks and system benchmarks, each beside a baseline measured in the same run.
bench:
	@tools/bootstrap --bench
	@cd web && npm run --silent build
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench -j$(JOBS)
	@build/bench/src/rapport/store/sqlite/store_sqlite_benchmark --benchmark_repetitions=5 \
	  --benchmark_report_aggregates_only=true
	@build/bench/bench/auth/auth_benchmark --benchmark_repetitions=5 \
	  --benchmark_report_aggregates_only=true
	@build/bench/bench/kb/kb_benchmark --benchmark_repetitions=5 \
	  --benchmark_report_aggregates_only=true
	@build/bench/bench/search/search_speed_benchmark --docs 15000,150000
	@bench/http/run.sh build/bench/app/rapport
	@DEMO_CACHE=build/bench/demo-help-cache bench/search/http.sh build/bench/app/rapport

clean:
	rm -rf build web/dist
