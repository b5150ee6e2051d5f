// The command line as a user meets it: help, version, usage errors, --list, --device.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/e2e/run_command.hpp"

using e2e::run;
using e2e::run_report_in_lab;

namespace {
std::size_t count_lines(const std::string& text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}
}  // namespace

TEST_CASE("cli: --help lists the options and the exit codes, and exits 0")
{
    const auto o = run({FWCTL_REPORT_BIN, "--help"});
    CHECK(o.exit_code == 0);
    for (const char* word : {"--tar", "--output-dir", "--list", "--device", "--validate", "--format",
                             "--compress", "--force", "Exit status"}) {
        CHECK_MESSAGE(o.out.find(word) != std::string::npos, word);
    }
}

TEST_CASE("cli: --version names the tool, its version and the schema version")
{
    const auto o = run({FWCTL_REPORT_BIN, "--version"});
    CHECK(o.exit_code == 0);
    CHECK(o.out.rfind("fwctl-report 0.1.0", 0) == 0);
    CHECK(o.out.find("schema v1") != std::string::npos);
}

TEST_CASE("cli: usage errors exit 2 with one line on stderr")
{
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"--bogus"}, {"--format", "xml"}, {"--list", "--tar"}, {"stray"}, {"--tar", "a", "b"},
             {"--tar", "x.tar", "--output-dir", "d"}, {"--device"}}) {
        std::vector<std::string> argv{FWCTL_REPORT_BIN};
        argv.insert(argv.end(), args.begin(), args.end());
        const auto o = run(argv);
        CAPTURE(args.front());
        CHECK(o.exit_code == 2);
        CHECK(o.out.empty());
        CHECK(count_lines(o.err) == 1);
        CHECK(o.err.rfind("fwctl-report: ", 0) == 0);
    }
}

TEST_CASE("cli: --compress with an unknown method is a usage error")
{
    const auto o = run_report_in_lab("one-mlx5", {"--tar", "/tmp/never.tar", "--compress", "lzma9"});
    CHECK(o.exit_code == 2);
    CHECK(o.err.find("xz, gzip, zstd or none") != std::string::npos);
}

TEST_CASE("cli: --list prints one line per device with type, address and driver")
{
    const auto o = run_report_in_lab("mixed", {"--list"});
    REQUIRE(o.exit_code == 0);
    CHECK(count_lines(o.out) == 7);  // header + 6 devices
    CHECK(o.out.find("NAME") == 0);
    CHECK(o.out.find("fwctl0  mlx5") != std::string::npos);
    CHECK(o.out.find("0000:03:00.0") != std::string::npos);
    CHECK(o.out.find("mlx5_core") != std::string::npos);
    CHECK(o.out.find("bnxt_en") != std::string::npos);
    CHECK(o.out.find("unknown") != std::string::npos);
}

TEST_CASE("cli: --device restricts collection; an unknown name lists the devices that exist")
{
    const auto one = run_report_in_lab("mixed", {"--device", "fwctl3", "--format", "json"});
    CHECK(one.exit_code == 0);
    CHECK(one.out.find("\"fwctl3\"") != std::string::npos);
    CHECK(one.out.find("\"fwctl0\"") == std::string::npos);

    const auto bad = run_report_in_lab("mixed", {"--device", "fwctl99"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.out.empty());
    CHECK(bad.err.find("fwctl99") != std::string::npos);
    CHECK(bad.err.find("fwctl0, fwctl1, fwctl2, fwctl3, fwctl4, fwctl5") != std::string::npos);
}
