// `fwctl-report --summary` in the mixed lab: the real collection, printed as
// the compact table instead of YAML.
#include <doctest/doctest.h>

#include "tests/e2e/run_command.hpp"

using e2e::run_report_in_lab;

TEST_CASE("--summary prints one line per device and the taint line, and keeps the report's exit code")
{
    const auto o = run_report_in_lab("mixed", {"--summary"});
    CAPTURE(o.err);
    CHECK(o.exit_code == 1);  // fwctl1's refusals, as with the full report
    CHECK(o.err.empty());     // no progress when stderr is not a terminal
    // The findings lead (tests/e2e/test_findings.cpp checks their lines), then the host line.
    CHECK(o.out.rfind("findings:\n  warning  fwctl0", 0) == 0);
    CHECK(o.out.find("\n\nhost ") != std::string::npos);
    CHECK(o.out.find(", 6 fwctl devices\n\n") != std::string::npos);
    const auto table = o.out.find("\nDEVICE  TYPE") + 1;
    REQUIRE(table != 0);
    // The same golden text as the unit test of the renderer (tests/unit/test_report_summary.cpp).
    CHECK(o.out.substr(table) == e2e::read_text(std::string(FWCTL_SOURCE_DIR) + "/tests/golden/mixed-summary.txt"));
}

TEST_CASE("--summary with --device summarises only that device")
{
    const auto o = run_report_in_lab("mixed", {"--summary", "--device", "fwctl3"});
    CHECK(o.exit_code == 0);
    CHECK(o.out.find("1 fwctl device\n") != std::string::npos);
    CHECK(o.out.find("fwctl3  bnxt") != std::string::npos);
    CHECK(o.out.find("fwctl0") == std::string::npos);
}

TEST_CASE("--summary cannot be combined with output options")
{
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--summary", "--format", "json"}, {"--summary", "--tar", "/tmp/x.tar"}, {"--summary", "--list"}}) {
        const auto o = run_report_in_lab("mixed", args);
        CHECK(o.exit_code == 2);
        CHECK(o.err.find("--summary") != std::string::npos);
    }
}
