// Input side of `fwctl-report --validate PATH`: reads a report file, an
// --output-dir tree or a tar archive (any compression libarchive reads) into
// JSON documents, entirely in memory. Archives are never extracted to disk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "collector/error.hpp"

namespace fwctl::report {

struct LoadedDocument {
    enum class Kind { report, device, manifest };

    // For messages: the file path, or the member as stored in the archive
    // ("fwctl-report-lab1-20261124T063000Z/devices/fwctl0.yaml").
    std::string name;
    // Path relative to the bundle's top folder, as the manifest lists it
    // ("report.yaml", "devices/fwctl0.yaml"); the file name for a single file.
    std::string member;
    Kind kind = Kind::report;
    nlohmann::json doc;
};

std::string_view to_string(LoadedDocument::Kind kind);

struct LoadedInput {
    enum class Source { file, directory, archive };

    Source source = Source::file;
    // The file or directory path, or the archive's top folder name.
    std::string root;
    // Reports first, then device documents (by member path), then the manifest.
    std::vector<LoadedDocument> documents;
    // Every regular file of a directory or archive, keyed like
    // LoadedDocument::member, with its exact bytes so the caller can check the
    // manifest's sizes and SHA-256 sums. Empty for a single file.
    std::map<std::string, std::string> raw_members;
};

// Limits that keep a hostile or corrupt archive from exhausting memory.
inline constexpr std::uint64_t max_member_bytes = 64ull << 20;   // per file
inline constexpr std::uint64_t max_total_bytes = 512ull << 20;   // all members together
inline constexpr std::size_t max_members = 10000;                 // entries, directories included

// Errc::not_found for a missing path; Errc::invalid_input for anything that is
// not a readable report/bundle (syntax errors carry line and column);
// Errc::io when reading fails.
Result<LoadedInput> load_for_validation(const std::filesystem::path& path);

// One document's text -> JSON: JSON when the first non-blank character is
// '{', YAML otherwise. The top level must be a mapping.
Result<nlohmann::json> parse_document_text(std::string_view text, std::string_view where);

}  // namespace fwctl::report
