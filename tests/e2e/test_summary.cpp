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
    CHECK(o.out.rfind("host ", 0) == 0);
    CHECK(o.out.find(", 6 fwctl devices\n\n") != std::string::npos);
    const auto table = o.out.find("DEVICE");
    REQUIRE(table != std::string::npos);
    CHECK(o.out.substr(table) ==
          "DEVICE  TYPE     PCI           RUNNING FW   PENDING FW   NON-DEFAULT  ERRORS\n"
          "fwctl0  mlx5     0000:03:00.0  28.39.1002   28.41.1000   3            0\n"
          "fwctl1  mlx5     0000:03:00.1  ?            ?            -            4\n"
          "fwctl2  cxl      0000:0d:00.0  7.0.13.1     ?            3            0\n"
          "fwctl3  bnxt     0000:41:00.0  230.1.116.0  231.0.162.0  -            0\n"
          "fwctl4  pds      0000:b5:00.0  ?            ?            -            0\n"
          "fwctl5  unknown  0000:82:00.0  ?            ?            -            0\n"
          "\n"
          "taint: before O, after O; unchanged during the run\n"
          "?: not known to the plugin or not readable; the device's notes in the full report say why\n");
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
