// Specification of report/diff: what `fwctl-report diff A B` calls a
// difference between two reports. Each case starts from the golden mixed
// report and edits a copy, as the host would have changed.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "report/diff/diff_output.hpp"
#include "report/diff/report_diff.hpp"
#include "tests/unit/mixed_report_fixture.hpp"

using fixture::config_entry;
using fixture::device;
using fixture::mixed_report;
using fwctl::Errc;
using fwctl::report::DiffResult;
using fwctl::report::diff_reports;
using nlohmann::json;

namespace {

DiffResult diff_of(const json& a, const json& b)
{
    auto result = diff_reports(a, b);
    REQUIRE_MESSAGE(result, (result ? std::string() : result.error().message()));
    return *result;
}

// The only changed device's only change.
const fwctl::report::ValueChange& single_change(const DiffResult& diff)
{
    REQUIRE(diff.changed.size() == 1);
    REQUIRE(diff.changed[0].changes.size() == 1);
    return diff.changed[0].changes[0];
}

json taint_flag(int bit, const char* letter, const char* name)
{
    return {{"bit", bit}, {"letter", letter}, {"name", name}};
}

}  // namespace

TEST_CASE("diff: a report compared with itself has no difference")
{
    const DiffResult diff = diff_of(mixed_report(), mixed_report());
    CHECK(diff.difference_count() == 0);
    CHECK(diff.changed.empty());
    CHECK(diff.added.empty());
    CHECK(diff.removed.empty());
    CHECK(diff.host.empty());
    CHECK_FALSE(diff.taint.differs);
    CHECK(diff.a.devices == 6);
    CHECK(diff.a.hostname == "lab1");
}

TEST_CASE("diff: timestamps, durations, RPC counts, health readings and the host name are not differences")
{
    json b = mixed_report();
    b["collected_at"] = "2026-12-01T00:00:00Z";
    b["duration_ms"] = 99999;
    b["collection"]["rpcs_sent"] = 1234;
    b["host"]["hostname"] = "lab2";
    for (auto& d : b["devices"]) {
        d["collection"]["rpcs_sent"] = 77;
        d["collection"]["duration_ms"] = 12345.5;
    }
    device(b, "fwctl0")["health"]["temperature_c"] = 99.5;
    const DiffResult diff = diff_of(mixed_report(), b);
    CHECK(diff.difference_count() == 0);
    CHECK(diff.b.hostname == "lab2");
}

TEST_CASE("diff: a new running firmware version is one firmware change of that device")
{
    json b = mixed_report();
    device(b, "fwctl3")["firmware"]["running"] = "231.0.162.0";
    const DiffResult diff = diff_of(mixed_report(), b);
    CHECK(diff.difference_count() == 1);
    CHECK(diff.changed[0].b.name == "fwctl3");
    CHECK(diff.changed[0].b.address == "0000:41:00.0");
    CHECK(diff.changed[0].matched_by == "address");
    const auto& change = single_change(diff);
    CHECK(change.section == "firmware");
    CHECK(change.field == "running");
    CHECK(change.a == "230.1.116.0");
    CHECK(change.b == "231.0.162.0");
}

TEST_CASE("diff: a staged firmware that disappears shows as stored and pending_activation changes")
{
    json b = mixed_report();
    device(b, "fwctl0")["firmware"]["stored"] = nullptr;
    device(b, "fwctl0")["firmware"]["pending_activation"] = false;
    const DiffResult diff = diff_of(mixed_report(), b);
    REQUIRE(diff.changed.size() == 1);
    REQUIRE(diff.changed[0].changes.size() == 2);
    CHECK(diff.changed[0].changes[0].field == "stored");
    CHECK(diff.changed[0].changes[0].b.is_null());
    CHECK(diff.changed[0].changes[1].field == "pending_activation");
}

TEST_CASE("diff: a next-boot configuration value that changed is a config change named by the parameter")
{
    json b = mixed_report();
    config_entry(device(b, "fwctl0"), "NUM_OF_VFS")["next_boot"] = 32;
    const DiffResult diff = diff_of(mixed_report(), b);
    CHECK(diff.difference_count() == 1);
    const auto& change = single_change(diff);
    CHECK(change.section == "config");
    CHECK(change.key == "NUM_OF_VFS");
    CHECK(change.field == "next_boot");
    CHECK(change.a == 16);
    CHECK(change.b == 32);
}

