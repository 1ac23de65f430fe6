# SPDX-License-Identifier: GPL-2.0-or-later
#
# Top-level entry points (meson + ninja underneath):
#   make          build everything into build/ (build/nasd, build/nas, ...)
#   make demo     run the main job on the built-in default (see README.md)
#   make check    every test: unit (plain and ASan+UBSan), fuzz smoke,
#                 integration in network namespaces (plain and ASan+UBSan
#                 nasd); prints a closing summary
#   make fuzz     build the libFuzzer harnesses into build-fuzz/
#   make clean    remove the build directories
#
# Every target first makes sure the Debian packages are there
# (scripts/install-deps; it runs apt-get only when something is missing).

MESON ?= meson
NINJA ?= ninja

.PHONY: all deps build demo check unit unit-asan fuzz fuzz-smoke integration \
	integration-asan clean

all: build

deps:
	@scripts/install-deps --check >/dev/null 2>&1 || scripts/install-deps

build/build.ninja: | deps
	$(MESON) setup build

build-asan/build.ninja: | deps
	$(MESON) setup build-asan -Dbuildtype=debug -Db_sanitize=address,undefined \
		-Db_lundef=false

build-fuzz/build.ninja: | deps
	CC=clang $(MESON) setup build-fuzz -Dfuzz=true -Dbuildtype=debug \
		-Db_sanitize=address,undefined -Db_lundef=false

build: deps build/build.ninja
	$(NINJA) -C build

demo: build
	scripts/demo

unit: build
	$(MESON) test -C build --suite unit --print-errorlogs

unit-asan: deps build-asan/build.ninja
	$(NINJA) -C build-asan
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ASAN_OPTIONS=detect_leaks=1 \
		$(MESON) test -C build-asan --suite unit --print-errorlogs

fuzz: deps build-fuzz/build.ninja
	$(NINJA) -C build-fuzz

fuzz-smoke: fuzz
	scripts/fuzz-smoke build-fuzz

integration: build
	scripts/integration

# The daemon tests again against the ASan+UBSan nasd (and nasdial): a
# sanitizer report in any nasd or nasdial log fails the test
# (tests/integration/conftest.py, test_nasdial.py).
integration-asan: deps build-asan/build.ninja
	$(NINJA) -C build-asan
	NASD_BUILD=$(CURDIR)/build-asan scripts/integration \
		tests/integration/test_serial_link.py \
		tests/integration/test_operations.py \
		tests/integration/test_lines.py \
		tests/integration/test_pstn_calls.py \
		tests/integration/test_isdn.py \
		tests/integration/test_callback.py \
		tests/integration/test_isdn_dialout.py \
		tests/integration/test_nasdial.py \
		tests/integration/test_seed001.py \
		tests/integration/test_seed003.py \
		tests/integration/test_seed002.py \
		tests/integration/test_ddr_async.py \
		tests/integration/test_ddr_profiles.py \
		tests/integration/test_seed004.py \
		tests/integration/test_l2tp_interop.py \
		tests/integration/test_l2tp_faults.py \
		tests/integration/test_l2tp_modem.py

check: deps
	scripts/check

clean:
	rm -rf build build-asan build-fuzz
