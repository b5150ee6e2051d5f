#!/usr/bin/env bash
# Installs everything needed to build and test fwctl-report on Debian 12
# (bookworm). Safe to run again: apt-get install leaves installed packages
# alone, and when every package is already present nothing is fetched at all.
#
# Run as root, or as a user with sudo:   sudo ./scripts/install-deps.sh
set -euo pipefail

packages=(
    # toolchain and build
    build-essential cmake ninja-build pkg-config git ca-certificates
    # libraries the tool links against
    libudev-dev libyaml-cpp-dev libarchive-dev libboost-program-options-dev
    nlohmann-json3-dev libssl-dev
    # JSON Schema validation (header-only; build dependency only).
    # libvalijson-dev is installed whole, with its package dependencies. Debian
    # makes it depend on Qt5 and Poco (about 86 packages, 50 MB) for adapters
    # fwctl-report does not use: we include only the nlohmann-json adapter.
    # Unpacking the .deb by hand (apt-get download + dpkg-deb -x) would avoid
    # that, but would hide a dependency from apt; installing the package is
    # the plain, honest way, and none of it ends up in the fwctl-report binary.
    libvalijson-dev
    # tests: unit framework, device emulation, independent schema cross-check
    doctest-dev umockdev libumockdev-dev python3-jsonschema python3-yaml
    # man page lint, archive compressors used by the tests
    mandoc xz-utils zstd
    # the sos plugin test runs the real sosreport (Debian 12: sos 4.0)
    sosreport
    # packages (scripts/check-packages.sh): build the .deb (debhelper with
    # dh-python for the sos plugin; dpkg-dev and fakeroot come with
    # build-essential and debhelper), check it with lintian, build the .rpm
    # with Debian's rpm (rpmbuild), and find the installed pages with man-db
    debhelper dh-python lintian rpm man-db
    # memcheck test (valgrind); fuzz targets: libFuzzer needs clang, and clang-19
    # is the first whose <expected> works with libstdc++ 12 (docs/fuzzing.md)
    valgrind clang-19 libclang-rt-19-dev
)

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps.sh: apt-get not found; this script is for Debian 12 (bookworm)" >&2
    exit 1
fi
if [[ -r /etc/os-release ]]; then
    # shellcheck disable=SC1091
    version_id=$(. /etc/os-release && echo "${ID:-}:${VERSION_ID:-}")
    if [[ "$version_id" != "debian:12" ]]; then
        echo "install-deps.sh: warning: written for Debian 12, this is '$version_id'; trying anyway" >&2
    fi
fi

as_root=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        echo "install-deps.sh: run as root (sudo is not installed)" >&2
        exit 1
    fi
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
    if [[ "$status" != ii* ]]; then
        missing+=("$p")
    fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps.sh: all ${#packages[@]} packages are already installed"
    exit 0
fi
echo "install-deps.sh: installing ${#missing[@]} missing package(s): ${missing[*]}"

"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${packages[@]}"
