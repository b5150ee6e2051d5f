// Specification of report/report_loader (the input side of --validate): one
// file, an --output-dir tree, or a tar archive in any compression, read into
// documents plus the raw member bytes the manifest check needs.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <archive.h>
#include <archive_entry.h>
#include <nlohmann/json.hpp>

#include "report/report_loader.hpp"
#include "report/yaml_writer.hpp"

namespace fs = std::filesystem;
using fwctl::Errc;
using fwctl::report::load_for_validation;
using fwctl::report::LoadedDocument;
using fwctl::report::LoadedInput;
using fwctl::report::to_yaml;
using nlohmann::json;

namespace {

// The error text of a failed Result, "" on success (doctest may stringify
// messages even for passing checks, so this must be safe to call either way).
template <class Result>
std::string error_text(const Result& result)
{
    return result ? std::string() : result.error().message();
}

// A fresh directory under $TMPDIR, removed with everything in it.
struct TempDir {
    fs::path path;
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "fwctl-loader-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir()
    {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

void write(const fs::path& path, const std::string& bytes)
{
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    REQUIRE(out.good());
}

json mixed()
{
    std::ifstream file(std::string(FWCTL_SOURCE_DIR) + "/schemas/examples/mixed.json");
    REQUIRE(file);
    return json::parse(file);
}

const std::string manifest_yaml =
    "---\nmanifest_version: 1\ntool:\n  name: fwctl-report\n  version: 0.1.0\nschema_version: 1\n"
    "created_at: \"2026-11-24T06:30:00Z\"\nredacted: false\nmembers: []\n";

struct Member {
    std::string path;  // ends with '/' for a directory entry
    std::string data;
};

// The members of a bundle the way bundle.cpp lays them out.
std::vector<Member> bundle_members(const std::string& top)
{
    const json doc = mixed();
    return {{top + "/", ""},
            {top + "/manifest.yaml", manifest_yaml},
            {top + "/report.yaml", to_yaml(nlohmann::ordered_json(doc))},
            {top + "/devices/", ""},
            {top + "/devices/fwctl0.yaml", to_yaml(nlohmann::ordered_json(doc["devices"][0]))},
            {top + "/devices/fwctl1.yaml", to_yaml(nlohmann::ordered_json(doc["devices"][1]))},
            {top + "/fwctl-report.schema.json", "{}"}};
}

enum class Compression { none, gzip, xz, zstd };

// Writes a pax tar with libarchive; false when this libarchive cannot write
// the compression (zstd needs libzstd at build time).
bool write_tar(const fs::path& out, const std::vector<Member>& members, Compression compression)
{
    archive* a = archive_write_new();
    REQUIRE(a != nullptr);
    int status = ARCHIVE_OK;
    switch (compression) {
    case Compression::none: break;
    case Compression::gzip: status = archive_write_add_filter_gzip(a); break;
    case Compression::xz: status = archive_write_add_filter_xz(a); break;
    case Compression::zstd: status = archive_write_add_filter_zstd(a); break;
    }
    if (status != ARCHIVE_OK) {
        archive_write_free(a);
        return false;
    }
    REQUIRE(archive_write_set_format_pax_restricted(a) == ARCHIVE_OK);
    REQUIRE(archive_write_open_filename(a, out.c_str()) == ARCHIVE_OK);
    for (const auto& member : members) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, member.path.c_str());
        const bool directory = !member.path.empty() && member.path.back() == '/';
        archive_entry_set_filetype(entry, directory ? AE_IFDIR : AE_IFREG);
        archive_entry_set_perm(entry, directory ? 0755 : 0644);
        archive_entry_set_size(entry, directory ? 0 : static_cast<la_int64_t>(member.data.size()));
        REQUIRE(archive_write_header(a, entry) == ARCHIVE_OK);
        if (!directory && !member.data.empty()) {
            REQUIRE(archive_write_data(a, member.data.data(), member.data.size()) ==
                    static_cast<la_ssize_t>(member.data.size()));
        }
        archive_entry_free(entry);
    }
    REQUIRE(archive_write_close(a) == ARCHIVE_OK);
    archive_write_free(a);
    return true;
}

void check_bundle(const LoadedInput& input, const std::string& name_prefix)
{
    REQUIRE(input.documents.size() == 4);
    CHECK(input.documents[0].kind == LoadedDocument::Kind::report);
    CHECK(input.documents[0].member == "report.yaml");
    CHECK(input.documents[0].name == name_prefix + "report.yaml");
    CHECK(input.documents[0].doc == mixed());
    CHECK(input.documents[1].kind == LoadedDocument::Kind::device);
    CHECK(input.documents[1].member == "devices/fwctl0.yaml");
    CHECK(input.documents[1].name == name_prefix + "devices/fwctl0.yaml");
    CHECK(input.documents[1].doc == mixed()["devices"][0]);
    CHECK(input.documents[2].member == "devices/fwctl1.yaml");
    CHECK(input.documents[3].kind == LoadedDocument::Kind::manifest);
    CHECK(input.documents[3].doc["manifest_version"] == 1);

    // Every regular file, byte for byte, keyed like the manifest's paths.
    REQUIRE(input.raw_members.size() == 5);
    CHECK(input.raw_members.at("manifest.yaml") == manifest_yaml);
    CHECK(input.raw_members.at("fwctl-report.schema.json") == "{}");
    CHECK(input.raw_members.at("report.yaml") == to_yaml(nlohmann::ordered_json(mixed())));
    CHECK(input.raw_members.count("devices/fwctl1.yaml") == 1);
}

fwctl::Error load_error(const fs::path& path)
{
    auto input = load_for_validation(path);
    REQUIRE_FALSE(input.has_value());
    return input.error();
}

}  // namespace

