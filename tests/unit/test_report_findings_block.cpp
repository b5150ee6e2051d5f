// The findings block that --summary and diff print first.
#include <doctest/doctest.h>

#include "report/findings/findings_block.hpp"

using namespace fwctl::report;
using namespace fwctl::report::findings;

namespace {

Json finding(const char* severity, Json device, const char* id, const char* subject)
{
    return {{"id", id}, {"severity", severity}, {"device", std::move(device)}, {"subject", subject},
            {"message", "m"}, {"evidence", Json::object()}};
}

}  // namespace

TEST_CASE("one aligned line per finding: severity, device (host for none), id, subject")
{
    const Json list = {finding("critical", nullptr, "FWCTL-TAINT-CHANGED-DURING-RUN", "kernel taint mask"),
                       finding("warning", "fwctl0", "FWCTL-FW-PENDING-ACTIVATION", "firmware 28.41.1000")};
    CHECK(render_block(findings_block(list), false) ==
          "findings:\n"
          "  critical host    FWCTL-TAINT-CHANGED-DURING-RUN  kernel taint mask\n"
          "  warning  fwctl0  FWCTL-FW-PENDING-ACTIVATION  firmware 28.41.1000\n");
    CHECK(render_block(findings_block(Json::array(), "findings new in B"), false) == "findings new in B:\n  none\n");
    // Hostile text from a saved report cannot reach the terminal raw.
    const Json hostile = {finding("info", "fwctl0\033[2J", "FWCTL-X", "s")};
    CHECK(render_block(findings_block(hostile), false).find('\033') == std::string::npos);
}

TEST_CASE("findings_not_in: the same id, device and subject is the same finding, whatever its message")
{
    const Json before = {finding("warning", "fwctl0", "FWCTL-FW-PENDING-ACTIVATION", "firmware 28.41.1000"),
                         finding("notice", "fwctl0", "FWCTL-CFG-PENDING", "NUM_OF_VFS")};
    Json after = {finding("warning", "fwctl0", "FWCTL-FW-PENDING-ACTIVATION", "firmware 28.41.1000"),
                  finding("warning", "fwctl0", "FWCTL-FW-PENDING-ACTIVATION", "firmware 28.43.1010")};
    after[0]["message"] = "worded differently";
    const Json added = findings_not_in(after, before);
    REQUIRE(added.size() == 1);
    CHECK(added[0]["subject"] == "firmware 28.43.1010");
    const Json gone = findings_not_in(before, after);
    REQUIRE(gone.size() == 1);
    CHECK(gone[0]["id"] == "FWCTL-CFG-PENDING");
    CHECK(findings_not_in(Json(nullptr), before).empty());
}
