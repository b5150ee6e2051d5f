// The host as a broken or odd system shows it: no os-release at all, an
// os-release of garbage, a host name with a space, a non-UTF-8 byte and "../".
// Each run is in private mount and UTS namespaces (unshare -mu): /etc and
// /usr/lib are covered by empty tmpfs (the libraries are bound back in), and
// the host name is set there only.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "report/schema_validator.hpp"
#include "tests/faults/fault_lab.hpp"
#include "tests/faults/reliability_doc.hpp"
#include "tests/faults/small_fs.hpp"

using namespace faults;
namespace fs = std::filesystem;

namespace {

// Hides /etc and /usr/lib/os-release; keeps the libraries in /usr/lib/<triplet>.
const char* const hide_os_release =
    "mkdir \"$W/lib\"; mount -t tmpfs hidden \"$W/lib\"; "
    "for d in /usr/lib/*-linux-gnu*; do mkdir \"$W/lib/${d##*/}\"; mount --bind \"$d\" \"$W/lib/${d##*/}\"; done; "
    "mount --rbind \"$W/lib\" /usr/lib; mount -t tmpfs hidden /etc";

struct HostCase {
    std::string description;
    std::string shell;  // run as root in the namespaces; $W is a scratch directory
    std::vector<std::string> args;
};

}  // namespace

TEST_CASE("hostile host: no os-release, garbage os-release, an odd host name")
{
    if (!can_mount_tmpfs()) {
        MESSAGE("skipped: no mount namespaces here; docs/reliability.md keeps the last outcome");
        return;
    }
    const std::vector<HostCase> cases{
        {"no /etc/os-release and no /usr/lib/os-release", hide_os_release, {}},
        {"os-release of garbage: non-UTF-8, unbalanced quotes, a 100 KB line, control characters",
         std::string(hide_os_release) +
             "; { printf 'ID=\"deb\\377ian\\nVERSION_ID=12\\033[31m\\n'; printf 'PRETTY_NAME='; "
             "yes x | head -c 100000 | tr -d '\\n'; printf '\\n=\\n==\\nnoequals\\n'; } >/etc/os-release",
         {}},
        {"host name with a space, a non-UTF-8 byte and ../ (--tar)", "printf 'evil host\\377../x' >/proc/sys/kernel/hostname",
         {"--tar", "@W@/out.tar", "--compress", "none"}},
    };
    std::ostringstream md;
    md << "\n### Hostile host: os-release and host name\n\n"
       << "| case | exit | report | host | errors | archive folder |\n|---|---|---|---|---|---|\n";
    for (const auto& c : cases) {
        CAPTURE(c.description);
        e2e::TempDir w;
        std::vector<std::string> argv{"/usr/bin/env", "W=" + w.path.string(), "/usr/bin/unshare", "-mu", "/bin/sh",
                                      "-c", "set -e; " + c.shell + "; exec \"$@\"", "hostile-host", FWCTL_SIM_BIN,
                                      "--lab", e2e::lab_path("one-mlx5"), "--", FWCTL_REPORT_BIN, "--quiet"};
        bool tar = false;
        for (const auto& a : c.args) {
            argv.push_back(replaced(a, "@W@", w.path.string()));
            tar = tar || a == "--tar";
        }
        if (!tar) {
            argv.insert(argv.end(), {"--format", "json"});
        }
        const auto o = e2e::run(argv);
        CAPTURE(o.err);
        REQUIRE_MESSAGE(o.exit_code < 125, "crashed (exit " << o.exit_code << ")");
        ordered_json report;
        std::string folder = "-";
        if (tar) {
            const auto listing = e2e::run({"/usr/bin/tar", "-tf", (w.path / "out.tar").string()});
            REQUIRE(listing.exit_code == 0);
            folder = listing.out.substr(0, listing.out.find('/'));
            // One safe path component: [A-Za-z0-9._-] only, so no "/", space or control
            // character; dots inside it are harmless.
            CHECK_MESSAGE(std::regex_match(folder, std::regex("fwctl-report-[A-Za-z0-9._-]+")), folder);
            const auto text = e2e::run({"/usr/bin/tar", "-xOf", (w.path / "out.tar").string(), folder + "/report.yaml"});
            const auto valid = e2e::run({FWCTL_REPORT_BIN, "--validate", (w.path / "out.tar").string()});
            CHECK_MESSAGE(valid.exit_code == 0, valid.out << valid.err);
            report = {{"host", {{"hostname", text.out.find("evil host\\xff../x") != std::string::npos
                                                  ? "evil host\\xff../x (escaped)"
                                                  : "NOT FOUND"}}},
                      {"errors", ordered_json::array()}};
            folder = replaced(folder, folder.substr(folder.rfind('-')), "-TIME");
        } else {
            REQUIRE_NOTHROW(report = ordered_json::parse(o.out));
            const auto violations = fwctl::report::report_schema().validate(report);
            CHECK_MESSAGE(violations.empty(), fwctl::report::summarize(violations));
        }
        CHECK(o.exit_code == (report["errors"].empty() ? 0 : 1));
        std::string errors;
        for (const auto& e : report["errors"]) {
            errors += (errors.empty() ? "" : "; ") + e["stage"].get<std::string>() + " " + e["what"].get<std::string>() +
                      " " + (e["errno_name"].is_string() ? e["errno_name"].get<std::string>() : "") + ": " +
                      e["message"].get<std::string>();
        }
        std::string host = tar ? report["host"]["hostname"].get<std::string>() : report["host"]["os"].dump();
        if (host.size() > 120) {
            host = host.substr(0, 100) + "... (" + std::to_string(host.size()) + " characters)";
        }
        md << "| " << cell(c.description) << " | " << o.exit_code << " | valid | " << cell(host) << " | "
           << cell(errors.empty() ? "none" : errors) << " | " << cell(folder) << " |\n";
    }
    check_doc_section("hostile-host", md.str());
}
