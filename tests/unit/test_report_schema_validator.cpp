// Specification of the schema-v1 contract (schemas/*.schema.json) and of
// report/schema_validator: valid documents pass, and each kind of mistake is
// reported at its exact path with what was expected.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/schema_validator.hpp"

using fwctl::Errc;
using fwctl::report::manifest_schema;
using fwctl::report::report_schema;
using fwctl::report::SchemaValidator;
using fwctl::report::Violation;
using nlohmann::json;

namespace {

json load(const std::string& relative)
{
    std::ifstream file(std::string(FWCTL_SOURCE_DIR) + "/" + relative);
    REQUIRE_MESSAGE(file, relative);
    return json::parse(file);
}

json mixed()
{
    return load("schemas/examples/mixed.json");
}

std::string listing(const std::vector<Violation>& violations)
{
    std::string text;
    for (const auto& v : violations) {
        text += v.to_string() + "\n";
    }
    return text;
}

// The document has exactly one violation, at `path`, whose message contains `words`.
void check_single(const json& doc, const std::string& path, const std::string& words)
{
    const auto violations = report_schema().validate(doc);
    CAPTURE(listing(violations));
    REQUIRE(violations.size() == 1);
    CHECK(violations[0].path == path);
    CHECK(violations[0].message.find(words) != std::string::npos);
}

json manifest()
{
    return {{"manifest_version", 1},
            {"tool", {{"name", "fwctl-report"}, {"version", "0.1.0"}}},
            {"schema_version", 1},
            {"created_at", "2026-11-24T06:30:00Z"},
            {"redacted", false},
            {"members", {{{"path", "report.yaml"}, {"size", 123}, {"sha256", std::string(64, 'a')}}}}};
}

// Calls `visit` for every schema node reachable through properties/definitions/items.
void for_each_property(const json& node, const std::string& where,
                       const std::function<void(const std::string&, const json&)>& visit)
{
    if (!node.is_object()) {
        return;
    }
    if (const auto properties = node.find("properties"); properties != node.end()) {
        for (const auto& [name, child] : properties->items()) {
            visit(where + "." + name, child);
            for_each_property(child, where + "." + name, visit);
        }
    }
    if (const auto definitions = node.find("definitions"); definitions != node.end()) {
        for (const auto& [name, child] : definitions->items()) {
            for_each_property(child, "#/definitions/" + name, visit);
        }
    }
    if (const auto items = node.find("items"); items != node.end()) {
        for_each_property(*items, where + "[]", visit);
    }
}

}  // namespace

TEST_CASE("schema: both schemas are draft-07 with their v1 $id and describe every property")
{
    const json report = load("schemas/fwctl-report.schema.json");
    const json manifest_doc = load("schemas/fwctl-report-manifest.schema.json");
    CHECK(report["$schema"] == "http://json-schema.org/draft-07/schema#");
    CHECK(report["$id"] == "urn:fwctl-report:schema:report:v1");
    CHECK(manifest_doc["$schema"] == "http://json-schema.org/draft-07/schema#");
    CHECK(manifest_doc["$id"] == "urn:fwctl-report:schema:manifest:v1");
    for (const json* schema : {&report, &manifest_doc}) {
        for_each_property(*schema, "", [](const std::string& where, const json& property) {
            CAPTURE(where);
            CHECK(property.contains("description"));
        });
    }
}

TEST_CASE("schema: the example documents are valid reports")
{
    for (const char* name : {"mixed.json", "no-devices.json"}) {
        CAPTURE(std::string(name));
        const auto violations = report_schema().validate(load(std::string("schemas/examples/") + name));
        CAPTURE(listing(violations));
        CHECK(violations.empty());
    }
}

TEST_CASE("schema: each device of the example is a valid device document")
{
    REQUIRE(report_schema().has_device_definition());
    const json doc = mixed();
    for (const auto& device : doc["devices"]) {
        CAPTURE(device["name"]);
        CHECK(report_schema().validate_device(device).empty());
    }
}

TEST_CASE("schema: a missing required key is reported at the object that lacks it")
{
    json doc = mixed();
    doc["devices"][2].erase("name");
    check_single(doc, "devices[2]", "missing required property 'name'");

    json top = mixed();
    top.erase("taint");
    check_single(top, "", "missing required property 'taint'");
}

