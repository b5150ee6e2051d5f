// Writing safely: a full disk, a read-only file system, a directory we may not
// write, and a zero umask. Whatever fails, nothing half-written appears under
// the final name, an existing report is left exactly as it was, the exit code
// is 3 and stderr says what and where. docs/reliability.md lists the outcomes.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <regex>
#include <sstream>

#include "tests/e2e/run_command.hpp"
#include "tests/faults/reliability_doc.hpp"
#include "tests/faults/small_fs.hpp"

using namespace faults;
namespace fs = std::filesystem;

namespace {

// The first line of stderr for the document, without what differs between machines:
// the host name and time in an archive's folder, and which member filled the disk
// (report sizes depend on the host name and kernel release).
std::string first_line(const std::string& text)
{
    static const std::regex archive_member("fwctl-report-[^/ ]*Z/[^:]*:");
    static const std::regex directory_member("/report/[^:]*: write failed");
    std::string line = text.substr(0, text.find('\n'));
    line = std::regex_replace(line, archive_member, "fwctl-report-HOST-TIME/MEMBER:");
    return std::regex_replace(line, directory_member, "/report/MEMBER: write failed");
}

struct WriteCase {
    std::string name;
    SmallFsCase setup;
    std::string expected_error;  // strerror text the message must contain
};

const std::string existing_report =
    "\"$SIM\" --lab \"$LABS/one-mlx5.yaml\" -- \"$REPORT\" --quiet --output-dir \"$MNT/report\" 2>/dev/null";

std::vector<WriteCase> write_cases()
{
    return {
        {"--tar on a full disk (64 KiB tmpfs)", {"64k", false, "", "mixed", {"--tar", "@MNT@/out.tar", "--compress", "none"}},
         "No space left on device"},
        {"--tar --force over an existing archive, disk full",
         {"64k", false, "printf precious >\"$MNT/out.tar\"", "mixed",
          {"--tar", "@MNT@/out.tar", "--compress", "none", "--force"}},
         "No space left on device"},
        {"--output-dir on a full disk (64 KiB tmpfs)", {"64k", false, "", "mixed", {"--output-dir", "@MNT@/report"}},
         "No space left on device"},
        {"--output-dir --force over an existing report, disk full (128 KiB tmpfs)",
         {"128k", false, existing_report, "mixed", {"--output-dir", "@MNT@/report", "--force"}},
         "No space left on device"},
        {"--tar on a read-only file system", {"1m", true, "", "mixed", {"--tar", "@MNT@/out.tar"}},
         "Read-only file system"},
        {"--output-dir into an existing directory on a read-only file system",
         {"1m", true, "mkdir \"$MNT/report\"", "mixed", {"--output-dir", "@MNT@/report"}}, "Read-only file system"},
    };
}

}  // namespace

TEST_CASE("safe writes: a full or read-only file system leaves nothing half-written and exits 3")
{
    if (!can_mount_tmpfs()) {
        MESSAGE("skipped: this machine cannot mount a tmpfs in a private mount namespace (unshare -m); "
                "docs/reliability.md keeps the outcome of the last run that could");
        return;
    }
    std::ostringstream md;
    md << "\n### Writing: full and read-only file systems\n\n"
       << "A tmpfs of the given size, or a read-only one, in a private mount namespace. \"Left behind\" "
          "compares the directory before and after the run.\n\n"
       << "| case | exit | message | left behind |\n|---|---|---|---|\n";
    for (const auto& c : write_cases()) {
        CAPTURE(c.name);
        const SmallFsRun run = run_in_small_fs(c.setup);
        CAPTURE(run.err);
        CHECK(run.exit_code == 3);
        CHECK(run.err.find(c.expected_error) != std::string::npos);
        CHECK(run.err.rfind("fwctl-report: ", 0) == 0);
        CHECK_MESSAGE(run.after == run.before, "before:\n" << run.before << "after:\n" << run.after);
        md << "| " << cell(c.name) << " | " << run.exit_code << " | " << cell(first_line(run.err)) << " | "
           << (run.after == run.before ? (run.before.empty() ? "nothing" : "the existing files, unchanged")
                                       : "CHANGED")
           << " |\n";
    }
    check_doc_section("safe-writes filesystem", md.str());
}

