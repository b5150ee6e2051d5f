// Every member of an archive, decompressed, read with libarchive: how the e2e
// tests look inside what --tar wrote without extracting it.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace e2e {

// path inside the archive -> content.
std::map<std::string, std::string> archive_members(const std::filesystem::path& path);

}  // namespace e2e
