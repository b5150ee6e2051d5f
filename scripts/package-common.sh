# Sourced by scripts/package-deb.sh and scripts/package-rpm.sh: what both
# package builds need from the checkout. Not meant to be run.

# The version in the top-level CMakeLists.txt: project(fwctl-report VERSION x.y.z).
project_version() {
    sed -n 's/^project(fwctl-report VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt
}

# Copies the source tree, as git sees it, into $1: tracked files plus untracked
# ones that are not ignored, so an uncommitted change is packaged too, and build
# directories (ignored) are not. Without git (an unpacked tarball), copies
# everything but build*/ folders.
copy_source_tree() {
    local dest=$1
    mkdir -p "$dest"
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files -z --cached --others --exclude-standard |
            while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done |
            tar --null -T - -cf - | tar -C "$dest" -xf -
    else
        tar --exclude='./build' --exclude='./build-*' -cf - . | tar -C "$dest" -xf -
    fi
}

# Fails unless the packaging's version ($2, from file $1) is the project's.
check_version() {
    local file=$1 packaged=$2 project
    project=$(project_version)
    if [[ -z "$project" ]]; then
        echo "${0##*/}: cannot read the project version from CMakeLists.txt" >&2
        return 1
    fi
    if [[ "$packaged" != "$project" ]]; then
        echo "${0##*/}: $file says version $packaged, CMakeLists.txt says $project; update $file" >&2
        return 1
    fi
}
