#include "report/report_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>
#include <set>

#include <archive.h>
#include <archive_entry.h>

#include "report/yaml_reader.hpp"

namespace fwctl::report {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string mib(std::uint64_t bytes)
{
    return std::to_string(bytes >> 20) + " MiB";
}

// ---- plain files ----

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

// Up to `limit` bytes; more is an error unless `prefix_only` (for sniffing).
Result<std::string> read_file(const fs::path& path, std::uint64_t limit, bool prefix_only = false)
{
    const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) {
        const int error = errno;
        return fail(error == ENOENT ? Errc::not_found : Errc::io, path.string(), "cannot open", error);
    }
    std::string bytes;
    char buffer[65536];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
        if (bytes.size() + got > limit) {
            if (prefix_only) {
                bytes.append(buffer, limit - bytes.size());
                return bytes;
            }
            return fail(Errc::invalid_input, path.string(), "larger than " + mib(limit) + "; refusing to read it");
        }
        bytes.append(buffer, got);
    }
    if (std::ferror(file.get())) {
        return fail(Errc::io, path.string(), "read failed", errno);
    }
    return bytes;
}

// Compressed streams and tar headers announce themselves in the first bytes,
// so an archive is recognised whatever its file name.
bool looks_like_archive(std::string_view head)
{
    const auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
    return starts("\x1f\x8b") ||                                   // gzip
           starts(std::string_view("\xfd" "7zXZ\0", 6)) ||            // xz
           starts(std::string_view("\x5d\0\0", 3)) ||               // lzma
           starts("\x28\xb5\x2f\xfd") ||                           // zstd
           (starts("BZh") && head.size() > 3 && head[3] >= '1' && head[3] <= '9') ||  // bzip2
           starts("\x04\x22\x4d\x18") ||                           // lz4
           (head.size() >= 262 && head.substr(257, 5) == "ustar");  // tar
}

bool is_valid_utf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t code = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            extra = 1;
            code = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2;
            code = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3;
            code = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= text.size()) {
            return false;  // truncated sequence
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0) != 0x80) {
                return false;
            }
            code = (code << 6) | (next & 0x3f);
        }
        const std::uint32_t min_code[] = {0, 0x80, 0x800, 0x10000};
        if (code < min_code[extra] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

// ---- classifying members ----

bool has_document_extension(const std::string& name)
{
    const auto dot = name.rfind('.');
    if (dot == std::string::npos) {
        return false;
    }
    const std::string extension = name.substr(dot);
    return extension == ".yaml" || extension == ".yml" || extension == ".json";
}

std::string stem_of(const std::string& name)
{
    return name.substr(0, name.rfind('.'));
}

// Which bundle members are documents, by their place in the tree.
std::optional<LoadedDocument::Kind> member_kind(const std::string& member)
{
    if (!has_document_extension(member)) {
        return std::nullopt;
    }
    const std::string stem = stem_of(member);
    if (stem == "report") {
        return LoadedDocument::Kind::report;
    }
    if (stem == "manifest") {
        return LoadedDocument::Kind::manifest;
    }
    if (member.rfind("devices/", 0) == 0 && member.find('/', 8) == std::string::npos) {
        return LoadedDocument::Kind::device;
    }
    return std::nullopt;
}

// A lone file says what it is by its content.
LoadedDocument::Kind file_kind(const fs::path& path, const json& doc)
{
    if (doc.contains("manifest_version")) {
        return LoadedDocument::Kind::manifest;
    }
    if (doc.contains("schema_version")) {
        return LoadedDocument::Kind::report;
    }
    if (path.parent_path().filename() == "devices" || doc.contains("devnode")) {
        return LoadedDocument::Kind::device;
    }
    return LoadedDocument::Kind::report;
}

int kind_rank(LoadedDocument::Kind kind)
{
    switch (kind) {
    case LoadedDocument::Kind::report: return 0;
    case LoadedDocument::Kind::device: return 1;
    case LoadedDocument::Kind::manifest: return 2;
    }
    return 3;
}

// Parses the document members of a bundle; `prefix` turns a member path into
// the name shown in messages.
Result<void> collect_documents(LoadedInput& input, const std::string& prefix)
{
    for (const auto& [member, bytes] : input.raw_members) {
        const auto kind = member_kind(member);
        if (!kind) {
            continue;
        }
        const std::string name = prefix + member;
        auto doc = parse_document_text(bytes, name);
        FWCTL_TRY(doc);
        input.documents.push_back({name, member, *kind, std::move(*doc)});
    }
    std::stable_sort(input.documents.begin(), input.documents.end(), [](const auto& a, const auto& b) {
        return kind_rank(a.kind) < kind_rank(b.kind);
    });
    const bool has_report = std::any_of(input.documents.begin(), input.documents.end(), [](const auto& d) {
        return d.kind == LoadedDocument::Kind::report;
    });
    if (!has_report) {
        return fail(Errc::invalid_input, input.root,
                    "no report.yaml (expected an fwctl-report bundle: manifest.yaml, report.yaml, devices/*.yaml)");
    }
    return {};
}

// Member paths come from untrusted archives: only plain relative paths.
Result<std::string> clean_member_path(std::string path, const std::string& where)
{
    while (path.rfind("./", 0) == 0) {
        path.erase(0, 2);
    }
    while (!path.empty() && path.back() == '/') {
        path.pop_back();
    }
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos) {
        return fail(Errc::invalid_input, where, "member has an unsafe path '" + path + "'");
    }
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto end = std::min(path.find('/', start), path.size());
        const std::string_view part(path.data() + start, end - start);
        if (part.empty() || part == "." || part == "..") {
            return fail(Errc::invalid_input, where, "member has an unsafe path '" + path + "'");
        }
        start = end + 1;
    }
    return path;
}

