#!/usr/bin/env bash
# The test suite built with AddressSanitizer and UndefinedBehaviorSanitizer
# (FWCTL_SANITIZE=ON) in its own build directory, run with CTest. Any ASan or
# UBSan report, or a leak, fails the test it happens in. See docs/fuzzing.md.
#
#   ./scripts/sanitize.sh                  build build-asan, run the suite
#   SANITIZE_BUILD_DIR=... ./scripts/sanitize.sh
#   ./scripts/sanitize.sh -L unit          extra arguments go to ctest
#
# -O1 -g instead of RelWithDebInfo's -O2: the build is the slow part on two
# cores, -O1 compiles faster, and ASan's own guidance is -O1 for readable traces.
# The memcheck test (valgrind) is not part of this build: it runs in the normal
# one (scripts/test.sh), because valgrind cannot run ASan binaries.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir=${SANITIZE_BUILD_DIR:-build-asan}

launcher=()
if command -v ccache >/dev/null 2>&1 && [[ -z ${CI:-} ]]; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
BUILD_DIR=$build_dir bash scripts/build.sh -DFWCTL_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1" "${launcher[@]}"

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
