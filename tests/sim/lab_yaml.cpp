#include "tests/sim/lab_yaml.hpp"

#include <charconv>

namespace fwctl::sim {

void lab_fail(const YAML::Node& at, const std::string& message) {
    const YAML::Mark mark = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
    if (mark.is_null())
        throw LabError(message);
    throw LabError(std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) +
                   ": " + message);
}

void expect_map(const YAML::Node& node, std::string_view what) {
    if (!node.IsMap())
        lab_fail(node, std::string(what) + ": expected a map");
}

void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                std::string_view what) {
    expect_map(map, what);
    for (const auto& kv : map) {
        const std::string key = kv.first.as<std::string>();
        bool known = false;
        for (std::string_view a : allowed)
            known = known || a == key;
        if (known)
            continue;
        std::string list;
        for (std::string_view a : allowed)
            list += (list.empty() ? "" : ", ") + std::string(a);
        lab_fail(kv.first, std::string(what) + ": unknown key '" + key + "' (allowed: " + list +
                               ")");
    }
}

std::string as_string(const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar())
        lab_fail(node, std::string(what) + ": expected a string");
    return node.Scalar();
}

uint64_t as_uint(const YAML::Node& node, uint64_t max, std::string_view what) {
    const std::string text = as_string(node, what);
    std::string_view digits = text;
    int base = 10;
    if (digits.starts_with("0x") || digits.starts_with("0X")) {
        digits.remove_prefix(2);
        base = 16;
    }
    uint64_t value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
        lab_fail(node, std::string(what) + ": '" + text + "' is not a non-negative integer");
    if (value > max)
        lab_fail(node, std::string(what) + ": " + text + " is larger than " + std::to_string(max));
    return value;
}

bool as_bool(const YAML::Node& node, std::string_view what) {
    const std::string text = as_string(node, what);
    if (text == "true")
        return true;
    if (text == "false")
        return false;
    lab_fail(node, std::string(what) + ": expected true or false");
}

std::optional<std::string> opt_string(const YAML::Node& map, const char* key) {
    const YAML::Node n = map[key];
    if (!n.IsDefined())
        return std::nullopt;
    return as_string(n, key);
}

std::optional<uint64_t> opt_uint(const YAML::Node& map, const char* key, uint64_t max) {
    const YAML::Node n = map[key];
    if (!n.IsDefined())
        return std::nullopt;
    return as_uint(n, max, key);
}

std::optional<bool> opt_bool(const YAML::Node& map, const char* key) {
    const YAML::Node n = map[key];
    if (!n.IsDefined())
        return std::nullopt;
    return as_bool(n, key);
}

}  // namespace fwctl::sim