TEST_CASE("report_loader: reads a JSON report file")
{
    const fs::path path = fs::path(FWCTL_SOURCE_DIR) / "schemas/examples/mixed.json";
    auto input = load_for_validation(path);
    REQUIRE_MESSAGE(input.has_value(), error_text(input));
    CHECK(input->source == LoadedInput::Source::file);
    REQUIRE(input->documents.size() == 1);
    CHECK(input->documents[0].kind == LoadedDocument::Kind::report);
    CHECK(input->documents[0].name == path.string());
    CHECK(input->documents[0].member == "mixed.json");
    CHECK(input->documents[0].doc == mixed());
    CHECK(input->raw_members.empty());
}

TEST_CASE("report_loader: reads a YAML report file, whatever its extension")
{
    TempDir dir;
    write(dir.path / "report.yaml", to_yaml(nlohmann::ordered_json(mixed())));
    write(dir.path / "report.txt", to_yaml(nlohmann::ordered_json(mixed())));
    for (const std::string name : {"report.yaml", "report.txt"}) {
        CAPTURE(name);
        auto input = load_for_validation(dir.path / name);
        REQUIRE_MESSAGE(input.has_value(), error_text(input));
        REQUIRE(input->documents.size() == 1);
        CHECK(input->documents[0].doc == mixed());
    }
}

TEST_CASE("report_loader: a lone file is classified by its content")
{
    TempDir dir;
    write(dir.path / "m.yaml", manifest_yaml);
    write(dir.path / "devices" / "fwctl0.yaml", to_yaml(nlohmann::ordered_json(mixed()["devices"][0])));
    auto manifest = load_for_validation(dir.path / "m.yaml");
    REQUIRE(manifest.has_value());
    CHECK(manifest->documents[0].kind == LoadedDocument::Kind::manifest);
    auto device = load_for_validation(dir.path / "devices" / "fwctl0.yaml");
    REQUIRE(device.has_value());
    CHECK(device->documents[0].kind == LoadedDocument::Kind::device);
}

TEST_CASE("report_loader: reads an --output-dir tree with its raw member bytes")
{
    TempDir dir;
    for (const auto& member : bundle_members("bundle")) {
        if (member.path.back() != '/') {
            write(dir.path / member.path, member.data);
        }
    }
    const fs::path root = dir.path / "bundle";
    auto input = load_for_validation(root);
    REQUIRE_MESSAGE(input.has_value(), error_text(input));
    CHECK(input->source == LoadedInput::Source::directory);
    CHECK(input->root == root.string());
    check_bundle(*input, root.string() + "/");
}

TEST_CASE("report_loader: reads tar archives, plain or compressed, without extracting them")
{
    struct Case {
        const char* file;
        Compression compression;
    };
    for (const Case& c : {Case{"b.tar", Compression::none}, Case{"b.tar.gz", Compression::gzip},
                          Case{"b.tar.xz", Compression::xz}, Case{"b.tar.zst", Compression::zstd},
                          Case{"no-extension", Compression::xz}}) {
        CAPTURE(std::string(c.file));
        TempDir dir;
        const fs::path path = dir.path / c.file;
        if (!write_tar(path, bundle_members("fwctl-report-lab1-20261124T063000Z"), c.compression)) {
            MESSAGE("this libarchive cannot write " << c.file << "; skipped");
            continue;
        }
        auto input = load_for_validation(path);
        REQUIRE_MESSAGE(input.has_value(), error_text(input));
        CHECK(input->source == LoadedInput::Source::archive);
        CHECK(input->root == "fwctl-report-lab1-20261124T063000Z");
        check_bundle(*input, "fwctl-report-lab1-20261124T063000Z/");
        // Nothing was extracted next to the archive.
        CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
    }
}

