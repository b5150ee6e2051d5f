#!/bin/sh
# valgrind memcheck of one whole run: the built fwctl-report writes a tar archive
# of the mixed lab inside fwctl-sim. Passes when valgrind saw no invalid access,
# no use of uninitialised memory and no definite or indirect leak, and the tool
# exited as it does on that lab (1: the second mlx5 function's refusals).
#   memcheck.sh FWCTL_SIM FWCTL_REPORT LAB SUPPRESSIONS
set -eu
sim=$1 report=$2 lab=$3 supp=$4

work=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-memcheck.XXXXXX")
trap 'rm -rf "$work"' EXIT

# fwctl-sim starts valgrind under umockdev's preload library; valgrind passes
# LD_PRELOAD on to fwctl-report, so the tool sees the emulated devices.
status=0
"$sim" --lab "$lab" -- valgrind --quiet --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
    --suppressions="$supp" --log-file="$work/valgrind.log" \
    "$report" --quiet --tar "$work/report.tar.xz" >"$work/out.log" 2>&1 || status=$?

if [ -s "$work/valgrind.log" ] || [ "$status" -eq 99 ]; then
    echo "memcheck.sh: valgrind found errors (exit status $status):" >&2
    cat "$work/valgrind.log" >&2
    exit 1
fi
if [ "$status" -ne 1 ]; then
    echo "memcheck.sh: fwctl-report exited with $status, expected 1 for this lab:" >&2
    cat "$work/out.log" >&2
    exit 1
fi
if [ ! -s "$work/report.tar.xz" ]; then
    echo "memcheck.sh: no archive was written" >&2
    exit 1
fi
echo "memcheck.sh: clean (fwctl-report exit status $status, archive $(wc -c <"$work/report.tar.xz") bytes)"