TEST_CASE("schema: types are strict, so \"1\" is not 1 and 1.5 is not an integer")
{
    json doc = mixed();
    doc["duration_ms"] = "12";
    check_single(doc, "duration_ms", "expected integer, got string");

    json fractional = mixed();
    fractional["duration_ms"] = 1.5;
    check_single(fractional, "duration_ms", "expected integer, got number");

    json version = mixed();
    version["host"]["os"]["version_id"] = 12;
    check_single(version, "host.os.version_id", "expected string or null, got integer");
}

TEST_CASE("schema: a hex id that breaks the pattern is reported with the pattern")
{
    json doc = mixed();
    doc["devices"][0]["parent"]["pci"]["vendor_id"] = "0x15B3";
    check_single(doc, "devices[0].parent.pci.vendor_id", "does not match pattern ^0x[0-9a-f]+$");

    json data = mixed();
    data["devices"][0]["info"]["data_hex"] = "abc";
    check_single(data, "devices[0].info.data_hex", "does not match pattern");

    json stamp = mixed();
    stamp["collected_at"] = "2026-11-24T06:30:00+01:00";
    check_single(stamp, "collected_at", "does not match pattern");

    json dev = mixed();
    dev["devices"][1]["dev"] = "511";
    check_single(dev, "devices[1].dev", "does not match pattern");
}

TEST_CASE("schema: an extra property in a fixed part of the contract is reported")
{
    json doc = mixed();
    doc["host"]["uptime"] = 5;
    check_single(doc, "host", "unexpected property 'uptime'");

    json pci = mixed();
    pci["devices"][0]["parent"]["pci"]["serial"] = "x";
    check_single(pci, "devices[0].parent.pci", "unexpected property 'serial'");

    json top = mixed();
    top["extra"] = true;
    check_single(top, "", "unexpected property 'extra'");
}

TEST_CASE("schema: every stray key is listed, not only the first")
{
    json doc = mixed();
    doc["collection"]["a"] = 1;
    doc["collection"]["b"] = 2;
    const auto violations = report_schema().validate(doc);
    CAPTURE(listing(violations));
    REQUIRE(violations.size() == 2);
    CHECK(violations[0].message == "unexpected property 'a'");
    CHECK(violations[1].message == "unexpected property 'b'");
}

TEST_CASE("schema: a value outside an enum is reported with the allowed values")
{
    json doc = mixed();
    doc["devices"][1]["status"] = "degraded";
    check_single(doc, "devices[1].status", "\"degraded\" is not one of: ok, partial, failed");

    json type = mixed();
    type["devices"][0]["type"] = "MLX5";
    check_single(type, "devices[0].type", "is not one of: mlx5, cxl, bnxt, pds, unknown");

    json stage = mixed();
    stage["errors"][0]["stage"] = "ioctl";
    check_single(stage, "errors[0].stage", "is not one of");
}

TEST_CASE("schema: counters are non-negative and the schema version is fixed")
{
    json doc = mixed();
    doc["devices"][0]["collection"]["rpcs_sent"] = -1;
    check_single(doc, "devices[0].collection.rpcs_sent", "-1 is less than the minimum 0");

    json version = mixed();
    version["schema_version"] = 2;
    check_single(version, "schema_version", "expected 1, got 2");
}

TEST_CASE("schema: nulls are accepted exactly where the contract allows them")
{
    json doc = mixed();
    doc["devices"][0]["type_id"] = nullptr;
    doc["devices"][0]["plugin"] = nullptr;
    doc["devices"][0]["info"] = nullptr;
    doc["devices"][0]["parent"]["driver"] = nullptr;
    doc["devices"][0]["parent"]["pci"]["link"]["speed"] = nullptr;
    doc["devices"][0]["parent"]["pci"]["numa_node"] = nullptr;
    doc["taint"]["before"] = nullptr;
    doc["taint"]["changed_during_run"] = nullptr;
    doc["host"]["lockdown"] = nullptr;
    doc["errors"][0]["errno"] = nullptr;
    doc["errors"][0]["errno_name"] = nullptr;
    CHECK(report_schema().validate(doc).empty());

    json status = mixed();
    status["devices"][0]["status"] = nullptr;
    check_single(status, "devices[0].status", "is not one of");

    json address = mixed();
    address["devices"][0]["parent"]["pci"]["address"] = nullptr;
    check_single(address, "devices[0].parent.pci.address", "expected string, got null");
}

