// Report text back into JSON values, for --validate and for tests. YAML is
// read with the YAML 1.2 core schema: what to_yaml() writes comes back
// identical, and hand-edited files resolve the way other 1.2 tools read them.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "collector/error.hpp"

namespace fwctl::report {

// One YAML document -> JSON. Quoted and block scalars stay strings; plain
// scalars resolve as null, bool, int (int64, uint64 when larger), float or
// string. Errors (syntax, several documents, non-scalar or duplicate keys)
// are Errc::invalid_input with `where` and the line/column.
Result<nlohmann::json> yaml_to_json(std::string_view text, std::string_view where);

// JSON text -> JSON, with the line and column of a syntax error.
Result<nlohmann::json> parse_json_text(std::string_view text, std::string_view where);

}  // namespace fwctl::report
