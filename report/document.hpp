// Snapshot -> the schema-v1 report document (schemas/fwctl-report.schema.json).
// One tree for every output format: YAML and JSON are two spellings of it.
#pragma once

#include <nlohmann/json.hpp>

#include "collector/snapshot.hpp"

namespace fwctl::report {

using Document = nlohmann::ordered_json;

// By value: pass std::move(snapshot) when it is no longer needed, and the
// plugins' trees are moved into the document instead of copied (the report
// is the largest thing the tool holds; bench/RESULTS.md, peak RSS).
Document to_document(Snapshot snapshot);

// One device entry, as in `devices[]` and in devices/<name>.yaml.
Document device_document(DeviceRecord device);

// "ok", "partial" (collected with errors) or "failed" (no INFO).
std::string_view device_status(const DeviceRecord& device);

// True when anything failed: the CLI's exit code 1.
bool has_errors(const Snapshot& snapshot);

}  // namespace fwctl::report
