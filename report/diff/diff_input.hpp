// The input side of diff: one report from a file, an output directory or an
// archive (whatever --validate reads), as a validated schema-v1 document.
#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

#include "collector/error.hpp"

namespace fwctl::report {

// The bundle's report.yaml, or the file itself. Errc::not_found or Errc::io
// when it cannot be read, Errc::invalid_input when it is not a report (syntax
// errors carry line and column), Errc::schema_violation (naming the path and
// the first violations) when it does not match the schema. Manifest digests
// are not checked here; --validate does that.
Result<nlohmann::json> load_report_for_diff(const std::filesystem::path& path);

}  // namespace fwctl::report
