#!/bin/sh
# Command-line behaviour of fwctl-sim: exit codes, signals, lab errors, environment,
# cleanup. Usage: sim_cli_checks.sh FWCTL_SIM LABS_DIR TESTDATA_DIR
set -u
sim=$1 labs=$2 testdata=$3
lab=$labs/one-mlx5.yaml
work=$(mktemp -d "${TMPDIR:-/tmp}/sim-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

check() {  # check NAME CONDITION-EXIT-CODE [DETAIL]
    if [ "$2" -eq 0 ]; then echo "ok $1"; else echo "FAIL $1${3:+: $3}"; failures=$((failures + 1)); fi
}

"$sim" --lab "$lab" -- sh -c 'exit 7'
rc=$?; [ $rc -eq 7 ]; check exit_code_passes_through $? "rc=$rc"

"$sim" --lab "$lab" -- sh -c 'kill -TERM $$'
rc=$?; [ $rc -eq 143 ]; check killed_child_is_128_plus_signal $? "rc=$rc"

"$sim" --lab "$testdata/bad-lab.yaml" -- true 2>"$work/err"
rc=$?
[ $rc -eq 125 ] && [ "$(wc -l <"$work/err")" -eq 1 ] &&
    grep -q "bad-lab.yaml:7:13: mlx5 state: unknown key 'psidd'" "$work/err"
check bad_lab_is_one_line_and_125 $? "rc=$rc $(cat "$work/err")"

"$sim" --lab "$lab" -- /nonexistent/command 2>"$work/err"
rc=$?; [ $rc -eq 127 ]; check missing_command_is_127 $? "rc=$rc"

"$sim" -- true 2>/dev/null
rc=$?; [ $rc -eq 125 ]; check missing_lab_option_is_125 $? "rc=$rc"

FWCTL_SIM_REEXEC=1 LD_PRELOAD= "$sim" --lab "$lab" -- true 2>"$work/err"
rc=$?; [ $rc -eq 125 ] && grep -q "not loaded" "$work/err"; check reexec_loop_guard $? "rc=$rc"

"$sim" --lab "$lab" -- sh -c 'test "$FWCTL_SIM" = 1 && test -n "$UMOCKDEV_DIR" &&
    test -f "$UMOCKDEV_DIR/dev/fwctl/fwctl0" && case "$LD_PRELOAD" in *libumockdev-preload*) ;; *) exit 1;; esac &&
    test -z "${FWCTL_SIM_REEXEC:-}"'
check child_environment $?

FWCTL_SIM_LOG=$work/env.jsonl "$sim" --lab "$labs/mixed.yaml" -- true
[ -f "$work/env.jsonl" ]; check log_path_from_environment $?

# SIGTERM to fwctl-sim reaches the command, and the testbed is still removed.
before=$(ls -d "${TMPDIR:-/tmp}"/umockdev.* 2>/dev/null | wc -l)
"$sim" --lab "$lab" -- sleep 30 &
pid=$!
sleep 0.5
kill -TERM $pid
wait $pid
rc=$?; [ $rc -eq 143 ]; check sigterm_is_forwarded $? "rc=$rc"
after=$(ls -d "${TMPDIR:-/tmp}"/umockdev.* 2>/dev/null | wc -l)
[ "$after" -le "$before" ]; check testbed_removed $? "$before -> $after"

[ $failures -eq 0 ] && echo "CLI CHECKS OK" || echo "CLI CHECKS FAILED ($failures)"
exit $((failures != 0))
