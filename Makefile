# Broadsheet: `make site` builds the sample site into Public/, `make test` runs the tests.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps site test serve bench fuzz clean

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
	$(SWIFT) run -c release broadsheet build

test: deps
	$(SWIFT) test

serve: deps
	$(SWIFT) run -c release broadsheet serve

clean:
	rm -rf .build Public
