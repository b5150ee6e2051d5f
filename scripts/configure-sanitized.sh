#!/usr/bin/env bash
# Configures the one instrumented build tree that scripts/sanitize.sh (the test
# suite) and scripts/fuzz.sh (the libFuzzer targets) share: clang-19, ASan +
# UBSan, libFuzzer coverage (FWCTL_FUZZ=ON, cmake/Fuzzing.cmake). One tree, so
# the libraries are compiled once for both checks.
#
#   scripts/configure-sanitized.sh [BUILD_DIR]     default: build-asan
#   CXX=clang++-19 CC=clang-19 (the defaults) choose the compiler.
#
# -O1: fast enough to fuzz and to run the suite (ASan's own advice). Line tables
# only (-gline-tables-only): enough for the file:line of every frame in a
# sanitizer report or a fuzz crash, and 15% faster to compile than full -g.
# ccache is used when installed, except in CI (no cache to reuse).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir=${1:-build-asan}
cxx=${CXX:-clang++-19}
cc=${CC:-clang-19}

if ! command -v "$cxx" >/dev/null 2>&1; then
    echo "configure-sanitized.sh: $cxx not found; install clang-19 and libclang-rt-19-dev (scripts/install-deps.sh)" >&2
    exit 1
fi
# A tree configured by another compiler (an older g++ build-asan) cannot be switched.
if [[ -f "$build_dir/CMakeCache.txt" ]] && ! grep -q "^CMAKE_CXX_COMPILER:.*=.*${cxx##*/}\$" "$build_dir/CMakeCache.txt"; then
    echo "configure-sanitized.sh: $build_dir was configured with another compiler; remove it" >&2
    exit 1
fi

launcher=()
if command -v ccache >/dev/null 2>&1 && [[ -z ${CI:-} ]]; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$build_dir" -G Ninja -DFWCTL_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only -O1" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" \
    "${launcher[@]}" >/dev/null
