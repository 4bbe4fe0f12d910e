# make run  — install what is missing, build, start the server with demo data
# make test — install, build (warnings as errors, ASan+UBSan), run every test
# make bench — release build, benchmarks with baselines measured in the same run
# make fuzz — clang libFuzzer build, each harness for FUZZ_SECONDS from tests/fuzz/corpus (docs/fuzzing.md)
JOBS ?= $(shell nproc)
PORT ?= 8080
DB ?= anjian-demo.db

.PHONY: setup web build build-test run test bench fuzz clean format lint

setup:
	@bash scripts/setup

# The web app (web/): type-check and bundle into web/dist, which `anjian serve` serves.
web: setup
	@if [ -f web/package.json ]; then cd web && npm run build; fi

build: setup web
	cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DANJIAN_WERROR=OFF -DANJIAN_BUILD_TESTS=OFF >/dev/null
	cmake --build build/release -j$(JOBS) --target anjian

run: build
	./build/release/src/cli/anjian serve --db $(DB) --port $(PORT) --demo

build-test: setup
	cmake -S . -B build/test -DCMAKE_BUILD_TYPE=Debug -DANJIAN_SANITIZE=ON -DANJIAN_WERROR=ON >/dev/null
	cmake --build build/test -j$(JOBS)

test: build-test web
	bash scripts/check-format
	bash scripts/lint --changed
	cd build/test && ctest --output-on-failure -j$(JOBS) -LE slow
	@if [ -f web/package.json ]; then \
	  cd web && npm test && \
	  ANJIAN_BIN=$(CURDIR)/build/test/src/cli/anjian E2E_SCREENSHOTS=$(CURDIR)/build/e2e-screenshots npm run e2e; \
	fi

bench: setup
	cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DANJIAN_WERROR=OFF -DANJIAN_BUILD_TESTS=OFF -DANJIAN_BUILD_BENCH=ON >/dev/null
	cmake --build build/bench -j$(JOBS)
	bash bench/run_all.sh build/bench

# libFuzzer harnesses (tests/fuzz): the libraries get fuzzer-no-link coverage plus ASan/UBSan, the
# harness executables -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt). One harness at a time, each
# for FUZZ_SECONDS, from its committed corpus; exits non-zero and names the artefact on a crash.
# FUZZERS picks harnesses; FUZZ_MERGE=1 merges new coverage into tests/fuzz/corpus/.
FUZZ_SECONDS ?= 60
FUZZERS ?= csv xlsx xlsx_parts multipart image json_body policy
FUZZ_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
fuzz: setup
	CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_BUILD_TYPE= -DANJIAN_FUZZ=ON -DANJIAN_BUILD_TESTS=OFF -DANJIAN_WERROR=OFF \
	  -DCMAKE_C_FLAGS="$(FUZZ_FLAGS)" -DCMAKE_CXX_FLAGS="$(FUZZ_FLAGS)" >/dev/null
	cmake --build build/fuzz -j$(JOBS) --target $(addsuffix _fuzzer,$(FUZZERS))
	bash tests/fuzz/run_fuzzers.sh build/fuzz $(FUZZ_SECONDS) $(FUZZERS)

# Rewrite every C++ file with the committed .clang-format (make test checks it).
format:
	bash scripts/check-format --fix

# clang-tidy (.clang-tidy) over src/.
lint: build-test
	bash scripts/lint

clean:
	rm -rf build
