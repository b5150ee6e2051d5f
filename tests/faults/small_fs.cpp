#include "tests/faults/small_fs.hpp"

#include <doctest/doctest.h>

#include "tests/e2e/run_command.hpp"

namespace faults {

namespace fs = std::filesystem;

namespace {

const char* const listing =
    "(cd \"$MNT\" && find . -mindepth 1 \\( -type f -printf '%P %M %s\\n' \\) -o -printf '%P %M\\n' | LC_ALL=C sort)";

}  // namespace

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

bool can_mount_tmpfs()
{
    e2e::TempDir dir;
    return e2e::run({"/usr/bin/unshare", "-m", "/bin/sh", "-c",
                     "mount -t tmpfs -o size=16k fwctl-probe \"$0\"", dir.path.string()})
               .exit_code == 0;
}

SmallFsRun run_in_small_fs(const SmallFsCase& c)
{
    e2e::TempDir dir;
    const fs::path mnt = dir.path / "mnt";
    const fs::path results = dir.path / "results";
    fs::create_directories(mnt);
    fs::create_directories(results);

    std::string script = "set -e\n"
                         "mount -t tmpfs -o size=" + c.size + ",mode=0755 fwctl-faults \"$MNT\"\n" +
                         c.prep + "\n" + listing + " >\"$RES/before\"\n";
    if (c.read_only) {
        script += "mount -o remount,ro \"$MNT\"\n";
    }
    script += "set +e\n\"$@\" >\"$RES/out\" 2>\"$RES/err\"\necho $? >\"$RES/rc\"\n" + std::string(listing) +
              " >\"$RES/after\"\n";

    std::vector<std::string> argv{"/usr/bin/env",
                                  "MNT=" + mnt.string(),
                                  "RES=" + results.string(),
                                  std::string("SIM=") + FWCTL_SIM_BIN,
                                  std::string("REPORT=") + FWCTL_REPORT_BIN,
                                  std::string("LABS=") + FWCTL_SOURCE_DIR + "/tests/labs",
                                  "/usr/bin/unshare", "-m", "/bin/sh", "-c", script, "small-fs",
                                  FWCTL_SIM_BIN, "--lab", e2e::lab_path(c.lab), "--", FWCTL_REPORT_BIN, "--quiet"};
    for (const auto& a : c.args) {
        argv.push_back(replaced(a, "@MNT@", mnt.string()));
    }
    const auto o = e2e::run(argv);
    REQUIRE_MESSAGE(o.exit_code == 0, "the small-fs script failed: " << o.err);

    SmallFsRun run;
    run.exit_code = std::stoi(e2e::read_text(results / "rc"));
    run.err = replaced(e2e::read_text(results / "err"), mnt.string(), "$DIR");
    run.before = e2e::read_text(results / "before");
    run.after = e2e::read_text(results / "after");
    return run;
}

}  // namespace faults
