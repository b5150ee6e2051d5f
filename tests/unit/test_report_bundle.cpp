#include <doctest/doctest.h>

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "report/archive_writer.hpp"
#include "report/atomic_file.hpp"
#include "report/bundle.hpp"
#include "report/directory_writer.hpp"
#include "report/document.hpp"
#include "report/schema_validator.hpp"
#include "report/sha256.hpp"
#include "report/yaml_reader.hpp"

using namespace fwctl;
using namespace fwctl::report;
namespace fs = std::filesystem;

namespace {

Snapshot sample_snapshot()
{
    Snapshot s;
    s.collected_at = "2026-11-24T06:30:00Z";
    s.host.hostname = "lab/host 1";
    s.host.kernel_release = "6.15.0";
    DeviceRecord ok;
    ok.identity.name = "fwctl0";
    ok.identity.devnode = "/dev/fwctl/fwctl0";
    ok.identity.dev = "511:0";
    ok.identity.parent = ParentIdentity{"pci", "0000:03:00.0", "mlx5_core", PciIdentity{"0000:03:00.0"}};
    ok.info = InfoData{1, {1, 0, 0, 0, 4, 0, 0, 0}};
    ok.plugin = "mlx5";
    ok.sections.firmware["psid"] = "MT_0000000838";
    DeviceRecord broken;
    broken.identity.name = "../evil\nname";
    broken.identity.devnode = "/dev/fwctl/x";
    broken.identity.dev = "511:1";
    broken.errors.push_back({"info", "x FWCTL_INFO", 5, "FWCTL_INFO failed"});
    s.devices = {ok, broken};
    return s;
}

struct TempDir {
    fs::path path;
    TempDir()
    {
        char tmpl[] = "/tmp/fwctl-test-XXXXXX";
        path = ::mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(path); }
};

std::map<std::string, std::pair<std::string, int>> read_archive(const fs::path& path)
{
    std::map<std::string, std::pair<std::string, int>> members;
    archive* a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_all(a);
    REQUIRE(archive_read_open_filename(a, path.c_str(), 10240) == ARCHIVE_OK);
    archive_entry* e = nullptr;
    while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
        std::string data(static_cast<std::size_t>(archive_entry_size(e)), '\0');
        if (!data.empty()) {
            archive_read_data(a, data.data(), data.size());
        }
        members[archive_entry_pathname(e)] = {data, static_cast<int>(archive_entry_perm(e))};
    }
    archive_read_free(a);
    return members;
}

}  // namespace

TEST_CASE("bundle: members are report, one file per device, schema, README, and the manifest last")
{
    auto bundle = make_bundle(sample_snapshot());
    REQUIRE(bundle);
    CHECK(bundle->top == "fwctl-report-lab_host_1-20261124T063000Z");
    std::vector<std::string> paths;
    for (const auto& m : bundle->members) paths.push_back(m.path);
    CHECK(paths == std::vector<std::string>{"report.yaml", "devices/fwctl0.yaml", "devices/_.._evil_name.yaml",
                                            "schema/fwctl-report.schema.json", "README", "manifest.yaml"});
}

TEST_CASE("bundle: the manifest lists every other member with its size and sha256")
{
    auto bundle = make_bundle(sample_snapshot());
    REQUIRE(bundle);
    auto manifest = yaml_to_json(bundle->members.back().content, "manifest.yaml");
    REQUIRE(manifest);
    CHECK(manifest_schema().validate(*manifest).empty());
    REQUIRE((*manifest)["members"].size() == bundle->members.size() - 1);
    for (std::size_t i = 0; i + 1 < bundle->members.size(); ++i) {
        const auto& entry = (*manifest)["members"][i];
        CHECK(entry["path"] == bundle->members[i].path);
        CHECK(entry["size"] == bundle->members[i].content.size());
        CHECK(entry["sha256"] == sha256_hex(bundle->members[i].content));
    }
}

TEST_CASE("bundle: device files never escape their folder")
{
    CHECK(safe_name("../../etc/passwd") == "_.._.._etc_passwd");
    CHECK(safe_name(".hidden") == "_.hidden");
    CHECK(safe_name("") == "_");
    CHECK(safe_name("a\x01/b") == "a__b");
}

TEST_CASE("sha256: known answer")
{
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("archive_writer: writes a 0600 archive whose members sit under one top folder")
{
    TempDir dir;
    auto bundle = make_bundle(sample_snapshot());
    REQUIRE(bundle);
    for (auto compression : {Compression::xz, Compression::gzip, Compression::zstd, Compression::none}) {
        const fs::path path = dir.path / ("out" + std::string(archive_suffix(compression)));
        REQUIRE(write_archive(*bundle, path, compression, false, 1764000000));
        struct stat st {};
        REQUIRE(::stat(path.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
        const auto members = read_archive(path);
        CHECK(members.count(bundle->top + "/report.yaml") == 1);
        CHECK(members.count(bundle->top + "/manifest.yaml") == 1);
        CHECK(members.at(bundle->top + "/report.yaml").first == bundle->members.front().content);
        CHECK(members.at(bundle->top + "/report.yaml").second == 0600);
        CHECK(members.at(bundle->top + "/devices/").second == 0700);
        for (const auto& [name, content] : members) {
            CHECK(name.rfind(bundle->top + "/", 0) == 0);
        }
    }
}

TEST_CASE("archive_writer: an existing file is kept unless --force")
{
    TempDir dir;
    const fs::path path = dir.path / "r.tar.xz";
    REQUIRE(write_file_atomically(path, "old", false));
    auto bundle = make_bundle(sample_snapshot());
    REQUIRE(bundle);
    auto refused = write_archive(*bundle, path, Compression::xz, false, 0);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().sys_errno == EEXIST);
    CHECK(fs::file_size(path) == 3);
    CHECK(check_can_create(path, false).error().sys_errno == EEXIST);
    REQUIRE(write_archive(*bundle, path, Compression::xz, true, 0));
    CHECK(fs::file_size(path) > 3);
    // No temporary files are left behind.
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("atomic_file: a directory that does not exist is a clear error and leaves nothing")
{
    auto r = write_file_atomically("/nonexistent-dir/x.yaml", "x", false);
    REQUIRE_FALSE(r);
    CHECK(r.error().sys_errno == ENOENT);
}

TEST_CASE("directory_writer: writes the tree 0600/0700 and refuses to overwrite a report")
{
    TempDir dir;
    const fs::path out = dir.path / "sos_commands" ;
    auto bundle = make_bundle(sample_snapshot());
    REQUIRE(bundle);
    ::umask(0);
    REQUIRE(write_directory(*bundle, out, false));
    ::umask(022);
    for (const auto& m : bundle->members) {
        struct stat st {};
        REQUIRE(::stat((out / m.path).c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
    }
    struct stat st {};
    REQUIRE(::stat((out / "devices").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    CHECK_FALSE(check_can_write_directory(out, false));
    CHECK(check_can_write_directory(out, true));
    CHECK_FALSE(write_directory(*bundle, out, false));
    CHECK(write_directory(*bundle, out, true));
}
