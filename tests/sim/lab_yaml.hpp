// Strict YAML readers shared by the lab parser and the vendor modules' `state:` parsers.
// Every failure throws LabError carrying "line:column: message", so a typo in a lab
// (an unknown key, a number that does not fit) stops the run with one clear line
// instead of silently emulating something else.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace fwctl::sim {

struct LabError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

[[noreturn]] void lab_fail(const YAML::Node& at, const std::string& message);

// `what` names the map in messages ("device", "state", "parent").
void expect_map(const YAML::Node& node, std::string_view what);
void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                std::string_view what);

// Scalars. Integers accept decimal or 0x-hex and must not exceed `max`.
std::string as_string(const YAML::Node& node, std::string_view what);
uint64_t as_uint(const YAML::Node& node, uint64_t max, std::string_view what);
bool as_bool(const YAML::Node& node, std::string_view what);

// Optional keys of a map: nullopt when the key is absent.
std::optional<std::string> opt_string(const YAML::Node& map, const char* key);
std::optional<uint64_t> opt_uint(const YAML::Node& map, const char* key, uint64_t max);
std::optional<bool> opt_bool(const YAML::Node& map, const char* key);

}  // namespace fwctl::sim
