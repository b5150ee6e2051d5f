#!/usr/bin/env bash
# Builds the RPM package of fwctl-report from packaging/rpm/fwctl-report.spec.
#
#   scripts/package-rpm.sh [OUT_DIR]     default OUT_DIR: build/packages
#
# Makes the source tarball fwctl-report-<version>.tar.gz from the checkout
# (without build directories), then runs rpmbuild -bb in a temporary _topdir.
# The .rpm lands in OUT_DIR.
#
# On Debian (the project's CI) this checks that the spec builds and installs the
# right files; the package to ship is built on the target distribution. Two
# things differ from a Fedora build:
#  - --nodeps: the BuildRequires are installed, but as Debian packages, which
#    rpm's own (empty) database cannot see. Only that check is skipped.
#  - Debian's rpm lacks Fedora's cmake and python3 macros; the spec falls back
#    to the same commands spelled out (see %build and the top of the spec).
# RPM_OPTFLAGS, when set, replaces rpm's compiler flags (%{optflags}): CI sets
# "-O0 -g0" because an rpm built on Debian is only a check of the spec and is
# never shipped (it links against Debian's libraries), and that halves the
# compile time.
# Needs: rpm (rpmbuild) and the build dependencies of scripts/install-deps.sh.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/package-common.sh
out_dir=$(realpath -m "${1:-build/packages}")
spec=packaging/rpm/fwctl-report.spec

if ! command -v rpmbuild >/dev/null 2>&1; then
    echo "package-rpm.sh: rpmbuild is not installed (Debian: the rpm package; see scripts/install-deps.sh)" >&2
    exit 1
fi

version=$(sed -n 's/^Version:[[:space:]]*//p' "$spec")
check_version "$spec" "$version"

work=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-report-rpm.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{SOURCES,tree}
copy_source_tree "$work/tree/fwctl-report-$version"
tar -C "$work/tree" -czf "$work/SOURCES/fwctl-report-$version.tar.gz" "fwctl-report-$version"

echo "package-rpm.sh: rpmbuild -bb $spec (version $version)"
rpmbuild -bb --nodeps --define "_topdir $work" ${JOBS:+--define "_smp_mflags -j$JOBS"} \
    ${RPM_OPTFLAGS:+--define "optflags $RPM_OPTFLAGS"} "$spec"

mkdir -p "$out_dir"
shopt -s nullglob
rpms=("$work"/RPMS/*/fwctl-report-"$version"-*.rpm)
if [[ ${#rpms[@]} -eq 0 ]]; then
    echo "package-rpm.sh: rpmbuild made no fwctl-report-$version rpm" >&2
    exit 1
fi
cp "${rpms[@]}" "$out_dir"/
for r in "${rpms[@]}"; do echo "package-rpm.sh: built $out_dir/${r##*/}"; done
