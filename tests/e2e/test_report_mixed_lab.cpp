// The report of the mixed lab (mlx5 x2, cxl, bnxt, pds, an unknown type),
// produced by the real binary on emulated devices, read back as a user would.
// fwctl1 lacks TOOLS_RESOURCES, so its firmware refuses global queries: the run
// is complete but partial, and exits 1 with those refusals in the report.
#include <doctest/doctest.h>

#include "report/schema_validator.hpp"
#include "report/yaml_reader.hpp"
#include "tests/e2e/report_lookup.hpp"
#include "tests/e2e/run_command.hpp"

using e2e::run_report_in_lab;
using nlohmann::json;

namespace {

json report_of(const std::string& lab, const std::vector<std::string>& args = {}, int expected_exit = 1)
{
    const auto o = run_report_in_lab(lab, args);
    CAPTURE(o.err);
    CHECK(o.exit_code == expected_exit);
    auto doc = fwctl::report::yaml_to_json(o.out, "stdout");
    REQUIRE(doc);
    const auto violations = fwctl::report::report_schema().validate(*doc);
    CHECK_MESSAGE(violations.empty(), fwctl::report::summarize(violations));
    return *doc;
}

const json& device(const json& doc, const std::string& name)
{
    return e2e::device_named(doc, name);
}

}  // namespace

TEST_CASE("mixed lab: every device appears, in order, typed by FWCTL_INFO")
{
    const json doc = report_of("mixed");
    REQUIRE(doc["devices"].size() == 6);
    const char* types[] = {"mlx5", "mlx5", "cxl", "bnxt", "pds", "unknown"};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(doc["devices"][i]["name"] == "fwctl" + std::to_string(i));
        CHECK(doc["devices"][i]["type"] == types[i]);
        CHECK(doc["devices"][i]["status"] == (i == 1 ? "partial" : "ok"));
    }
    CHECK(doc["devices"][5]["type_id"] == 9);
    CHECK(doc["devices"][5]["plugin"].is_null());
    CHECK(doc["devices"][5]["notes"]["device"].get<std::string>().find("no plugin") != std::string::npos);
    CHECK(doc["devices"][5]["collection"]["rpcs_sent"] == 0);
    CHECK(doc["collection"]["devices_ok"] == 5);
    CHECK(doc["collection"]["devices_failed"] == 1);
    CHECK(doc["errors"].empty());
}

TEST_CASE("mixed lab: sysfs identity follows the parent to PCI, and through the CXL memdev")
{
    const json doc = report_of("mixed");
    const json& mlx5 = device(doc, "fwctl0");
    CHECK(mlx5["devnode"] == "/dev/fwctl/fwctl0");
    CHECK(mlx5["parent"]["subsystem"] == "pci");
    CHECK(mlx5["parent"]["driver"] == "mlx5_core");
    CHECK(mlx5["parent"]["pci"]["address"] == "0000:03:00.0");
    CHECK(mlx5["parent"]["pci"]["vendor_id"] == "0x15b3");
    CHECK(mlx5["parent"]["pci"]["device_id"] == "0x1021");
    const json& cxl = device(doc, "fwctl2");
    CHECK(cxl["parent"]["subsystem"] == "cxl");
    CHECK(cxl["parent"]["sysname"] == "mem0");
    CHECK(cxl["parent"]["pci"]["class"] == "0x050210");
}

TEST_CASE("mixed lab: mlx5 shows the staged firmware and the SR-IOV settings that differ from default")
{
    const json doc = report_of("mixed");
    const json& pf0 = device(doc, "fwctl0");
    CHECK(pf0["firmware"]["psid"] == "MT_0000000838");
    CHECK(pf0["firmware"]["running"] == "28.39.1002");
    CHECK(pf0["firmware"]["stored"] == "28.41.1000");
    CHECK(pf0["firmware"]["pending_activation"] == true);
    CHECK(pf0["info"]["decoded"]["tools_resources"] == true);
    bool seen_vfs = false;
    for (const auto& e : pf0["config"]) {
        if (e["name"] == "NUM_OF_VFS") {
            seen_vfs = true;
            CHECK(e["current"] == 8);
            CHECK(e["next_boot"] == 16);
            CHECK(e["differs_from_default"] == true);
            CHECK(e["pending_change"] == true);
            CHECK(e["category"] == "pci");
        }
    }
    CHECK(seen_vfs);
}

