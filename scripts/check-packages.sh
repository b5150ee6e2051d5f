#!/usr/bin/env bash
# CI step for the packages (run by .ci/run after scripts/test.sh):
#  1. builds the Debian package (scripts/package-deb.sh; lintian errors fail)
#     and the RPM package (scripts/package-rpm.sh), into $BUILD_DIR/packages;
#  2. checks that both install the same files, and lists the rpm's files;
#  3. installs the .deb on this machine with dpkg -i and checks that the
#     installed program runs, its manual pages are found by man, and sos
#     finds the plugin (and, when the emulator is built, that sos report runs
#     the installed program on an emulated host);
#  4. removes the package again (purge), also when a check fails.
#
# Needs root, and refuses to run if fwctl-report is already installed from
# elsewhere: it must not replace or remove a package it did not install.
# Prints the time of each step.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir=${BUILD_DIR:-build}
out=$(realpath -m "$build_dir/packages")

fail() { echo "check-packages.sh: FAIL: $*" >&2; exit 1; }
step_times=()
timed() {   # timed NAME COMMAND...: runs the command and records how long it took
    local name=$1 start=$SECONDS
    shift
    echo "=== check-packages.sh: $name"
    "$@"
    step_times+=("$name: $((SECONDS - start)) s")
}

[[ $(id -u) -eq 0 ]] || fail "run as root (dpkg -i)"
if dpkg-query -W -f='${db:Status-Abbrev}' fwctl-report 2>/dev/null | grep -q '^i'; then
    fail "fwctl-report is already installed; remove it first (dpkg --purge fwctl-report)"
fi

rm -rf "$out"
timed "build .deb + lintian" bash scripts/package-deb.sh "$out"
# The rpm built here only checks the spec (it links against Debian's libraries
# and is never shipped), so it is compiled without optimisation: about half the time.
timed "build .rpm" env RPM_OPTFLAGS="${RPM_OPTFLAGS:--O0 -g0}" bash scripts/package-rpm.sh "$out"
deb=$(ls "$out"/fwctl-report_*.deb)
rpm_file=$(ls "$out"/fwctl-report-[0-9]*.rpm)

# The files a package installs, with the Python path written the same way for
# both: Debian's sos is in /usr/lib/python3/dist-packages, Fedora's in
# /usr/lib/python3.X/site-packages. Left out: folders, Debian's doc and lintian
# files, rpm's /usr/lib/.build-id links, and byte code (Debian compiles it at
# install time, rpm at build time).
# Manual pages are compared without .gz: Debian's rpm 4.18 fails to compress
# them (its brp-compress uses bash's read -d under /bin/sh); Fedora's does.
normalise() {
    sed -E -e 's#^\./#/#' -e 's#/usr/lib/python3(\.[0-9]+)?/(dist|site)-packages/#<python>/#' \
           -e 's#^(/usr/share/man/.*)\.gz$#\1#' |
        grep -vE '/$|^/usr/share/(doc|lintian)/|^/usr/lib/\.build-id/|/__pycache__/' | sort
}
compare_file_lists() {
    echo "rpm -qlp ${rpm_file##*/}:"
    rpm -qlp "$rpm_file" | sed 's/^/  /'
    diff -u --label "deb ${deb##*/}" --label "rpm ${rpm_file##*/}" \
        <(dpkg-deb --fsys-tarfile "$deb" | tar -t | normalise) \
        <(rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$rpm_file" | grep -v '^d' |
          cut -d' ' -f2- | normalise) ||
        fail "the .deb and the .rpm install different files (diff above)"
    echo "deb and rpm install the same files"
}
timed "compare file lists" compare_file_lists

installed=0
cleanup() {
    if [[ $installed -eq 1 ]]; then
        echo "=== check-packages.sh: dpkg --purge fwctl-report"
        dpkg --purge fwctl-report >/dev/null
    fi
}
trap cleanup EXIT

install_and_check() {
    # Minimal images (Docker's debian:*-slim) tell dpkg not to unpack manual
    # pages. Say so, and include ours anyway, so the check below still tests them.
    local include=()
    if grep -hsE '^[[:space:]]*path-exclude[= ].*/usr/share/man' /etc/dpkg/dpkg.cfg /etc/dpkg/dpkg.cfg.d/* >/dev/null; then
        echo "note: this system's dpkg excludes /usr/share/man; installing fwctl-report's pages with --path-include"
        include=(--path-include='/usr/share/man/man5/fwctl-report.5.gz'
                 --path-include='/usr/share/man/man8/fwctl-report.8.gz')
    fi
    installed=1
    dpkg "${include[@]}" -i "$deb"

    echo "+ fwctl-report --version"
    /usr/bin/fwctl-report --version || fail "the installed fwctl-report does not run"
    command -v man >/dev/null || fail "man is not installed (man-db; see scripts/install-deps.sh)"
    echo "+ man -w fwctl-report; man -w 5 fwctl-report"
    man -w 8 fwctl-report || fail "man does not find fwctl-report(8)"
    man -w 5 fwctl-report || fail "man does not find fwctl-report(5)"
    for f in /usr/share/fwctl-report/schemas/fwctl-report.schema.json \
             /usr/share/fwctl-report/schemas/fwctl-report-manifest.schema.json; do
        [[ -s $f ]] || fail "$f is not installed"
    done

    command -v sos >/dev/null || fail "sos is not installed (sosreport; see scripts/install-deps.sh)"
    echo "+ sos report --list-plugins | grep fwctl"
    sos report --list-plugins > "$out/sos-plugins.txt" 2>&1 ||
        { cat "$out/sos-plugins.txt"; fail "sos report --list-plugins failed"; }
    grep -E '^[[:space:]]*fwctl[[:space:]]' "$out/sos-plugins.txt" ||
        fail "sos does not list the fwctl plugin (see $out/sos-plugins.txt)"
}
timed "install .deb and check" install_and_check

# With the emulator built (scripts/test.sh builds it), run sos for real: its
# PATH reset must find the installed /usr/bin/fwctl-report, and the installed
# plugin must put the report into the sos archive.
sim=$build_dir/tests/sim/fwctl-sim
sos_run() {
    local tmp
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-sos-pkg.XXXXXX")
    echo "+ fwctl-sim --lab tests/labs/mixed.yaml -- sos report --batch --only-plugins fwctl"
    if ! "$sim" --lab tests/labs/mixed.yaml -- sos report --batch --only-plugins fwctl \
            --tmp-dir "$tmp" > "$tmp/sos.out" 2>&1; then
        cat "$tmp/sos.out"; rm -rf "$tmp"; fail "sos report failed"
    fi
    local listing
    listing=$(tar -tf "$tmp"/sosreport-*.tar.xz)
    rm -rf "$tmp"
    grep -E '/sos_commands/fwctl/fwctl-report/report\.yaml$' <<<"$listing" ||
        fail "the sos archive has no sos_commands/fwctl/fwctl-report/report.yaml"
}
if [[ -x $sim ]]; then
    timed "sos report with the installed package (emulated host)" sos_run
else
    echo "note: $sim is not built; skipping the sos report run (scripts/test.sh builds it)"
fi

echo "=== check-packages.sh: packages in $out; time per step:"
printf '  %s\n' "${step_times[@]}"
echo "check-packages: ${#step_times[@]} passed, 0 failed"
