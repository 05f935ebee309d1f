# Broadsheet: `make site` builds the sample site into Public/, `make test` runs the tests.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
## Release builds link the Swift runtime and Foundation into the program (README, Decisions);
## `swift run` has no such option, so the program is built, then run from where it was built.
RELEASE := -c release --static-swift-stdlib
BROADSHEET = "$$($(SWIFT) build -c release --show-bin-path)/broadsheet"

.PHONY: deps site test serve bench fuzz clean browser-test

## Install libcmark-dev when pkg-config cannot find libcmark (apt-get; sudo only when not root).
deps:
	@if ! pkg-config --exists libcmark 2>/dev/null; then \
		if command -v apt-get >/dev/null 2>&1; then \
			echo "Installing libcmark-dev (and pkg-config) with apt-get..."; \
			$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcmark-dev pkg-config; \
		else \
			echo "error: libcmark was not found and apt-get is not available; install cmark (with its pkg-config file) with your package manager" >&2; \
			exit 1; \
		fi; \
	fi

site: deps
	$(SWIFT) build $(RELEASE) --product broadsheet
	$(BROADSHEET) build

test: deps
	$(SWIFT) test

serve: deps
	$(SWIFT) build $(RELEASE) --product broadsheet
	$(BROADSHEET) serve

## The default theme in headless Chromium (installed with apt-get when missing): search
## from file:// and under a subpath over HTTP; screenshots in /tmp/broadsheet-shots.
browser-test: deps
	SWIFT="$(SWIFT)" bash Tests/browser/run.sh

## Benchmarks (see BENCHMARKS.md): Broadsheet against Hugo and a libcmark floor on a
## generated corpus; writes BENCHMARKS.md. Not part of `make test`.
##   make bench                                  1,000 and 10,000 articles, output on disk and tmpfs
##   make bench BENCH_SIZES="1000 10000 50000"   also 50,000 (one run each above 10,000)
##   make bench BENCH_RUNS=9 BENCH_MEDIA=disk    more runs, disk only
BENCH_SIZES ?= 1000 10000
BENCH_RUNS ?= 5
BENCH_MEDIA ?= disk tmpfs
bench: deps
	@missing=""; \
	command -v hyperfine >/dev/null 2>&1 || missing="$$missing hyperfine"; \
	[ -x /usr/bin/time ] || missing="$$missing time"; \
	command -v cc >/dev/null 2>&1 || missing="$$missing gcc"; \
	command -v python3 >/dev/null 2>&1 || missing="$$missing python3"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v hugo >/dev/null 2>&1 || echo "note: hugo is not installed (apt-get install hugo); its columns stay empty"
	$(SWIFT) build $(RELEASE) --product broadsheet
	python3 bench/bench.py --sizes "$(BENCH_SIZES)" --runs $(BENCH_RUNS) --media "$(BENCH_MEDIA)"

## Fuzzing (see fuzz/run.sh): libFuzzer + AddressSanitizer on the content parsers (front
## matter and YAML, wire dumps, dates, datelines, slugs, markdown limits), seeded from
## fuzz/corpus/. Builds into .build-fuzz/, where crashes land too. Not part of `make test`.
##   make fuzz                    60 seconds
##   make fuzz FUZZ_SECONDS=900   longer
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) ./fuzz/run.sh

clean:
	rm -rf .build Public
