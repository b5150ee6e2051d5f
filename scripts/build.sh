#!/usr/bin/env bash
# Configures and builds fwctl-report with CMake and Ninja.
#   ./scripts/build.sh                       build into ./build (RelWithDebInfo)
#   ./scripts/build.sh -DFWCTL_SANITIZE=ON   extra arguments go to the configure step
#   BUILD_DIR=build-asan ./scripts/build.sh  another build directory
#   JOBS=1 ./scripts/build.sh                limit parallel compile jobs
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir=${BUILD_DIR:-build}

# A directory configured by another generator cannot be switched to Ninja.
if [[ -f "$build_dir/CMakeCache.txt" ]] &&
    ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$build_dir/CMakeCache.txt"; then
    echo "build.sh: $build_dir was configured with another generator; remove it or set BUILD_DIR" >&2
    exit 1
fi

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build_dir" ${JOBS:+--parallel "$JOBS"}
