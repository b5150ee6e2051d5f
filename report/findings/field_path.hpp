// Field paths: how a rule names a value in a report document.
//
//   device.firmware.running        key by key, from a bound variable or the root
//   device.config[*]               every element of a list (or value of a map)
//   taint.before.flags[*].letter   a wildcard anywhere: the result is the list of matches
//   device.health.firmware_refusals[0].query   one element by index
//
// The first segment names a variable bound by the rule's for_each ("device",
// "entry"); otherwise it is a key of the document root ("host", "taint").
// Paths are parsed once, when the rules file is loaded, so evaluation never fails.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "collector/error.hpp"

namespace fwctl::report::findings {

using Json = nlohmann::ordered_json;

struct PathSegment {
    std::string key;                   // "" for a bare [*] / [N] after the previous key
    bool wildcard = false;             // [*]: every element
    std::optional<std::size_t> index;  // [N]: one element
};

struct FieldPath {
    std::string text;  // as written, for messages and evidence keys
    std::vector<PathSegment> segments;
    bool has_wildcard() const;
};

// Variables bound while a rule is evaluated: name -> the value it points at.
using Bindings = std::map<std::string, const Json*, std::less<>>;

// Errc::invalid_input naming what is wrong with `text`.
Result<FieldPath> parse_field_path(std::string_view text);

// Every value the path reaches, in document order. A path without wildcards
// reaches at most one value; a missing key reaches none.
std::vector<const Json*> resolve_all(const FieldPath& path, const Json& root, const Bindings& bindings);

// The value a condition or template sees: the one value reached (null when
// none), or, for a path with a wildcard, the list of all values reached.
Json resolve_value(const FieldPath& path, const Json& root, const Bindings& bindings);

}  // namespace fwctl::report::findings
