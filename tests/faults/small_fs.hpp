// Runs fwctl-report against a file system that fails: a tiny tmpfs (ENOSPC)
// or a read-only one (EROFS), mounted in a private mount namespace
// (`unshare -m`, so nothing leaks to the host), plus a listing of what the
// run left behind there.
#pragma once

#include <string>
#include <vector>

namespace faults {

struct SmallFsCase {
    std::string size = "64k";    // tmpfs size
    bool read_only = false;      // remount read-only after `prep`
    std::string prep;            // shell run first; $MNT, $SIM, $REPORT, $LABS are set
    std::string lab = "mixed";   // tests/labs/<lab>.yaml
    std::vector<std::string> args;  // fwctl-report arguments; "@MNT@" is replaced by the mount point
};

struct SmallFsRun {
    int exit_code = -1;
    std::string err;     // fwctl-report's stderr, the mount point shown as $DIR
    std::string before;  // "path mode [size]" lines under the mount point, after prep
    std::string after;   // the same after the run
};

// False when this machine cannot create mount namespaces (an unprivileged CI runner).
bool can_mount_tmpfs();

SmallFsRun run_in_small_fs(const SmallFsCase& c);

// `text` with every occurrence of `from` replaced.
std::string replaced(std::string text, const std::string& from, const std::string& to);

}  // namespace faults
