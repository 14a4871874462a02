# Makefile - a thin wrapper over CMake (CMakeLists.txt is the one build truth): `make` builds
# build/dyad; `make test`, `make asan`, `make bench`, `make lint`, `make fuzz`, `make fuzz-smoke`,
# `make clean`.
SHELL := /bin/bash
BUILD := build
ASAN_BUILD := build-asan
CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
JOBS := 2
DYAD_PKGS := libxml-2.0 libutf8proc jansson sqlite3 libpq libmicrohttpd

.PHONY: all configure test asan bench lint fuzz fuzz-smoke clean

all: configure
	cmake --build $(BUILD) -j$(JOBS)

# Configures only when there is no generated build system yet (a failed configure leaves
# CMakeCache.txt but no Makefile, so it is retried); cmake --build re-runs it when needed.
configure:
	@if [ ! -f $(BUILD)/Makefile ] && [ ! -f $(BUILD)/build.ninja ]; then \
	  echo "cmake -S . -B $(BUILD) $(CMAKE_FLAGS)"; cmake -S . -B $(BUILD) $(CMAKE_FLAGS); fi

# Runs the whole CTest suite, then prints one line "N passed, N failed" from CTest's own summary
# ("X tests failed out of Y"); fails when any test failed or CTest gave no summary.
test:
	bash tools/install-test-deps.sh
	$(MAKE) --no-print-directory all
	@set -o pipefail; rc=0; \
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) 2>&1 | tee $(BUILD)/ctest.log || rc=$$?; \
	summary=$$(grep -E '[0-9]+ tests? failed out of [0-9]+' $(BUILD)/ctest.log | tail -n 1); \
	if [ -n "$$summary" ]; then \
	  failed=$$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$$summary"); \
	  total=$$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$$summary"); \
	elif grep -q 'No tests were found' $(BUILD)/ctest.log; then failed=0; total=0; \
	else echo "make test: ctest printed no summary (exit $$rc); see $(BUILD)/ctest.log" >&2; exit 1; fi; \
	echo "$$((total - failed)) passed, $$failed failed"; \
	[ "$$failed" -eq 0 ] && [ "$$rc" -eq 0 ]

# Same suite under AddressSanitizer + UBSan in a separate build directory, minus `slow` tests.
asan:
	bash tools/install-test-deps.sh
	cmake -S . -B $(ASAN_BUILD) $(CMAKE_FLAGS) -DDYAD_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	ASAN_OPTIONS=abort_on_error=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir $(ASAN_BUILD) --output-on-failure -j$(JOBS) -LE slow

bench: all
	bash bench/run.sh

# clang-tidy's default checks minus the Annex K "use memcpy_s" advice; add
# LINT_FLAGS=--warnings-as-errors='*' to make findings fatal.
LINT_CHECKS := -clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling
LINT_FLAGS ?=
lint: configure
	@test -f $(BUILD)/compile_commands.json || { echo "make lint: no $(BUILD)/compile_commands.json; run: rm -rf $(BUILD) && make configure" >&2; exit 1; }
	clang-tidy -p $(BUILD) --quiet -checks='$(LINT_CHECKS)' $(LINT_FLAGS) $(wildcard src/*.c)

# Builds each fuzz/fuzz_*.c as a libFuzzer binary in build/fuzz/, linked against an instrumented
# static archive of the library sources and generated tables (so `all` runs first, and a target
# pulls in only the modules it uses). Run one with: build/fuzz/fuzz_x -max_total_time=60
FUZZ_SRCS := $(wildcard fuzz/fuzz_*.c)
LIB_SRCS := $(filter-out src/main.c,$(wildcard src/*.c)) $(BUILD)/gen/embedded_data.c $(BUILD)/gen/embedded_web.c $(BUILD)/gen/lemma_table.c $(BUILD)/gen/gazetteer_blob.c
FUZZ_CFLAGS := -std=c11 -g -O1 -D_POSIX_C_SOURCE=200809L -DDYAD_VERSION='"fuzz"' -Iinclude -Isrc
FUZZ_SAN := address,undefined
fuzz:
ifeq ($(strip $(wildcard fuzz/*.c)),)
	@echo "no fuzz targets yet"
else
	$(MAKE) --no-print-directory all
	@set -e; rm -rf $(BUILD)/fuzz; mkdir -p $(BUILD)/fuzz/obj; \
	for s in $(LIB_SRCS); do \
	  clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) $$(pkg-config --cflags $(DYAD_PKGS)) \
	    -c $$s -o $(BUILD)/fuzz/obj/$$(basename $$s .c).o; \
	done; \
	ar rcs $(BUILD)/fuzz/libdyadfuzz.a $(BUILD)/fuzz/obj/*.o; \
	for f in $(FUZZ_SRCS); do \
	  out=$(BUILD)/fuzz/$$(basename $$f .c); echo "fuzz: building $$out"; \
	  clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) $$f $(BUILD)/fuzz/libdyadfuzz.a \
	    $$(pkg-config --cflags --libs $(DYAD_PKGS)) -lm -o $$out; \
	done
endif

# Builds the fuzz targets, then runs each for FUZZ_SECONDS on a temp copy of its seed corpus
# fuzz/corpus/NAME (new inputs never land in the tree); fails on the first crash, leak or timeout.
# A crashing input is kept in build/fuzz/crash-* to reproduce with build/fuzz/fuzz_NAME FILE.
FUZZ_SECONDS := 20
fuzz-smoke: fuzz
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	for f in $(FUZZ_SRCS); do \
	  name=$$(basename $$f .c); seeds=fuzz/corpus/$${name#fuzz_}; \
	  mkdir -p $$tmp/$$name; if [ -d $$seeds ]; then cp -r $$seeds/. $$tmp/$$name/; fi; \
	  echo "fuzz-smoke: $$name for $(FUZZ_SECONDS) s"; \
	  if ! $(BUILD)/fuzz/$$name -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	       -artifact_prefix=$(BUILD)/fuzz/ -print_final_stats=1 $$tmp/$$name >$$tmp/$$name.log 2>&1; then \
	    tail -n 60 $$tmp/$$name.log; echo "fuzz-smoke: $$name FAILED (input saved as $(BUILD)/fuzz/crash-* or leak-* or timeout-*)" >&2; exit 1; \
	  fi; \
	  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' $$tmp/$$name.log | tr '\n' ' '; echo; \
	done; echo "fuzz-smoke: all targets ran $(FUZZ_SECONDS) s with no finding"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
