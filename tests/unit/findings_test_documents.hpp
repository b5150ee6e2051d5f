// Report documents for the findings tests: the mixed lab's devices (the golden
// file the e2e tests keep in step with the real binary) on a quiet host, which
// each test then changes in one place to make a rule fire or stay silent.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "report/findings/report_findings.hpp"
#include "report/findings/rules_dir.hpp"
#include "report/yaml_reader.hpp"

namespace findings_test {

using fwctl::report::findings::Json;

inline std::string read_source_file(const std::string& relative)
{
    std::ifstream in(std::string(FWCTL_SOURCE_DIR) + "/" + relative);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline Json mixed_lab_report()
{
    auto devices = fwctl::report::yaml_to_json(read_source_file("tests/golden/mixed-devices.yaml"), "golden");
    REQUIRE(devices);
    Json doc = {{"schema_version", 1},
                {"tool", {{"name", "fwctl-report"}, {"version", "0.1.0"}}},
                {"collected_at", "2026-11-24T06:30:00Z"},
                {"duration_ms", 10},
                {"host",
                 {{"hostname", "lab1"},
                  {"kernel_release", "6.15.0-1-amd64"},
                  {"os", {{"id", "debian"}, {"version_id", "13"}, {"pretty_name", "Debian"}}},
                  {"lockdown", "none"}}},
                {"taint",
                 {{"before", {{"value", 4096}, {"flags", {{{"bit", 12}, {"letter", "O"}, {"name", "TAINT_OOT_MODULE"}}}}}},
                  {"after", {{"value", 4096}, {"flags", {{{"bit", 12}, {"letter", "O"}, {"name", "TAINT_OOT_MODULE"}}}}}},
                  {"fwctl_tainted", false},
                  {"changed_during_run", false},
                  {"modules", Json::array()}}},
                {"devices", Json::parse(devices->dump())},
                {"devices_without_fwctl", Json::array()},
                {"collection",
                 {{"rpcs_sent", 0}, {"rpcs_failed", 0}, {"rpcs_refused", 0}, {"devices_ok", 5}, {"devices_failed", 1}}},
                {"errors", Json::array()}};
    for (auto& device : doc["devices"]) {
        device["collection"] = {{"rpcs_sent", 0}, {"rpcs_failed", 0}, {"rpcs_refused", 0},
                                {"device_time_ms", 0}, {"duration_ms", 0}};
    }
    return doc;
}

inline const fwctl::report::findings::RuleSet& shipped_rules()
{
    static const auto rules = fwctl::report::findings::load_rules_from(std::string(FWCTL_SOURCE_DIR) + "/rules");
    return rules;
}

inline Json findings_of(const Json& report)
{
    return fwctl::report::findings::evaluate(shipped_rules().rules, report);
}

// The findings with this id.
inline Json with_id(const Json& findings, const std::string& id)
{
    Json out = Json::array();
    for (const auto& f : findings) {
        if (f["id"] == id) {
            out.push_back(f);
        }
    }
    return out;
}

inline Json& device_named(Json& report, const std::string& name)
{
    for (auto& d : report["devices"]) {
        if (d["name"] == name) {
            return d;
        }
    }
    FAIL("no device " << name);
    static Json none;
    return none;
}

inline Json& config_entry(Json& device, const std::string& name)
{
    for (auto& e : device["config"]) {
        if (e["name"] == name) {
            return e;
        }
    }
    FAIL("no config entry " << name);
    static Json none;
    return none;
}

}  // namespace findings_test