TEST_CASE("diff: entries without a name are compared by id")
{
    json b = mixed_report();
    for (auto& e : device(b, "fwctl2")["config"]) {
        if (e["id"] == "d1b5f3a2-7c4e-4f1a-9b6d-2e8c0a4f7b13") {
            e["current"] = "0020000002000000";
        }
    }
    const DiffResult diff = diff_of(mixed_report(), b);
    const auto& change = single_change(diff);
    CHECK(change.key == "d1b5f3a2-7c4e-4f1a-9b6d-2e8c0a4f7b13");
    CHECK(change.field == "current");
}

TEST_CASE("diff: a configuration that one report could not read is one line, not one per entry")
{
    json b = mixed_report();
    device(b, "fwctl0")["config"] = json::array();
    const DiffResult diff = diff_of(mixed_report(), b);
    const auto& change = single_change(diff);
    CHECK(change.section == "config");
    CHECK(change.field == "entries");
    CHECK(change.a == 41);
    CHECK(change.b == 0);
}

TEST_CASE("diff: an entry only one report has is a presence change")
{
    json b = mixed_report();
    auto& config = device(b, "fwctl0")["config"];
    config.erase(config.begin() + 3);  // FPP_EN
    const DiffResult diff = diff_of(mixed_report(), b);
    const auto& change = single_change(diff);
    CHECK(change.key == "FPP_EN");
    CHECK(change.field == "present");
    CHECK(change.a == true);
    CHECK(change.b == false);
}

TEST_CASE("diff: a device missing from B is removed, one in B only is added")
{
    json b = mixed_report();
    b["devices"].erase(b["devices"].begin() + 3);  // fwctl3, the bnxt
    DiffResult diff = diff_of(mixed_report(), b);
    CHECK(diff.difference_count() == 1);
    REQUIRE(diff.removed.size() == 1);
    CHECK(diff.removed[0].name == "fwctl3");
    CHECK(diff.removed[0].type == "bnxt");
    CHECK(diff.removed[0].address == "0000:41:00.0");
    CHECK(diff.changed.empty());

    diff = diff_of(b, mixed_report());
    REQUIRE(diff.added.size() == 1);
    CHECK(diff.added[0].name == "fwctl3");
    CHECK(diff.removed.empty());
}

TEST_CASE("diff: device names do not matter; a renumbered device is the same device")
{
    json b = mixed_report();
    device(b, "fwctl4")["name"] = "fwctl9";
    CHECK(diff_of(mixed_report(), b).difference_count() == 0);
}

TEST_CASE("diff: a card moved to another slot is matched by its serial and shows the new address")
{
    json b = mixed_report();
    json& cxl = device(b, "fwctl2");
    cxl["name"] = "fwctl7";
    cxl["parent"]["pci"]["address"] = "0000:0e:00.0";
    const DiffResult diff = diff_of(mixed_report(), b);
    CHECK(diff.added.empty());
    CHECK(diff.removed.empty());
    REQUIRE(diff.changed.size() == 1);
    CHECK(diff.changed[0].matched_by == "serial");
    CHECK(diff.changed[0].a.name == "fwctl2");
    CHECK(diff.changed[0].b.name == "fwctl7");
    CHECK(diff.changed[0].b.serial == "0x3b5a7c9e12d4f601");
    const auto& change = single_change(diff);
    CHECK(change.section == "device");
    CHECK(change.field == "address");
    CHECK(change.a == "0000:0d:00.0");
    CHECK(change.b == "0000:0e:00.0");
}

TEST_CASE("diff: redaction tokens in place of serials match when equal")
{
    json a = mixed_report();
    device(a, "fwctl2")["firmware"]["memdev"]["serial"] = "serial-1";
    json b = a;
    device(b, "fwctl2")["parent"]["pci"]["address"] = "0000:0e:00.0";
    DiffResult diff = diff_of(a, b);
    REQUIRE(diff.changed.size() == 1);
    CHECK(diff.changed[0].matched_by == "serial");

    device(b, "fwctl2")["firmware"]["memdev"]["serial"] = "serial-2";
    diff = diff_of(a, b);
    CHECK(diff.changed.empty());
    CHECK(diff.added.size() == 1);
    CHECK(diff.removed.size() == 1);
}

TEST_CASE("diff: another card in the same slot (a different serial) is a removal and an addition")
{
    json b = mixed_report();
    device(b, "fwctl2")["firmware"]["memdev"]["serial"] = "0x0000000000000001";
    const DiffResult diff = diff_of(mixed_report(), b);
    CHECK(diff.changed.empty());
    REQUIRE(diff.removed.size() == 1);
    REQUIRE(diff.added.size() == 1);
    CHECK(diff.removed[0].serial == "0x3b5a7c9e12d4f601");
    CHECK(diff.added[0].serial == "0x0000000000000001");
}