TEST_CASE("schema: parent.pci, info.decoded and notes are optional")
{
    json doc = mixed();
    doc["devices"][0]["parent"].erase("pci");
    doc["devices"][0]["info"].erase("decoded");
    doc["devices"][0].erase("notes");
    CHECK(report_schema().validate(doc).empty());
}

TEST_CASE("schema: the top-level notes are optional and only explain known sections")
{
    json doc = mixed();
    doc["notes"] = json::object();
    CHECK(report_schema().validate(doc).empty());
    doc["notes"]["devices"] = "no fwctl devices: /sys/class/fwctl does not exist";
    CHECK(report_schema().validate(doc).empty());
    doc["notes"]["host"] = "x";
    check_single(doc, "notes", "unexpected property 'host'");
}

TEST_CASE("schema: vendor sections are open around their common keys, notes keys are not")
{
    json doc = mixed();
    doc["devices"][0]["firmware"]["components"] = {{"version", "28.39.1002"}, {"anything", {1, 2}}};
    doc["devices"][0]["health"]["temperature_c"] = 41;
    doc["devices"][0]["config"].push_back({{"name", "SRIOV_EN"}, {"item", "nv_global_pci_conf"},
                                           {"id", "0x00000080"}, {"default", false}, {"current", true},
                                           {"next_boot", true}, {"differs_from_default", true},
                                           {"pending_change", false}, {"status", "ok"},
                                           {"vendor_field", true}});
    doc["devices"][0]["info"]["decoded"]["new_field"] = nullptr;
    CHECK(report_schema().validate(doc).empty());

    json running = mixed();
    running["devices"][0]["firmware"]["running"] = 28;
    check_single(running, "devices[0].firmware.running", "expected string or null, got integer");

    json entry = mixed();
    entry["devices"][0]["config"].push_back({{"vendor_field", true}});
    CHECK_FALSE(report_schema().validate(entry).empty());

    json config = mixed();
    config["devices"][0]["config"].push_back("not an object");
    check_single(config, "devices[0].config[0]", "expected object, got string");

    json notes = mixed();
    notes["devices"][0]["notes"]["taint"] = "x";
    check_single(notes, "devices[0].notes", "unexpected property 'taint'");
}

TEST_CASE("schema: taint flags have a one-character letter; unknown bits use ? and \"bit N\"")
{
    json doc = mixed();
    doc["taint"]["after"]["flags"].push_back({{"bit", 40}, {"letter", "?"}, {"name", "bit 40"}});
    CHECK(report_schema().validate(doc).empty());

    json letter = mixed();
    letter["taint"]["before"]["flags"][0]["letter"] = "OE";
    check_single(letter, "taint.before.flags[0].letter", "is longer than 1 character");

    json empty_name = mixed();
    empty_name["devices"][0]["name"] = "";
    check_single(empty_name, "devices[0].name", "must not be empty");
}

TEST_CASE("schema: keys that are not identifiers are bracketed in paths")
{
    json doc = mixed();
    doc["devices"][0]["notes"]["odd key.x"] = "n";
    check_single(doc, "devices[0].notes", "unexpected property 'odd key.x'");
    // a violation *inside* an odd key: only open sections allow such keys, and
    // they accept anything, so use a wrapper schema.
    const auto wrapper = SchemaValidator::from_text(
        R"({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
            "additionalProperties": {"type": "integer"}})",
        "wrapper");
    REQUIRE(wrapper.has_value());
    const auto violations = wrapper->validate(json{{"a.b", "x"}});
    REQUIRE(violations.size() == 1);
    CHECK(violations[0].path == "[\"a.b\"]");
}