TEST_CASE("safe writes: a directory root may not write to (no CAP_DAC_OVERRIDE) exits 3 before collecting")
{
    e2e::TempDir dir;
    const fs::path locked = dir.path / "locked";
    fs::create_directories(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    std::ostringstream md;
    md << "\n### Writing: a directory without write permission\n\n"
       << "Run as root without `CAP_DAC_OVERRIDE` (setpriv), as an unprivileged collector would be.\n\n"
       << "| case | exit | message | left behind |\n|---|---|---|---|\n";
    for (const auto& [name, args] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"--tar into a 0555 directory", {"--tar", (locked / "out.tar").string()}},
             {"--output-dir below a 0555 directory", {"--output-dir", (locked / "report").string()}},
             {"--output-dir that is a 0555 directory", {"--output-dir", locked.string()}}}) {
        // Root drops CAP_DAC_OVERRIDE; anyone else meets the permission bits anyway.
        std::vector<std::string> argv;
        if (::geteuid() == 0) {
            argv = {"/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search",
                    "--inh-caps=-dac_override,-dac_read_search", "--"};
        }
        argv.insert(argv.end(), {FWCTL_SIM_BIN, "--lab", e2e::lab_path("one-mlx5"), "--", FWCTL_REPORT_BIN, "--quiet"});
        argv.insert(argv.end(), args.begin(), args.end());
        const auto o = e2e::run(argv);
        CAPTURE(name);
        CAPTURE(o.err);
        CHECK(o.exit_code == 3);
        CHECK(o.err.find("Permission denied") != std::string::npos);
        const bool empty = fs::is_empty(locked);
        CHECK(empty);
        md << "| " << cell(name) << " | " << o.exit_code << " | "
           << cell(replaced(first_line(o.err), dir.path.string(), "$DIR")) << " | "
           << (empty ? "nothing" : "FILES") << " |\n";
    }
    check_doc_section("safe-writes permissions", md.str());
}

namespace {

unsigned mode_of(const fs::path& path)
{
    struct stat st {};
    REQUIRE(::lstat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("safe writes: files are 0600 and directories 0700 even with umask 000, and no temporary file is left")
{
    e2e::TempDir dir;
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--tar", (dir.path / "out.tar.xz").string()}, {"--output-dir", (dir.path / "report").string()}}) {
        std::vector<std::string> argv{"/bin/sh", "-c", "umask 000; exec \"$@\"", "umask-000", FWCTL_SIM_BIN,
                                      "--lab", e2e::lab_path("mixed"), "--", FWCTL_REPORT_BIN, "--quiet"};
        argv.insert(argv.end(), args.begin(), args.end());
        const auto o = e2e::run(argv);
        CAPTURE(o.err);
        CHECK(o.exit_code == 1);  // written; fwctl1's refusals are in it
    }
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir.path)) {
        CAPTURE(entry.path());
        CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
        CHECK(mode_of(entry.path()) == (entry.is_directory() ? 0700u : 0600u));
        files += entry.is_regular_file() ? 1 : 0;
    }
    CHECK(files == 11);  // the archive, and report, manifest, README, schema, 6 devices
}

TEST_CASE("safe writes: standard output on a full device (/dev/full) exits 3 and says so")
{
    const auto o = e2e::run({"/bin/sh", "-c", "exec \"$@\" >/dev/full", "stdout-full", FWCTL_SIM_BIN, "--lab",
                             e2e::lab_path("mixed"), "--", FWCTL_REPORT_BIN, "--quiet"});
    CHECK(o.exit_code == 3);
    CHECK(o.err.find("standard output") != std::string::npos);
}