// ---- archives ----

struct ArchiveFree {
    void operator()(archive* a) const { archive_read_free(a); }
};
using ArchiveReader = std::unique_ptr<archive, ArchiveFree>;

std::string archive_message(archive* a)
{
    const char* text = archive_error_string(a);
    return text != nullptr ? text : "unreadable archive";
}

Result<std::string> read_member_data(archive* a, const std::string& where, std::uint64_t& total)
{
    std::string bytes;
    char buffer[65536];
    for (;;) {
        const la_ssize_t got = archive_read_data(a, buffer, sizeof buffer);
        if (got == 0) {
            return bytes;
        }
        if (got < 0) {
            return fail(Errc::invalid_input, where, archive_message(a));
        }
        const auto size = static_cast<std::uint64_t>(got);
        if (bytes.size() + size > max_member_bytes) {
            return fail(Errc::invalid_input, where, "member larger than " + mib(max_member_bytes) + "; refusing it");
        }
        total += size;
        if (total > max_total_bytes) {
            return fail(Errc::invalid_input, where,
                        "archive contents exceed " + mib(max_total_bytes) + "; refusing it");
        }
        bytes.append(buffer, size);
    }
}

Result<LoadedInput> load_archive(const fs::path& path)
{
    const std::string where = path.string();
    const ArchiveReader reader(archive_read_new());
    if (!reader) {
        return fail(Errc::internal, where, "archive_read_new failed");
    }
    // Built-in decompressors only: filter_all would also run external
    // programs (lrzip, lzop, ...) on whatever a customer's file claims to be.
    archive_read_support_filter_none(reader.get());
    archive_read_support_filter_gzip(reader.get());
    archive_read_support_filter_xz(reader.get());
    archive_read_support_filter_lzma(reader.get());
    archive_read_support_filter_zstd(reader.get());
    archive_read_support_filter_bzip2(reader.get());
    archive_read_support_filter_lz4(reader.get());
    archive_read_support_format_tar(reader.get());
    if (archive_read_open_filename(reader.get(), path.c_str(), 65536) != ARCHIVE_OK) {
        return fail(Errc::invalid_input, where, "not a readable tar archive: " + archive_message(reader.get()));
    }

    LoadedInput input;
    input.source = LoadedInput::Source::archive;
    std::uint64_t total = 0;
    std::size_t entries = 0;
    archive_entry* entry = nullptr;
    for (;;) {
        const int status = archive_read_next_header(reader.get(), &entry);
        if (status == ARCHIVE_EOF) {
            break;
        }
        if (status < ARCHIVE_WARN) {
            return fail(Errc::invalid_input, where, "corrupt archive: " + archive_message(reader.get()));
        }
        if (++entries > max_members) {
            return fail(Errc::invalid_input, where,
                        "more than " + std::to_string(max_members) + " members; refusing it");
        }
        const char* raw_path = archive_entry_pathname(entry);
        auto member_path = clean_member_path(raw_path != nullptr ? raw_path : "", where);
        FWCTL_TRY(member_path);

        // Everything lives under one top folder (fwctl-report-<host>-<time>/).
        const auto slash = member_path->find('/');
        const std::string top = member_path->substr(0, slash);
        if (input.root.empty()) {
            input.root = top;
        } else if (top != input.root) {
            return fail(Errc::invalid_input, where,
                        "members must share one top-level folder; found '" + input.root + "' and '" + top + "'");
        }
        const auto type = archive_entry_filetype(entry);
        if (type == AE_IFDIR) {
            continue;
        }
        if (type != AE_IFREG || archive_entry_hardlink(entry) != nullptr) {
            return fail(Errc::invalid_input, where,
                        "member '" + *member_path + "' is not a regular file (links and devices are not allowed)");
        }
        if (slash == std::string::npos) {
            return fail(Errc::invalid_input, where,
                        "member '" + *member_path + "' is not inside a top-level folder");
        }
        if (archive_entry_size_is_set(entry) &&
            static_cast<std::uint64_t>(archive_entry_size(entry)) > max_member_bytes) {
            return fail(Errc::invalid_input, where,
                        "member '" + *member_path + "' is larger than " + mib(max_member_bytes) + "; refusing it");
        }
        auto bytes = read_member_data(reader.get(), where + ": " + *member_path, total);
        FWCTL_TRY(bytes);
        const std::string member = member_path->substr(slash + 1);
        if (!input.raw_members.emplace(member, std::move(*bytes)).second) {
            return fail(Errc::invalid_input, where, "member '" + *member_path + "' appears twice");
        }
    }
    if (input.raw_members.empty()) {
        return fail(Errc::invalid_input, where, "the archive contains no files");
    }
    FWCTL_TRY(collect_documents(input, input.root + "/"));
    return input;
}

