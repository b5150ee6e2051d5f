#!/usr/bin/env bash
# The test suite built with AddressSanitizer and UndefinedBehaviorSanitizer
# (clang-19), in the instrumented tree it shares with scripts/fuzz.sh
# (scripts/configure-sanitized.sh), run with CTest. Any ASan or UBSan report,
# or a leak, fails the test it happens in. See docs/fuzzing.md.
#
#   ./scripts/sanitize.sh                  build build-asan (suite and fuzz targets), run the suite
#   SANITIZE_BUILD_DIR=... ./scripts/sanitize.sh
#   ./scripts/sanitize.sh -L unit          extra arguments go to ctest
#
# The memcheck test (valgrind) is not part of this build: it runs in the normal
# one (scripts/test.sh), because valgrind cannot run ASan binaries.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir=${SANITIZE_BUILD_DIR:-build-asan}

bash scripts/configure-sanitized.sh "$build_dir"
# Everything, fuzz targets included: scripts/fuzz.sh then finds them built.
cmake --build "$build_dir" ${JOBS:+--parallel "$JOBS"}

# verify_asan_link_order=0: umockdev's preload library comes before libasan in
# the emulated tests (fwctl-sim adds it too, for the programs it starts).
# detect_leaks=1: LeakSanitizer on (the default on x86-64, said explicitly).
# halt_on_error=1 for UBSan: the build already sets -fno-sanitize-recover=undefined;
# this makes a report from an uninstrumented path fatal too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-verify_asan_link_order=0:detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# GObjects from plain malloc, so LeakSanitizer sees umockdev objects we leak.
export G_SLICE=always-malloc

ctest --test-dir "$build_dir" --output-on-failure -j2 "$@"