TEST_CASE("diff: the fwctl taint flag appearing after the run is a taint difference naming the new flag")
{
    json b = mixed_report();
    b["taint"]["after"]["value"] = 4096 + (1 << 19);
    b["taint"]["after"]["flags"].push_back(taint_flag(19, "J", "TAINT_FWCTL"));
    b["taint"]["fwctl_tainted"] = true;
    b["taint"]["changed_during_run"] = true;
    const DiffResult diff = diff_of(mixed_report(), b);
    CHECK(diff.difference_count() == 1);
    CHECK(diff.taint.differs);
    CHECK(diff.taint.a_after == "O");
    CHECK(diff.taint.b_before == "O");
    CHECK(diff.taint.b_after == "O J");
    REQUIRE(diff.taint.new_flags.size() == 1);
    CHECK(diff.taint.new_flags[0].letter == "J");
    CHECK(diff.taint.new_flags[0].name == "TAINT_FWCTL");
    CHECK(diff.taint.cleared_flags.empty());
}

TEST_CASE("diff: an unreadable taint mask differs from a readable one")
{
    json b = mixed_report();
    b["taint"]["after"] = nullptr;
    b["taint"]["changed_during_run"] = nullptr;
    const DiffResult diff = diff_of(mixed_report(), b);
    CHECK(diff.taint.differs);
    CHECK(diff.taint.b_after == "unreadable");
    CHECK(diff.taint.new_flags.empty());
}

TEST_CASE("diff: kernel release and tool version changes are host differences")
{
    json b = mixed_report();
    b["host"]["kernel_release"] = "6.16.0-1-amd64";
    b["tool"]["version"] = "0.2.0";
    const DiffResult diff = diff_of(mixed_report(), b);
    REQUIRE(diff.host.size() == 2);
    CHECK(diff.host[0].field == "kernel_release");
    CHECK(diff.host[0].b == "6.16.0-1-amd64");
    CHECK(diff.host[1].field == "tool_version");
    CHECK(diff.difference_count() == 2);
}

TEST_CASE("diff: non-default entries are listed from both reports as context, not as differences")
{
    const DiffResult same = diff_of(mixed_report(), mixed_report());
    REQUIRE(same.non_default.size() == 6);
    CHECK(same.non_default[0].key == "SRIOV_EN");
    CHECK(same.non_default[0].device.name == "fwctl0");
    REQUIRE(same.non_default[0].a);
    CHECK(same.non_default[0].a->non_default);
    CHECK(same.non_default[0].a->value == true);
    CHECK(same.non_default[0].default_value == false);

    json b = mixed_report();
    json& sriov = config_entry(device(b, "fwctl0"), "SRIOV_EN");
    sriov["current"] = false;
    sriov["next_boot"] = false;
    sriov["differs_from_default"] = false;
    const DiffResult diff = diff_of(mixed_report(), b);
    REQUIRE(diff.non_default.size() == 6);
    CHECK(diff.non_default[0].key == "SRIOV_EN");
    CHECK(diff.non_default[0].a->non_default);
    CHECK_FALSE(diff.non_default[0].b->non_default);
    CHECK(diff.difference_count() == 2);  // current and next_boot
}

TEST_CASE("diff: documents that are not valid reports are refused with the report named")
{
    json bad = mixed_report();
    bad["devices"][0].erase("type");
    auto result = diff_reports(mixed_report(), bad);
    REQUIRE_FALSE(result);
    CHECK(result.error().code == Errc::schema_violation);
    CHECK(result.error().where == "B");
    CHECK(result.error().message().find("devices[0]") != std::string::npos);

    for (const json& junk : {json(nullptr), json::array(), json("text"), json(42), json::object()}) {
        auto r = diff_reports(junk, mixed_report());
        REQUIRE_FALSE(r);
        CHECK(r.error().where == "A");
    }
}

TEST_CASE("diff: several devices at one address (a malformed but valid report) pair in order, without a crash")
{
    json a = mixed_report();
    json b = mixed_report();
    json twin = device(a, "fwctl4");
    twin["name"] = "fwctl8";
    a["devices"].push_back(twin);
    b["devices"].push_back(twin);
    b["devices"].push_back(twin);
    const DiffResult diff = diff_of(a, b);
    CHECK(diff.added.size() == 1);
    CHECK(diff.removed.empty());
    CHECK(diff.changed.empty());
}

