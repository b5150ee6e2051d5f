// A whole, schema-valid report around tests/golden/mixed-devices.yaml (the
// devices of the mixed lab): host and taint from schemas/examples/mixed.json,
// and a collection block for each device (the golden file leaves timings out).
// Tests edit copies of it to build report pairs.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "report/yaml_reader.hpp"

namespace fixture {

inline std::string read_source_file(const std::string& relative)
{
    std::ifstream in(std::string(FWCTL_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline const nlohmann::json& mixed_report()
{
    static const nlohmann::json report = [] {
        auto example = nlohmann::json::parse(read_source_file("schemas/examples/mixed.json"));
        auto devices = fwctl::report::yaml_to_json(read_source_file("tests/golden/mixed-devices.yaml"), "golden");
        REQUIRE(devices);
        REQUIRE(devices->is_array());
        for (auto& device : *devices) {
            device["collection"] = {{"rpcs_sent", 10}, {"rpcs_failed", 0}, {"rpcs_refused", 0},
                                    {"device_time_ms", 1.5}, {"duration_ms", 2.5}};
        }
        example["devices"] = std::move(*devices);
        example["errors"] = nlohmann::json::array();  // a clean run; tests add errors where they matter
        return example;
    }();
    return report;
}

// The element of `list` whose "name" is `name` (the test fails when none is).
inline nlohmann::json& named(nlohmann::json& list, const std::string& name)
{
    for (auto& element : list) {
        if (element["name"] == name) {
            return element;
        }
    }
    FAIL("nothing named " << name);
    static nlohmann::json none;
    return none;
}

inline nlohmann::json& device(nlohmann::json& report, const std::string& name)
{
    return named(report["devices"], name);
}

inline nlohmann::json& config_entry(nlohmann::json& device, const std::string& name)
{
    return named(device["config"], name);
}

}  // namespace fixture
