// The report of the mixed lab (mlx5 x2, cxl, bnxt, pds, an unknown type),
// produced by the real binary on emulated devices, read back as a user would.
#include <doctest/doctest.h>

#include "report/schema_validator.hpp"
#include "report/yaml_reader.hpp"
#include "tests/e2e/run_command.hpp"

using e2e::run_report_in_lab;
using nlohmann::json;

namespace {

json report_of(const std::string& lab, const std::vector<std::string>& args = {}, int expected_exit = 0)
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
    for (const auto& d : doc["devices"]) {
        if (d["name"] == name) {
            return d;
        }
    }
    FAIL("no device " << name);
    static const json none;
    return none;
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
        CHECK(doc["devices"][i]["status"] == "ok");
    }
    CHECK(doc["devices"][5]["type_id"] == 9);
    CHECK(doc["devices"][5]["plugin"].is_null());
    CHECK(doc["devices"][5]["notes"]["device"].get<std::string>().find("no plugin") != std::string::npos);
    CHECK(doc["collection"]["devices_ok"] == 6);
    CHECK(doc["collection"]["devices_failed"] == 0);
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

TEST_CASE("mixed lab: the plugins' sections carry decoded device answers")
{
    const json doc = report_of("mixed");
    CHECK(device(doc, "fwctl0")["firmware"]["psid"] == "MT_0000000838");
    CHECK(device(doc, "fwctl0")["info"]["decoded"]["tools_resources"] == true);
    CHECK(device(doc, "fwctl3")["firmware"]["running"] == "230.0.156.0");
    CHECK(device(doc, "fwctl3")["firmware"]["package"] == "230.1.116.0");
    CHECK(device(doc, "fwctl2")["config"].size() == 3);
    CHECK(device(doc, "fwctl2")["info"]["data_len"] == 0);
    // Sections a plugin leaves empty say why.
    CHECK(device(doc, "fwctl4")["notes"]["firmware"].is_string());
    CHECK(device(doc, "fwctl0")["notes"]["config"].is_string());
    CHECK(device(doc, "fwctl0")["collection"]["rpcs_sent"] == 1);
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
    REQUIRE(o.exit_code == 0);
    json json_doc = json::parse(o.out);
    auto strip = [](json doc) {
        doc.erase("collected_at");
        doc.erase("duration_ms");
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