// ---- directories ----

Result<LoadedInput> load_directory(const fs::path& path)
{
    LoadedInput input;
    input.source = LoadedInput::Source::directory;
    input.root = path.string();
    std::uint64_t total = 0;
    std::size_t entries = 0;
    std::error_code error;
    fs::recursive_directory_iterator it(path, error);
    for (const fs::recursive_directory_iterator end; !error && it != end; it.increment(error)) {
        if (++entries > max_members) {
            return fail(Errc::invalid_input, input.root,
                        "more than " + std::to_string(max_members) + " entries; refusing it");
        }
        // symlink_status: links are not followed, so nothing outside the tree is read.
        if (it->symlink_status(error).type() != fs::file_type::regular || error) {
            continue;
        }
        auto bytes = read_file(it->path(), max_member_bytes);
        FWCTL_TRY(bytes);
        total += bytes->size();
        if (total > max_total_bytes) {
            return fail(Errc::invalid_input, input.root, "contents exceed " + mib(max_total_bytes) + "; refusing it");
        }
        input.raw_members.emplace(it->path().lexically_relative(path).generic_string(), std::move(*bytes));
    }
    if (error) {
        return fail(Errc::io, input.root, "cannot list the directory", error.value());
    }
    std::string prefix = input.root;
    if (!prefix.empty() && prefix.back() != '/') {
        prefix += '/';
    }
    FWCTL_TRY(collect_documents(input, prefix));
    return input;
}

// ---- single files ----

Result<LoadedInput> load_file(const fs::path& path, std::string bytes)
{
    const std::string where = path.string();
    auto doc = parse_document_text(bytes, where);
    FWCTL_TRY(doc);
    LoadedInput input;
    input.source = LoadedInput::Source::file;
    input.root = where;
    const auto kind = file_kind(path, *doc);
    input.documents.push_back({where, path.filename().string(), kind, std::move(*doc)});
    return input;
}

}  // namespace

std::string_view to_string(LoadedDocument::Kind kind)
{
    switch (kind) {
    case LoadedDocument::Kind::report: return "report";
    case LoadedDocument::Kind::device: return "device";
    case LoadedDocument::Kind::manifest: return "manifest";
    }
    return "report";
}

Result<json> parse_document_text(std::string_view text, std::string_view where)
{
    if (text.find('\0') != std::string_view::npos) {
        return fail(Errc::invalid_input, std::string(where), "not a YAML or JSON document (contains NUL bytes)");
    }
    if (!is_valid_utf8(text)) {
        return fail(Errc::invalid_input, std::string(where), "not a YAML or JSON document (not valid UTF-8)");
    }
    if (text.substr(0, 3) == "\xef\xbb\xbf") {
        text.remove_prefix(3);  // a BOM some editors add
    }
    const auto first = text.find_first_not_of(" \t\r\n");
    const bool is_json = first != std::string_view::npos && text[first] == '{';
    auto doc = is_json ? parse_json_text(text, where) : yaml_to_json(text, where);
    FWCTL_TRY(doc);
    if (!doc->is_object()) {
        return fail(Errc::invalid_input, std::string(where),
                    std::string("expected a mapping of report fields at the top level, found ") +
                        (doc->is_null() ? "an empty document" : std::string("a ") + doc->type_name()));
    }
    return doc;
}

Result<LoadedInput> load_for_validation(const fs::path& path)
{
    std::error_code error;
    const auto status = fs::status(path, error);
    if (status.type() == fs::file_type::not_found) {
        return fail(Errc::not_found, path.string(),
                    "does not exist (expected a report file, an --output-dir directory or a tar archive)");
    }
    if (error) {
        return fail(Errc::io, path.string(), "cannot access", error.value());
    }
    if (status.type() == fs::file_type::directory) {
        return load_directory(path);
    }
    if (status.type() != fs::file_type::regular) {
        return fail(Errc::invalid_input, path.string(), "not a regular file or directory");
    }
    // Archives are streamed from disk by libarchive; everything else is one
    // document that must fit the member limit.
    auto head = read_file(path, 512, true);
    FWCTL_TRY(head);
    if (looks_like_archive(*head)) {
        return load_archive(path);
    }
    auto bytes = read_file(path, max_member_bytes);
    FWCTL_TRY(bytes);
    return load_file(path, std::move(*bytes));
}

}  // namespace fwctl::report
