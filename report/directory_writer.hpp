// Writes a Bundle as plain files into a directory (for sosreport, which
// deletes nested tarballs when it cleans a report). Each file is written
// atomically; manifest.yaml is written last, so a tree without a manifest is
// visibly incomplete. Nothing is replaced without `force`; on failure the
// files written so far are removed again.
#pragma once

#include <filesystem>

#include "collector/error.hpp"
#include "report/bundle.hpp"

namespace fwctl::report {

Result<void> write_directory(const Bundle& bundle, const std::filesystem::path& dir, bool force);

// Early check, before collection: the directory can be created or written,
// and (without force) holds none of the bundle's fixed files.
Result<void> check_can_write_directory(const std::filesystem::path& dir, bool force);

}  // namespace fwctl::report