TEST_CASE("report_loader: a path that does not exist is not_found")
{
    const fwctl::Error error = load_error("/nonexistent/fwctl-report.tar.xz");
    CHECK(error.code == Errc::not_found);
    CHECK(error.where == "/nonexistent/fwctl-report.tar.xz");
    CHECK(error.detail.find("does not exist") != std::string::npos);
}

TEST_CASE("report_loader: garbage is rejected with a clear error")
{
    TempDir dir;
    write(dir.path / "binary", std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10));
    write(dir.path / "words.txt", "just some words\n");
    write(dir.path / "broken.yaml", "a: 1\nb: [\n");
    write(dir.path / "broken.json", "{\"a\": }");
    write(dir.path / "latin1.yaml", "name: caf\xe9\n");
    write(dir.path / "fake.tar.gz", std::string("\x1f\x8b\x08\0garbage-after-gzip-magic", 28));

    CHECK(load_error(dir.path / "binary").detail.find("NUL bytes") != std::string::npos);
    CHECK(load_error(dir.path / "words.txt").detail.find("found a string") != std::string::npos);
    CHECK(load_error(dir.path / "broken.yaml").detail.find("line ") != std::string::npos);
    CHECK(load_error(dir.path / "broken.json").detail.find("line 1, column") != std::string::npos);
    CHECK(load_error(dir.path / "latin1.yaml").detail.find("UTF-8") != std::string::npos);
    const fwctl::Error fake = load_error(dir.path / "fake.tar.gz");
    CHECK(fake.code == Errc::invalid_input);
    CHECK(fake.where == (dir.path / "fake.tar.gz").string());
}

TEST_CASE("report_loader: a directory without report.yaml is not a bundle")
{
    TempDir dir;
    write(dir.path / "notes.txt", "hello");
    const fwctl::Error error = load_error(dir.path);
    CHECK(error.code == Errc::invalid_input);
    CHECK(error.detail.find("no report.yaml") != std::string::npos);
}

TEST_CASE("report_loader: archive members must sit under one top folder with safe paths")
{
    TempDir dir;
    const std::string report = to_yaml(nlohmann::ordered_json(mixed()));

    REQUIRE(write_tar(dir.path / "flat.tar", {{"report.yaml", report}}, Compression::none));
    CHECK(load_error(dir.path / "flat.tar").detail.find("top-level folder") != std::string::npos);

    REQUIRE(write_tar(dir.path / "two.tar", {{"a/report.yaml", report}, {"b/x", "x"}}, Compression::none));
    CHECK(load_error(dir.path / "two.tar").detail.find("one top-level folder") != std::string::npos);

    REQUIRE(write_tar(dir.path / "dotdot.tar", {{"a/../../etc/passwd", "x"}}, Compression::none));
    CHECK(load_error(dir.path / "dotdot.tar").detail.find("unsafe path") != std::string::npos);

    REQUIRE(write_tar(dir.path / "twice.tar", {{"a/report.yaml", report}, {"a/report.yaml", report}},
                      Compression::none));
    CHECK(load_error(dir.path / "twice.tar").detail.find("appears twice") != std::string::npos);

    REQUIRE(write_tar(dir.path / "empty.tar", {{"a/", ""}}, Compression::none));
    CHECK(load_error(dir.path / "empty.tar").detail.find("no files") != std::string::npos);
}

TEST_CASE("report_loader: archives with too many members are refused")
{
    TempDir dir;
    std::vector<Member> members;
    for (std::size_t i = 0; i <= fwctl::report::max_members; ++i) {
        members.push_back({"a/f" + std::to_string(i), ""});
    }
    REQUIRE(write_tar(dir.path / "many.tar.gz", members, Compression::gzip));
    CHECK(load_error(dir.path / "many.tar.gz").detail.find("more than 10000 members") != std::string::npos);
}

TEST_CASE("report_loader: a member over 64 MiB is refused")
{
    TempDir dir;
    const std::string big(fwctl::report::max_member_bytes + 1, 'x');
    REQUIRE(write_tar(dir.path / "big.tar.gz", {{"a/report.yaml", big}}, Compression::gzip));
    const fwctl::Error error = load_error(dir.path / "big.tar.gz");
    CHECK(error.code == Errc::invalid_input);
    CHECK(error.detail.find("larger than 64 MiB") != std::string::npos);
}

TEST_CASE("report_loader: a parse error inside an archive names the member")
{
    TempDir dir;
    REQUIRE(write_tar(dir.path / "bad.tar.xz", {{"top/report.yaml", "a: [\n"}}, Compression::xz));
    const fwctl::Error error = load_error(dir.path / "bad.tar.xz");
    CHECK(error.where == "top/report.yaml");
    CHECK(error.detail.find("line ") != std::string::npos);
}
