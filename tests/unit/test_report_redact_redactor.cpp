#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "report/bundle.hpp"
#include "report/document.hpp"
#include "report/redact/redactor.hpp"
#include "report/schema_validator.hpp"
#include "report/yaml_reader.hpp"

using namespace fwctl;
using namespace fwctl::report;
using namespace fwctl::report::redact;

namespace {

constexpr const char* serial = "0x3b5a7c9e12d4f601";

RedactionKey test_key()
{
    const std::string key = "redactor test key, 32 bytes long";
    return RedactionKey::from_bytes(std::vector<std::uint8_t>(key.begin(), key.end()), true);
}

// A host called "debian" (as the Debian installer names it) with a CXL device
// whose serial also shows up in a note, an error message and the INFO dump.
Snapshot snapshot_with_secrets()
{
    Snapshot s;
    s.collected_at = "2026-11-24T06:30:00Z";
    s.host.hostname = "debian";
    s.host.kernel_release = "6.15.0";
    s.host.os.id = "debian";
    s.host.os.pretty_name = "Debian GNU/Linux 12 (bookworm)";
    DeviceRecord d;
    d.identity.name = "fwctl0";
    d.identity.devnode = "/dev/fwctl/fwctl0";
    d.identity.dev = "511:0";
    d.identity.parent = ParentIdentity{"cxl", "mem0", "cxl_mem", PciIdentity{"0000:0d:00.0"}};
    d.info = InfoData{2, {0x01, 0xf6, 0xd4, 0x12, 0x9e, 0x7c, 0x5a, 0x3b}};  // the serial, little-endian
    d.plugin = "cxl";
    d.sections.firmware["running"] = "7.0.13.1";
    d.sections.firmware["memdev"]["serial"] = serial;
    d.sections.firmware["port"]["mac_address"] = "00:0a:f7:12:34:56";
    d.sections.notes["firmware"] = std::string("serial ") + serial + " reported by sysfs";
    d.errors.push_back({"rpc", "Get Feature", 5, std::string("device ") + serial + " on host debian failed"});
    s.devices.push_back(d);
    return s;
}

}  // namespace

TEST_CASE("redactor: table fields become tokens, and the sweep catches the same values everywhere else")
{
    Redactor redactor(test_key());
    Document doc = to_document(snapshot_with_secrets());
    redactor.redact_report(doc);
    const std::string text = doc.dump();
    CHECK(text.find("3b5a7c9e12d4f601") == std::string::npos);
    CHECK(text.find("01f6d4129e7c5a3b") == std::string::npos);
    CHECK(text.find("00:0a:f7:12:34:56") == std::string::npos);

    const auto& device = doc["devices"][0];
    CHECK(device["firmware"]["memdev"]["serial"].get<std::string>().starts_with("REDACTED-SERIAL-"));
    CHECK(device["notes"]["firmware"].get<std::string>().find("REDACTED-SERIAL-") != std::string::npos);
    CHECK(device["errors"][0]["message"].get<std::string>().find("redacted-host-") != std::string::npos);
    CHECK(device["info"]["data_hex"].get<std::string>().size() == 16);
    CHECK(device["firmware"]["port"]["mac_address"].get<std::string>().size() == 17);

    // What is not secret stays, even when it is spelled like the host name.
    CHECK(doc["host"]["hostname"].get<std::string>().starts_with("redacted-host-"));
    CHECK(doc["host"]["os"]["id"] == "debian");
    CHECK(doc["host"]["os"]["pretty_name"] == "Debian GNU/Linux 12 (bookworm)");
    CHECK(device["parent"]["pci"]["address"] == "0000:0d:00.0");
    CHECK(device["firmware"]["running"] == "7.0.13.1");

    CHECK(doc["redaction"]["keyed"] == true);
    CHECK(doc["redaction"]["distinct_values"]["serial"] == 1);
    CHECK(doc["redaction"]["distinct_values"]["mac"] == 1);
    CHECK(doc["redaction"]["distinct_values"]["guid"] == 0);
    CHECK(report_schema().validate(doc).empty());
}

TEST_CASE("redactor: a device file gets the same tokens as its entry in report.yaml")
{
    const Snapshot s = snapshot_with_secrets();
    Redactor redactor(test_key());
    Document report = to_document(s);
    redactor.redact_report(report);
    Document device = device_document(s.devices[0]);
    redactor.redact_device(device);
    CHECK(device == report["devices"][0]);
}

TEST_CASE("redactor: a redacted bundle is valid, named after the token, and its manifest says redacted")
{
    Redactor redactor(test_key());
    const auto bundle = make_bundle(snapshot_with_secrets(), &redactor);
    REQUIRE(bundle);
    CHECK(bundle->top.starts_with("fwctl-report-redacted-host-"));
    for (const auto& member : bundle->members) {
        CAPTURE(member.path);
        CHECK(member.content.find("3b5a7c9e12d4f601") == std::string::npos);
    }
    const auto manifest = yaml_to_json(bundle->members.back().content, "manifest.yaml");
    REQUIRE(manifest);
    CHECK((*manifest)["redacted"] == true);
    CHECK((*manifest)["redaction"]["keyed"] == true);
    CHECK((*manifest)["redaction"]["classes"].size() == 4);

    const auto plain = make_bundle(snapshot_with_secrets());
    REQUIRE(plain);
    CHECK(plain->top.starts_with("fwctl-report-debian-"));
    const auto plain_manifest = yaml_to_json(plain->members.back().content, "manifest.yaml");
    REQUIRE(plain_manifest);
    CHECK((*plain_manifest)["redacted"] == false);
    CHECK_FALSE(plain_manifest->contains("redaction"));
}

TEST_CASE("redactor: on the plugins' golden reports it changes the CXL serials and nothing else")
{
    for (const char* plugin : {"mlx5", "cxl", "bnxt", "pds"}) {
        CAPTURE(plugin);
        const std::string path = std::string(FWCTL_SOURCE_DIR) + "/plugins/" + plugin + "/tests/golden/devices.yaml";
        std::ifstream in(path);
        REQUIRE(in);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto golden = yaml_to_json(text, path);
        REQUIRE(golden);
        Redactor redactor(test_key());
        for (const auto& entry : *golden) {
            const Document original = Document::parse(entry.dump());
            Document device = original;
            redactor.redact_device(device);
            CAPTURE(original["name"]);
            if (original["firmware"].contains("memdev")) {
                CHECK(device["firmware"]["memdev"]["serial"].get<std::string>().starts_with("REDACTED-SERIAL-"));
                device["firmware"]["memdev"]["serial"] = original["firmware"]["memdev"]["serial"];
            }
            CHECK(device == original);
        }
    }
}