TEST_CASE("mixed lab: an mlx5 context without TOOLS_RESOURCES says why its sections are empty")
{
    const json doc = report_of("mixed");
    const json& pf1 = device(doc, "fwctl1");
    CHECK(pf1["info"]["decoded"]["tools_resources"] == false);
    CHECK(pf1["notes"]["device"].get<std::string>().find("TOOLS_RESOURCES") != std::string::npos);
    CHECK(pf1["firmware"]["psid"] == "MT_0000000838");
    CHECK(pf1["config"].empty());
    CHECK(pf1["notes"]["config"].is_string());
    REQUIRE_FALSE(pf1["errors"].empty());
    for (const auto& e : pf1["errors"]) {
        CHECK(e["stage"] == "rpc");
        CHECK(e["what"].get<std::string>().rfind("fwctl1 ", 0) == 0);
    }
}

TEST_CASE("mixed lab: cxl, bnxt and pds sections carry the device's answers or say why not")
{
    const json doc = report_of("mixed");
    const json& cxl = device(doc, "fwctl2");
    CHECK(cxl["firmware"]["running"] == "7.0.13.1");
    CHECK(cxl["info"]["data_len"] == 0);
    bool scrub_pending = false;
    for (const auto& e : cxl["config"]) {
        if (e["name"] == "patrol_scrub.scrub_cycle_hours") {
            scrub_pending = e["pending_change"] == true && e["current"] == 12 && e["next_boot"] == 24;
        }
    }
    CHECK(scrub_pending);

    const json& bnxt = device(doc, "fwctl3");
    CHECK(bnxt["firmware"]["running"] == "230.1.116.0");
    CHECK(bnxt["firmware"]["components"]["mgmt"]["running"] == "230.0.156.0");
    CHECK(bnxt["notes"]["config"].get<std::string>().find("NVM_GET_VARIABLE") != std::string::npos);
    CHECK(bnxt["health"].contains("fw_health_check"));

    const json& pds = device(doc, "fwctl4");
    CHECK(pds["collection"]["rpcs_sent"] == 0);
    CHECK(pds["notes"]["firmware"].get<std::string>().find("no read-only inspection RPC is known") !=
          std::string::npos);
}

TEST_CASE("mixed lab: host and taint come from the emulated system")
{
    const json doc = report_of("mixed");
    CHECK(doc["schema_version"] == 1);
    CHECK(doc["host"]["lockdown"] == "none");
    CHECK(doc["taint"]["before"]["value"] == 4096);
    CHECK(doc["taint"]["before"]["flags"][0]["letter"] == "O");
    CHECK(doc["taint"]["after"]["value"] == 4096);
    CHECK(doc["taint"]["fwctl_tainted"] == false);
    CHECK(doc["taint"]["changed_during_run"] == false);
}

TEST_CASE("mixed lab: --format json is the same document as the YAML")
{
    const json yaml_doc = report_of("mixed");
    const auto o = run_report_in_lab("mixed", {"--format", "json"});
    REQUIRE(o.exit_code == 1);
    json json_doc = json::parse(o.out);
    auto strip = [](json doc) {
        doc.erase("collected_at");
        doc.erase("duration_ms");
        doc["collection"].erase("device_time_ms");
        doc["collection"].erase("wall_time_ms");
        for (auto& d : doc["devices"]) {
            d.erase("collection");
        }
        return doc;
    };
    CHECK(strip(yaml_doc) == strip(json_doc));
}

TEST_CASE("a device whose FWCTL_INFO fails is reported with its error while the others are complete")
{
    const json doc = report_of("info-fails", {}, 1);
    std::size_t failed = 0;
    for (const auto& d : doc["devices"]) {
        if (d["status"] == "failed") {
            ++failed;
            REQUIRE(d["errors"].size() >= 1);
            const auto& e = d["errors"].back();
            CHECK(e["stage"] == "info");
            CHECK(e["errno"] == 5);
            CHECK(e["errno_name"] == "EIO");
            CHECK(e["what"].get<std::string>().find(d["name"].get<std::string>()) != std::string::npos);
            CHECK(d["info"].is_null());
            CHECK(d["type"] == "unknown");
            CHECK(d["notes"]["firmware"].is_string());
        } else {
            CHECK(d["status"] == "ok");
            CHECK_FALSE(d["info"].is_null());
        }
    }
    CHECK(failed == 1);
    CHECK(doc["collection"]["devices_failed"] == 1);
}