TEST_CASE("diff output: the structured document has every section, even when empty")
{
    json b = mixed_report();
    device(b, "fwctl3")["firmware"]["running"] = "231.0.162.0";
    const auto doc = fwctl::report::diff_document(diff_of(mixed_report(), b), {"old.yaml", "new.yaml"});
    CHECK(doc["diff_format"] == 1);
    CHECK(doc["a"]["input"] == "old.yaml");
    CHECK(doc["b"]["hostname"] == "lab1");
    CHECK(doc["differences"] == 1);
    for (const char* key : {"host", "devices_added", "devices_removed"}) {
        CHECK(doc[key].is_array());
        CHECK(doc[key].empty());
    }
    CHECK(doc["taint"]["differs"] == false);
    REQUIRE(doc["devices_changed"].size() == 1);
    const auto& changed = doc["devices_changed"][0];
    CHECK(changed["b"]["address"] == "0000:41:00.0");
    CHECK(changed["matched_by"] == "address");
    CHECK(changed["changes"][0] == nlohmann::ordered_json({{"section", "firmware"},
                                                           {"key", nullptr},
                                                           {"field", "running"},
                                                           {"a", "230.1.116.0"},
                                                           {"b", "231.0.162.0"}}));
    CHECK(doc["non_default"].size() == 6);
    CHECK(doc["non_default"][0]["a"]["non_default"] == true);
}

TEST_CASE("diff output: the table names both reports, lists each difference and the non-default context")
{
    json b = mixed_report();
    device(b, "fwctl3")["firmware"]["running"] = "231.0.162.0";
    config_entry(device(b, "fwctl0"), "NUM_OF_VFS")["next_boot"] = 32;
    b["devices"].erase(b["devices"].begin() + 4);  // fwctl4, the pds
    b["taint"]["after"]["flags"].push_back(taint_flag(19, "J", "TAINT_FWCTL"));
    b["taint"]["after"]["value"] = 4096 + (1 << 19);
    const std::string text =
        fwctl::report::render_diff_table(diff_of(mixed_report(), b), {"old.yaml", "new.yaml"});
    CHECK(text ==
          "A: old.yaml (host lab1, collected 2026-11-24T06:30:00Z, fwctl-report 0.1.0, 6 devices)\n"
          "B: new.yaml (host lab1, collected 2026-11-24T06:30:00Z, fwctl-report 0.1.0, 5 devices)\n"
          "\n"
          "4 differences:\n"
          "  WHERE                 WHAT                         A            B\n"
          "  host                  taint after                  O            O J\n"
          "  fwctl4  0000:b5:00.0  device pds                   present      absent\n"
          "  fwctl0  0000:03:00.0  config NUM_OF_VFS next_boot  16           32\n"
          "  fwctl3  0000:41:00.0  firmware running             230.1.116.0  231.0.162.0\n"
          "Taint set in B but not in A: J (TAINT_FWCTL)\n"
          "\n"
          "Configuration that differs from its default (* = non-default in that report):\n"
          "  DEVICE                ITEM                                  DEFAULT           A                   B\n"
          "  fwctl0  0000:03:00.0  SRIOV_EN                              false             true *              true *\n"
          "  fwctl0  0000:03:00.0  NUM_OF_VFS                            0                 16 *                32 *\n"
          "  fwctl0  0000:03:00.0  0x00000006                            00000000          00000003 *          00000003 *\n"
          "  fwctl2  0000:0d:00.0  ecs.fru0.threshold_count              1024              256 *               256 *\n"
          "  fwctl2  0000:0d:00.0  ecs.fru1.count_mode                   rows              codewords *         codewords *\n"
          "  fwctl2  0000:0d:00.0  d1b5f3a2-7c4e-4f1a-9b6d-2e8c0a4f7b13  0010000000000000  0020000002000000 *  0020000002000000 *\n");
}

TEST_CASE("diff output: identical reports say so")
{
    json a = mixed_report();
    for (auto& d : a["devices"]) {
        d["config"] = json::array();
    }
    const std::string text = fwctl::report::render_diff_table(diff_of(a, a), {"x", "x"});
    CHECK(text.find("\nNo differences.\n") != std::string::npos);
    CHECK(text.find("Configuration that differs") == std::string::npos);
}

TEST_CASE("diff output: text from the reports cannot reach the terminal as control sequences")
{
    json b = mixed_report();
    config_entry(device(b, "fwctl0"), "NUM_OF_VFS")["name"] = "VFS\033[2J";
    b["taint"]["after"]["flags"].push_back(taint_flag(19, "\033", "TAINT\033]0;x\007"));
    device(b, "fwctl3")["firmware"]["running"] = "\xc2\x9b" "31m";
    const auto diff = diff_of(mixed_report(), b);
    const std::string text = fwctl::report::render_diff_table(diff, {"a\033", "b"});
    CHECK(text.find('\033') == std::string::npos);
    CHECK(text.find('\007') == std::string::npos);
    CHECK(text.find("\xc2\x9b") == std::string::npos);
    CHECK(text.find("VFS?[2J") != std::string::npos);
}
