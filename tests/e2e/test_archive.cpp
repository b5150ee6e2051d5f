// --tar and --output-dir: what lands on disk, how it is protected, and that
// independent tools (tar, Python's jsonschema) agree with us about it.
#include <doctest/doctest.h>

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <fstream>
#include <functional>
#include <map>

#include "report/sha256.hpp"
#include "report/yaml_reader.hpp"
#include "tests/e2e/archive_members.hpp"
#include "tests/e2e/run_command.hpp"

using e2e::archive_members;
using e2e::run;
using e2e::run_report_in_lab;
using e2e::TempDir;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const fs::path& path)
{
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

void check_manifest(const std::string& manifest_text, const std::function<std::string(const std::string&)>& member)
{
    auto manifest = fwctl::report::yaml_to_json(manifest_text, "manifest.yaml");
    REQUIRE(manifest);
    CHECK((*manifest)["schema_version"] == 1);
    REQUIRE((*manifest)["members"].size() >= 5);
    for (const auto& m : (*manifest)["members"]) {
        const std::string content = member(m["path"]);
        CAPTURE(m["path"]);
        CHECK(m["size"] == content.size());
        CHECK(m["sha256"] == fwctl::report::sha256_hex(content));
    }
}

}  // namespace

TEST_CASE("--tar writes a 0600 xz archive under one top folder whose manifest sums are right")
{
    TempDir dir;
    const fs::path path = dir.path / "out.tar.xz";
    const auto o = run_report_in_lab("mixed", {"--tar", path.string()});
    CAPTURE(o.err);
    REQUIRE(o.exit_code == 1);  // written; fwctl1's refused queries are in it
    CHECK(o.out.empty());
    CHECK(o.err.find("wrote") != std::string::npos);
    CHECK(mode_of(path) == 0600);

    const auto listing = run({"/usr/bin/tar", "-tf", path.string()});
    REQUIRE(listing.exit_code == 0);
    const std::string top = listing.out.substr(0, listing.out.find('/'));
    CHECK(top.rfind("fwctl-report-", 0) == 0);
    for (const char* member : {"/manifest.yaml", "/report.yaml", "/devices/fwctl0.yaml", "/devices/fwctl5.yaml",
                               "/schema/fwctl-report.schema.json", "/README"}) {
        CHECK_MESSAGE(listing.out.find(top + member + "\n") != std::string::npos, member);
    }
    const auto members = archive_members(path);
    check_manifest(members.at(top + "/manifest.yaml"),
                   [&](const std::string& p) { return members.at(top + "/" + p); });

    const auto valid = run({FWCTL_REPORT_BIN, "--validate", path.string()});
    CHECK_MESSAGE(valid.exit_code == 0, valid.out << valid.err);
    const auto python = run({FWCTL_PYTHON, std::string(FWCTL_SOURCE_DIR) + "/tests/crosscheck/validate_with_jsonschema.py",
                             std::string(FWCTL_SOURCE_DIR) + "/schemas/fwctl-report.schema.json", path.string()});
    CHECK_MESSAGE(python.exit_code == 0, python.out << python.err);
}

TEST_CASE("--tar without a path names the archive after host and time, in the current directory")
{
    TempDir dir;
    const auto o = run_report_in_lab("one-mlx5", {"--tar", "--compress", "gzip"}, {}, dir.path);
    REQUIRE(o.exit_code == 0);
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir.path)) {
        files.push_back(entry.path().filename());
    }
    REQUIRE(files.size() == 1);
    const std::string name = files[0].string();
    CHECK(name.rfind("fwctl-report-", 0) == 0);
    CHECK(name.ends_with("Z.tar.gz"));
}

TEST_CASE("--tar never replaces an existing file without --force, and leaves it untouched")
{
    TempDir dir;
    const fs::path path = dir.path / "out.tar";
    {
        std::ofstream old(path);
        old << "precious";
    }
    const auto refused = run_report_in_lab("one-mlx5", {"--tar", path.string(), "--compress", "none"});
    CHECK(refused.exit_code == 3);
    CHECK(refused.err.find("--force") != std::string::npos);
    CHECK(e2e::read_text(path) == "precious");

    const auto forced = run_report_in_lab("one-mlx5", {"--tar", path.string(), "--compress", "none", "--force"});
    CHECK(forced.exit_code == 0);
    CHECK(e2e::read_text(path) != "precious");
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("--tar into a directory that cannot be written exits 3 before collecting")
{
    const auto o = run_report_in_lab("one-mlx5", {"--tar", "/nonexistent-dir/out.tar.xz"});
    CHECK(o.exit_code == 3);
    CHECK(o.err.find("/nonexistent-dir") != std::string::npos);
}

TEST_CASE("--output-dir writes the same tree as plain files that validate")
{
    TempDir dir;
    const fs::path out = dir.path / "sos_commands" / "fwctl";
    fs::create_directories(out);
    const auto o = run_report_in_lab("mixed", {"--output-dir", out.string()});
    CAPTURE(o.err);
    REQUIRE(o.exit_code == 1);  // written; fwctl1's refused queries are in it
    for (const char* member : {"manifest.yaml", "report.yaml", "devices/fwctl2.yaml", "schema/fwctl-report.schema.json",
                               "README"}) {
        CHECK_MESSAGE(fs::exists(out / member), member);
        CHECK(mode_of(out / member) == 0600);
    }
    CHECK(mode_of(out / "devices") == 0700);
    check_manifest(e2e::read_text(out / "manifest.yaml"),
                   [&](const std::string& p) { return e2e::read_text(out / p); });

    CHECK(run({FWCTL_REPORT_BIN, "--validate", out.string()}).exit_code == 0);
    const auto python = run({FWCTL_PYTHON, std::string(FWCTL_SOURCE_DIR) + "/tests/crosscheck/validate_with_jsonschema.py",
                             std::string(FWCTL_SOURCE_DIR) + "/schemas/fwctl-report.schema.json", out.string()});
    CHECK_MESSAGE(python.exit_code == 0, python.out << python.err);

    const auto again = run_report_in_lab("mixed", {"--output-dir", out.string()});
    CHECK(again.exit_code == 3);
}

TEST_CASE("--validate says which path fails and why, and exits 1")
{
    TempDir dir;
    const fs::path good = dir.path / "good.yaml";
    const auto o = run_report_in_lab("one-mlx5", {});
    REQUIRE(o.exit_code == 0);
    {
        std::ofstream f(good);
        f << o.out;
    }
    CHECK(run({FWCTL_REPORT_BIN, "--validate", good.string()}).exit_code == 0);

    std::string broken = o.out;
    const auto at = broken.find("vendor_id: \"0x15b3\"");
    REQUIRE(at != std::string::npos);
    broken.replace(at, std::string("vendor_id: \"0x15b3\"").size(), "vendor_id: \"0x15B3\"");
    const fs::path bad = dir.path / "bad.yaml";
    {
        std::ofstream f(bad);
        f << broken;
    }
    const auto v = run({FWCTL_REPORT_BIN, "--validate", bad.string()});
    CHECK(v.exit_code == 1);
    CHECK((v.out + v.err).find("devices[0].parent.pci.vendor_id") != std::string::npos);

    const auto missing = run({FWCTL_REPORT_BIN, "--validate", (dir.path / "nope.yaml").string()});
    CHECK(missing.exit_code == 3);
}
