#!/usr/bin/env bash
# The one test command: builds when needed, runs the whole CTest suite (unit,
# emulated, cli and crosscheck tests) and lints the man page. Exits non-zero
# if anything fails. Honours BUILD_DIR like scripts/build.sh.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir=${BUILD_DIR:-build}

if [[ -f "$build_dir/build.ninja" ]]; then
    cmake --build "$build_dir" ${JOBS:+--parallel "$JOBS"}   # re-configures by itself when needed
else
    BUILD_DIR=$build_dir bash scripts/build.sh
fi

failed=()

# The man pages must lint clean: any warning (or a missing mandoc) is a failure.
# Linted first so that CTest's summary is the last thing this script prints.
if ! command -v mandoc >/dev/null 2>&1; then
    echo "test.sh: mandoc is not installed (see scripts/install-deps.sh)" >&2
    failed+=("man page lint")
else
    for page in man/fwctl-report.8 man/fwctl-report.5; do
        lint_status=0
        lint=$(mandoc -T lint -W warning "$page" 2>&1) || lint_status=$?
        if [[ -n "$lint" || $lint_status -ne 0 ]]; then
            echo "test.sh: mandoc -T lint -W warning $page reported:" >&2
            printf '%s\n' "$lint" >&2
            failed+=("man page lint ($page)")
        else
            echo "man page lint: $page clean"
        fi
    done
fi

if ! ctest --test-dir "$build_dir" --output-on-failure -j2; then
    failed+=("ctest")
fi

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "test.sh: FAILED: ${failed[*]}" >&2
    exit 1
fi
