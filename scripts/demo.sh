#!/usr/bin/env bash
# Prints the report of the bundled emulated lab (tests/labs/mixed.yaml): the
# built fwctl-report runs unchanged under fwctl-sim, which emulates the lab's
# fwctl devices with umockdev. No real device is touched.
#   ./scripts/demo.sh                 YAML report on stdout
#   ./scripts/demo.sh --format json   extra arguments go to fwctl-report
#   ./scripts/demo.sh --list
# The exit status is fwctl-report's (see README.md, "Exit codes").
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir=${BUILD_DIR:-build}
sim=$build_dir/tests/sim/fwctl-sim
tool=$build_dir/report/cli/fwctl-report

for f in "$sim" "$tool"; do
    if [[ ! -x "$f" ]]; then
        echo "demo.sh: $f is missing; run ./scripts/build.sh first" >&2
        exit 3
    fi
done

exec "$sim" --lab tests/labs/mixed.yaml -- "$tool" "$@"
