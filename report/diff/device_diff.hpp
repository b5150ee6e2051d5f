// What differs between two documents of the same device: status, address,
// firmware versions, and configuration values; plus the configuration
// entries that differ from their defaults, which diff lists as context.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "report/diff/report_diff.hpp"

namespace fwctl::report {

// Empty when nothing compared differs. Either document may be malformed.
std::vector<ValueChange> compare_devices(const nlohmann::json& a, const nlohmann::json& b);

// Entries non-default in a or b. Pass nullptr for a device only one report
// has. Entries are paired by id and name (the n-th of a repeated key with
// the n-th), in b's order, then a's entries that b lacks.
std::vector<NonDefaultEntry> non_default_entries(const nlohmann::json* a, const nlohmann::json* b);

}  // namespace fwctl::report