TEST_CASE("schema: validate_or_error is schema_violation naming where and the first paths")
{
    json doc = mixed();
    doc["devices"][0]["status"] = "bad";
    doc["devices"][1]["status"] = "bad";
    doc["devices"][2]["status"] = "bad";
    doc["host"]["x"] = 1;
    const auto result = report_schema().validate_or_error(doc, "report.yaml");
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == Errc::schema_violation);
    CHECK(result.error().where == "report.yaml");
    CHECK(result.error().detail.rfind("4 schema violations: devices[0].status: ", 0) == 0);
    CHECK(result.error().detail.find("(and 1 more)") != std::string::npos);

    CHECK(report_schema().validate_or_error(mixed(), "report.yaml").has_value());
}

TEST_CASE("schema: device documents are checked against definitions/device")
{
    json device = mixed()["devices"][0];
    device["parent"]["pci"]["device_id"] = "1021";
    const auto violations = report_schema().validate_device(device);
    REQUIRE(violations.size() == 1);
    CHECK(violations[0].path == "parent.pci.device_id");

    const auto result = report_schema().validate_device_or_error(json{{"name", "fwctl0"}}, "devices/fwctl0.yaml");
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == Errc::schema_violation);
    CHECK(result.error().detail.rfind("13 schema violations: (document): missing required property '", 0) == 0);
}

TEST_CASE("schema: ordered_json documents validate like json")
{
    const nlohmann::ordered_json doc = mixed();
    CHECK(report_schema().validate(doc).empty());
}

TEST_CASE("schema: an ordered report, checked one device at a time, gives the same violations as the whole")
{
    // validate(ordered_json) copies a report device by device (the copy of a
    // whole large report was a run's peak memory): same violations, same paths.
    json doc = mixed();
    doc["devices"][2].erase("name");
    doc["devices"][0]["parent"]["pci"]["vendor_id"] = "0x15B3";
    doc["devices"][1]["notes"]["odd key.x"] = "why";
    doc["devices"][1]["collection"]["rpcs_sent"] = -1;
    doc["surprise"] = true;
    doc.erase("host");

    auto sorted = [](std::vector<Violation> violations) {
        std::vector<std::string> out;
        for (const auto& v : violations) {
            out.push_back(v.to_string());
        }
        std::sort(out.begin(), out.end());
        return out;
    };
    const auto whole = sorted(report_schema().validate(doc));
    const auto by_device = sorted(report_schema().validate(nlohmann::ordered_json(doc)));
    CHECK(whole.size() == 6);
    CHECK(by_device == whole);
}

TEST_CASE("manifest schema: a manifest validates and mistakes are located")
{
    CHECK(manifest_schema().validate(manifest()).empty());
    CHECK_FALSE(manifest_schema().has_device_definition());
    CHECK(manifest_schema().validate_device(json::object()).size() == 1);

    json sha = manifest();
    sha["members"][0]["sha256"] = "ABC";
    auto violations = manifest_schema().validate(sha);
    REQUIRE(violations.size() == 1);
    CHECK(violations[0].path == "members[0].sha256");

    json escape = manifest();
    escape["members"][0]["path"] = "../etc/passwd";
    violations = manifest_schema().validate(escape);
    REQUIRE(violations.size() == 1);
    CHECK(violations[0].path == "members[0].path");

    json redacted = manifest();
    redacted["redacted"] = "no";
    violations = manifest_schema().validate(redacted);
    REQUIRE(violations.size() == 1);
    CHECK(violations[0].message == "expected boolean, got string");
}

TEST_CASE("schema: from_text rejects text that is not a usable schema")
{
    const auto not_json = SchemaValidator::from_text("{nope", "bad.json");
    REQUIRE_FALSE(not_json.has_value());
    CHECK(not_json.error().code == Errc::invalid_input);
    CHECK(not_json.error().where == "bad.json");

    const auto bad_pattern = SchemaValidator::from_text(R"({"type": "string", "pattern": "(["})", "bad.json");
    REQUIRE_FALSE(bad_pattern.has_value());
    CHECK(bad_pattern.error().code == Errc::invalid_input);

    const auto bad_ref = SchemaValidator::from_text(R"({"$ref": "#/definitions/missing"})", "bad.json");
    CHECK_FALSE(bad_ref.has_value());
}
