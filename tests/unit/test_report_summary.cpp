// Specification of report/summary: the compact table `fwctl-report --summary`
// prints, as exact text (no colour), from the golden mixed report.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "report/summary.hpp"
#include "tests/unit/mixed_report_fixture.hpp"

using fixture::device;
using fixture::mixed_report;
using fwctl::report::render_summary;
using fwctl::report::SummaryOptions;
using fwctl::report::taint_line;
using nlohmann::json;

// tests/golden/mixed-summary.txt is the table and taint line of the mixed lab;
// the e2e test of --summary compares the real binary's output with it too.
TEST_CASE("summary: one line per device of the mixed report, then the taint line")
{
    CHECK(render_summary(mixed_report()) == "host lab1, kernel 6.15.0-1-amd64, 6 fwctl devices\n"
                                            "\n" +
                                                fixture::read_source_file("tests/golden/mixed-summary.txt"));
}

TEST_CASE("summary: lead blocks (such as findings) come first")
{
    SummaryOptions options;
    options.lead.push_back({"findings", {{"fwctl0: firmware 28.41.1000 waits for a reset"}}});
    const std::string text = render_summary(mixed_report(), options);
    CHECK(text.rfind("findings:\n  fwctl0: firmware 28.41.1000 waits for a reset\n\nhost lab1,", 0) == 0);
}

TEST_CASE("summary: colour only when asked, and then the errors stand out")
{
    CHECK(render_summary(mixed_report()).find('\033') == std::string::npos);
    SummaryOptions options;
    options.colour = true;
    const std::string text = render_summary(mixed_report(), options);
    CHECK(text.find("\033[1;31m4\033[0m") != std::string::npos);
}

TEST_CASE("summary: a host without devices says why")
{
    json doc = mixed_report();
    doc["devices"] = json::array();
    doc["notes"] = {{"devices", "/sys/class/fwctl does not exist: the fwctl module is not loaded"}};
    const std::string text = render_summary(doc);
    CHECK(text.find("0 fwctl devices") != std::string::npos);
    CHECK(text.find("no fwctl devices: /sys/class/fwctl does not exist") != std::string::npos);
    CHECK(text.find("DEVICE") == std::string::npos);
}

TEST_CASE("summary: run-level errors are counted")
{
    json doc = mixed_report();
    doc["errors"].push_back({{"stage", "taint"}, {"what", "/proc/sys/kernel/tainted"}, {"errno", 13},
                             {"errno_name", "EACCES"}, {"message", "cannot read"}});
    CHECK(render_summary(doc).find("run errors: 1 (see the errors list of the full report)\n") !=
          std::string::npos);
}

TEST_CASE("summary: the taint line names flags set during the run, and unreadable masks")
{
    json doc = mixed_report();
    doc["taint"]["after"]["flags"].push_back({{"bit", 19}, {"letter", "J"}, {"name", "TAINT_FWCTL"}});
    CHECK(taint_line(doc) == "taint: before O, after O J; set during the run: J (TAINT_FWCTL)");
    doc["taint"]["before"] = nullptr;
    CHECK(taint_line(doc) == "taint: before unreadable, after O J");
    doc["taint"]["after"]["flags"] = json::array();
    CHECK(taint_line(doc) == "taint: before unreadable, after none");
}

TEST_CASE("summary: hostile text cannot reach the terminal as control sequences, and junk does not crash")
{
    json doc = mixed_report();
    device(doc, "fwctl0")["firmware"]["running"] = "1.0\033]0;owned\007\n";
    const std::string text = render_summary(doc);
    CHECK(text.find('\033') == std::string::npos);
    CHECK(text.find('\007') == std::string::npos);
    CHECK(text.find("1.0?]0;owned??") != std::string::npos);

    for (const json& junk : {json(nullptr), json::array(), json("x"), json({{"devices", {1, "two", nullptr}}})}) {
        CHECK_NOTHROW(render_summary(junk));
    }
}
