// Writes a Bundle as a compressed tar archive via libarchive, atomically.
#pragma once

#include <filesystem>
#include <string_view>

#include "collector/error.hpp"
#include "report/bundle.hpp"

namespace fwctl::report {

enum class Compression { xz, gzip, zstd, none };

Result<Compression> parse_compression(std::string_view name);
std::string_view archive_suffix(Compression c);  // ".tar.xz", ".tar.gz", ".tar.zst", ".tar"

// Members go under bundle.top/, files 0600 and folders 0700, owned by root,
// stamped with the collection time.
Result<void> write_archive(const Bundle& bundle, const std::filesystem::path& path, Compression compression,
                           bool force, std::int64_t mtime);

}  // namespace fwctl::report
