#!/bin/bash
# Real sos test: Debian's sos (4.0 on Debian 12) runs packaging/sos/fwctl.py
# inside fwctl-sim with the mixed lab; the resulting sos tarball must hold the
# plain YAML report under sos_commands/fwctl/, redacted (the plugin's default),
# and it must validate.
#
# usage: run_sos_test.sh FWCTL_REPORT FWCTL_SIM SOURCE_DIR
# Needs root (sos report refuses to run otherwise) and the sosreport package;
# either missing is a failure, not a skip.
set -u -o pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }

[ $# -eq 3 ] || { echo "usage: $0 FWCTL_REPORT FWCTL_SIM SOURCE_DIR" >&2; exit 2; }
report_bin=$(readlink -f "$1")
sim_bin=$(readlink -f "$2")
src=$(readlink -f "$3")
py=/usr/bin/python3   # Debian's sos lives in its dist-packages, not in a pyenv

[ -x "$report_bin" ] || fail "no fwctl-report at $1"
[ -x "$sim_bin" ] || fail "no fwctl-sim at $2"
"$py" -c 'import sos.report.plugins' 2>/dev/null ||
  fail "sos is not installed for $py (apt-get install sosreport)"
[ "$(id -u)" -eq 0 ] || fail "sos report must run as root (uid $(id -u))"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-sos-test.XXXXXX") || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/sos" "$tmp/x"

# sos's plugin search path is extended by the launcher (no file is written
# into the system); the launcher also puts the built fwctl-report first on the
# PATH that sos resets at start-up.  The umockdev preload set by fwctl-sim is
# inherited by the commands sos runs.  -k fwctl.timeout exercises the option.
echo "+ fwctl-sim --lab mixed.yaml -- sos report --batch --only-plugins fwctl -k fwctl.timeout=60 --tmp-dir $tmp/sos"
"$sim_bin" --lab "$src/tests/labs/mixed.yaml" -- \
  "$py" "$src/tests/sos/sos_with_plugin.py" "$src/packaging/sos" "$(dirname "$report_bin")" -- \
  report --batch --only-plugins fwctl -k fwctl.timeout=60 --tmp-dir "$tmp/sos" \
  > "$tmp/sos.out" 2>&1
rc=$?
cat "$tmp/sos.out"
[ $rc -eq 0 ] || fail "sos report exited $rc"

shopt -s nullglob
tarballs=("$tmp"/sos/sosreport-*.tar.*)
tarballs=("${tarballs[@]/*.md5/}")
tarballs=(${tarballs[@]})
[ ${#tarballs[@]} -eq 1 ] || fail "expected one sos tarball in $tmp/sos, got: $(ls "$tmp/sos")"
echo "+ tar xf $(basename "${tarballs[0]}")"
tar -C "$tmp/x" -xf "${tarballs[0]}" || fail "cannot extract ${tarballs[0]}"
roots=("$tmp"/x/sosreport-*)
[ ${#roots[@]} -eq 1 ] || fail "unexpected archive layout: $(ls "$tmp/x")"
root=${roots[0]}
plug=$root/sos_commands/fwctl
out=$plug/fwctl-report

[ -d "$plug" ] || fail "no sos_commands/fwctl in the archive (plugin not loaded or not enabled?)"
echo "archive sos_commands/fwctl:"
(cd "$plug" && find . | sort | sed 's/^/  /')

errs=0
check() { if ! eval "$2"; then echo "FAIL: $1" >&2; errs=$((errs + 1)); fi; }

check "fwctl-report --list output kept" '[ -s "$plug/fwctl-report_--list" ]'
check "--list shows the lab devices" 'grep -q "^fwctl0 " "$plug/fwctl-report_--list"'
check "report.yaml collected" '[ -s "$out/report.yaml" ]'
check "manifest.yaml collected" '[ -s "$out/manifest.yaml" ]'
devices=("$out"/devices/*.yaml)
ndev_list=$(grep -c '^fwctl[0-9]' "$plug/fwctl-report_--list" || true)
check "devices/*.yaml collected" '[ ${#devices[@]} -gt 0 ]'
check "one device file per listed device (${#devices[@]} vs $ndev_list)" \
  '[ ${#devices[@]} -eq "$ndev_list" ]'
nested=$(find "$plug" -name '*.tar*' -o -name '*.tgz' -o -name '*.gz' -o -name '*.xz' -o -name '*.zst' -o -name '*.bin')
check "no nested archives (sos clean would delete them): $nested" '[ -z "$nested" ]'
check "no plugin errors logged by sos" \
  '[ ! -e "$root/sos_logs/fwctl-plugin-errors.txt" ] && ! grep -rqs Traceback "$root/sos_logs"'

# The plugin's redact option is on by default: the mixed lab's CXL serial must not
# reach the sos archive in any file of the report, as text or as hex.
check "manifest says the report is redacted" 'grep -qx "redacted: true" "$out/manifest.yaml"'
check "report.yaml has its redaction block" 'grep -q "^redaction:" "$out/report.yaml"'
check "the lab's CXL serial is not in the collected report" \
  '! grep -rqi -e "3b5a7c9e12d4f601" -e "01f6d4129e7c5a3b" "$out"'
check "the host name in report.yaml is a token" \
  'grep -q "^  hostname: redacted-host-[0-9a-f]*$" "$out/report.yaml"'

echo "+ validate_with_jsonschema.py schemas/fwctl-report.schema.json $out"
check "python3-jsonschema validation" \
  '"$py" "$src/tests/crosscheck/validate_with_jsonschema.py" "$src/schemas/fwctl-report.schema.json" "$out"'
echo "+ fwctl-report --validate $out"
check "fwctl-report --validate" '"$report_bin" --validate "$out"'

# -k fwctl.redact=off: the same collection without --redact, so the checks above
# are known to look where the serial would be.
mkdir "$tmp/sos-plain" "$tmp/x-plain"
echo "+ fwctl-sim --lab mixed.yaml -- sos report --batch --only-plugins fwctl -k fwctl.redact=off --tmp-dir $tmp/sos-plain"
"$sim_bin" --lab "$src/tests/labs/mixed.yaml" -- \
  "$py" "$src/tests/sos/sos_with_plugin.py" "$src/packaging/sos" "$(dirname "$report_bin")" -- \
  report --batch --only-plugins fwctl -k fwctl.redact=off --tmp-dir "$tmp/sos-plain" \
  > "$tmp/sos-plain.out" 2>&1 || { cat "$tmp/sos-plain.out"; fail "sos report -k fwctl.redact=off failed"; }
plain=("$tmp"/sos-plain/sosreport-*.tar.xz "$tmp"/sos-plain/sosreport-*.tar.gz)
[ ${#plain[@]} -eq 1 ] && tar -C "$tmp/x-plain" -xf "${plain[0]}" || fail "no sos tarball with redact=off"
plain_out=$(echo "$tmp"/x-plain/sosreport-*/sos_commands/fwctl/fwctl-report)
check "redact=off: manifest says not redacted" 'grep -qx "redacted: false" "$plain_out/manifest.yaml"'
check "redact=off: the lab's CXL serial is in the report" 'grep -rq "3b5a7c9e12d4f601" "$plain_out"'

[ $errs -eq 0 ] || fail "$errs check(s) failed"
echo "PASS"
