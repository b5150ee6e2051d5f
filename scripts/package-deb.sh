#!/usr/bin/env bash
# Builds the Debian package of fwctl-report and checks it with lintian.
#
#   scripts/package-deb.sh [OUT_DIR]     default OUT_DIR: build/packages
#
# dpkg-buildpackage needs debian/ at the top of the source tree, and the project
# keeps it in packaging/debian/. So the tree is copied (without build
# directories) to a temporary folder, packaging/debian/ becomes debian/ there,
# and the binary package is built unsigned. The .deb, .buildinfo and .changes
# land in OUT_DIR. lintian errors fail the script; warnings are printed.
# Needs: dpkg-dev, debhelper, dh-python, lintian and the Build-Depends of
# packaging/debian/control (scripts/install-deps.sh installs them all).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/package-common.sh
out_dir=$(realpath -m "${1:-build/packages}")

for tool in dpkg-buildpackage dh lintian; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "package-deb.sh: $tool is not installed (see scripts/install-deps.sh)" >&2
        exit 1
    fi
done

deb_version=$(dpkg-parsechangelog -l packaging/debian/changelog -S Version)
check_version packaging/debian/changelog "${deb_version%-*}"

work=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-report-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
src=$work/fwctl-report-${deb_version%-*}
copy_source_tree "$src"
rm -rf "$src/debian"
cp -r packaging/debian "$src/debian"

echo "package-deb.sh: building fwctl-report $deb_version in $src"
(cd "$src" && dpkg-buildpackage -us -uc -b ${JOBS:+-j"$JOBS"})

mkdir -p "$out_dir"
shopt -s nullglob
# The package, its -dbgsym package (.ddeb), and the .buildinfo and .changes.
cp "$work"/*_"$deb_version"_*.{deb,ddeb,buildinfo,changes} "$out_dir"/
changes=$(ls "$out_dir"/fwctl-report_"$deb_version"_*.changes)

echo "package-deb.sh: lintian $changes"
lintian --fail-on error "$changes"
echo "package-deb.sh: built $(ls "$out_dir"/fwctl-report_"$deb_version"_*.deb)"
