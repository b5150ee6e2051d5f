// Looking things up in a report document, for e2e tests: a missing device
// fails the test with its name rather than indexing past the end.
#pragma once

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace e2e {

inline const nlohmann::json& device_named(const nlohmann::json& doc, const std::string& name)
{
    for (const auto& d : doc["devices"]) {
        if (d["name"] == name) {
            return d;
        }
    }
    FAIL("no device " << name);
    static const nlohmann::json none;
    return none;
}

}  // namespace e2e
