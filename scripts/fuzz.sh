#!/usr/bin/env bash
# Builds the libFuzzer targets in the instrumented tree shared with
# scripts/sanitize.sh (scripts/configure-sanitized.sh: clang-19, ASan+UBSan),
# replays every seed corpus through every target (a regression test: each file
# must run clean), then fuzzes each target for a short, bounded time.
# Fails on any crash, sanitizer report, leak or timeout. See docs/fuzzing.md.
#
#   ./scripts/fuzz.sh                      replay + 20 s per target
#   FUZZ_SECONDS=300 ./scripts/fuzz.sh     fuzz longer
#   FUZZ_SECONDS=0 ./scripts/fuzz.sh       replay only
#   ./scripts/fuzz.sh fuzz_cxl_replies     only the targets named
#   SANITIZE_BUILD_DIR=... CXX=clang++-19 CC=clang-19 (the defaults) also apply.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir=${SANITIZE_BUILD_DIR:-build-asan}
seconds=${FUZZ_SECONDS:-20}
corpus_root=tests/fuzz/corpus

all_targets=(fuzz_mlx5_replies fuzz_cxl_replies fuzz_bnxt_replies fuzz_info_data fuzz_report_reader
    fuzz_report_archive)
targets=("${@:-${all_targets[@]}}")

bash scripts/configure-sanitized.sh "$build_dir"
cmake --build "$build_dir" --target "${targets[@]}" ${JOBS:+--parallel "$JOBS"}

# Leaks count as failures; UBSan findings abort (the build also disables recovery).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

work=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
artifacts=$build_dir/fuzz-artifacts
mkdir -p "$artifacts"

failed=()
for t in "${targets[@]}"; do
    bin=$build_dir/tests/fuzz/$t
    seeds=$corpus_root/$t
    if [[ ! -d $seeds ]] || [[ -z $(ls -A "$seeds") ]]; then
        echo "fuzz.sh: $t has no seed corpus in $seeds" >&2
        failed+=("$t (no corpus)")
        continue
    fi
    # 1. Regression: every seed once, as a file argument (no mutation).
    echo "== $t: replaying $(find "$seeds" -type f | wc -l) corpus files"
    if ! find "$seeds" -type f -print0 | xargs -0 "$bin" -runs=1 -timeout=10 >"$work/$t.replay.log" 2>&1; then
        tail -n 40 "$work/$t.replay.log" >&2
        failed+=("$t (corpus replay)")
        continue
    fi
    # 2. Fuzzing, bounded in time. New inputs go to a scratch directory, not the
    # repository; a crash leaves its input in $artifacts.
    if [[ $seconds -gt 0 ]]; then
        echo "== $t: fuzzing for ${seconds}s"
        mkdir -p "$work/$t"
        dict=()
        [[ -f tests/fuzz/$t.dict ]] && dict=("-dict=tests/fuzz/$t.dict")
        if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=1 -artifact_prefix="$artifacts/$t-" "${dict[@]}" \
            "$work/$t" "$seeds" >"$work/$t.fuzz.log" 2>&1; then
            tail -n 60 "$work/$t.fuzz.log" >&2
            echo "fuzz.sh: $t failed; the input is in $artifacts (see docs/fuzzing.md: add it to $seeds after the fix)" >&2
            failed+=("$t (fuzzing)")
            continue
        fi
        grep -E '^stat::number_of_executed_units|^Done' "$work/$t.fuzz.log" | tr '\n' ' '
        echo
    fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz.sh: FAILED: ${failed[*]}" >&2
    exit 1
fi
if [[ $seconds -gt 0 ]]; then
    echo "fuzz.sh: ${#targets[@]} targets clean (corpus replay and ${seconds}s of fuzzing each)"
else
    echo "fuzz.sh: ${#targets[@]} targets clean (corpus replay)"
fi
