// `fwctl-report diff A B` on real outputs: archives and directories written
// by the binary in two labs, mixed.yaml and mixed-updated.yaml (the same host
// after fwctl0's reset: new running firmware, NUM_OF_VFS now 16).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "report/yaml_reader.hpp"
#include "tests/e2e/run_command.hpp"

using e2e::run;
using e2e::run_report_in_lab;
using e2e::TempDir;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The two labs' archives, written once for all cases here.
struct Archives {
    TempDir dir;
    fs::path before = dir.path / "before.tar.xz";
    fs::path after = dir.path / "after.tar.gz";
    Archives()
    {
        REQUIRE(run_report_in_lab("mixed", {"--tar", before.string()}).exit_code == 1);
        REQUIRE(run_report_in_lab("mixed-updated", {"--tar", after.string(), "--compress", "gzip"}).exit_code == 1);
    }
};

const Archives& archives()
{
    static const Archives written;
    return written;
}

e2e::Outcome diff(const std::vector<std::string>& args)
{
    std::vector<std::string> argv{FWCTL_REPORT_BIN, "diff"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
}

// The text from `first` up to, not including, `end` ("" = to the end).
std::string section(const std::string& text, const std::string& first, const std::string& end)
{
    const auto from = text.find(first);
    REQUIRE(from != std::string::npos);
    const auto to = end.empty() ? std::string::npos : text.find(end, from);
    return text.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

}  // namespace

TEST_CASE("diff: the reset host shows the new firmware and the changed VF count, and exits 1")
{
    const auto o = diff({archives().before.string(), archives().after.string()});
    CAPTURE(o.err);
    CHECK(o.exit_code == 1);
    CHECK(o.err.empty());
    // The findings that came and went lead (tests/e2e/test_findings.cpp), then A and B.
    CHECK(o.out.rfind("findings new in " + archives().after.string() + ":\n", 0) == 0);
    CHECK(o.out.find("\nA: " + archives().before.string() + " (host ") != std::string::npos);
    CHECK(section(o.out, "4 differences:", "\nConfiguration") ==
          "4 differences:\n"
          "  WHERE                 WHAT                         A           B\n"
          "  fwctl0  0000:03:00.0  firmware running             28.39.1002  28.41.1000\n"
          "  fwctl0  0000:03:00.0  firmware stored              28.41.1000  -\n"
          "  fwctl0  0000:03:00.0  firmware pending_activation  true        false\n"
          "  fwctl0  0000:03:00.0  config NUM_OF_VFS current    8           16\n");
    CHECK(o.out.find("Configuration that differs from its default") != std::string::npos);
    CHECK(o.out.find('\033') == std::string::npos);  // not a terminal: no colour
}

TEST_CASE("diff --format yaml and json give the same documented structure")
{
    for (const char* format : {"yaml", "json"}) {
        CAPTURE(format);
        const auto o = diff({"--format", format, archives().before.string(), archives().after.string()});
        CHECK(o.exit_code == 1);
        auto doc = fwctl::report::yaml_to_json(o.out, "stdout");  // JSON is YAML too
        REQUIRE(doc);
        CHECK((*doc)["diff_format"] == 1);
        CHECK((*doc)["differences"] == 4);
        CHECK((*doc)["devices_added"].empty());
        CHECK((*doc)["devices_removed"].empty());
        CHECK((*doc)["taint"]["differs"] == false);
        REQUIRE((*doc)["devices_changed"].size() == 1);
        const json& fwctl0 = (*doc)["devices_changed"][0];
        CHECK(fwctl0["b"]["name"] == "fwctl0");
        CHECK(fwctl0["matched_by"] == "address");
        REQUIRE(fwctl0["changes"].size() == 4);
        CHECK(fwctl0["changes"][0] ==
              json({{"section", "firmware"}, {"key", nullptr}, {"field", "running"}, {"a", "28.39.1002"},
                    {"b", "28.41.1000"}}));
        CHECK(fwctl0["changes"][3] ==
              json({{"section", "config"}, {"key", "NUM_OF_VFS"}, {"field", "current"}, {"a", 8}, {"b", 16}}));
    }
}

TEST_CASE("diff: a report compared with itself, or with the same lab's directory, exits 0")
{
    auto o = diff({archives().before.string(), archives().before.string()});
    CHECK(o.exit_code == 0);
    CHECK(o.out.find("\nNo differences.\n") != std::string::npos);

    TempDir dir;
    const fs::path out = dir.path / "out";
    REQUIRE(run_report_in_lab("mixed", {"--output-dir", out.string()}).exit_code == 1);
    o = diff({archives().before.string(), out.string()});
    CAPTURE(o.out);
    CHECK(o.exit_code == 0);
}

TEST_CASE("diff: unreadable or invalid input is a clear one-line error and exit 3")
{
    TempDir dir;
    const fs::path broken = dir.path / "broken.yaml";
    std::ofstream(broken) << "schema_version: 1\ndevices: [\n";
    auto o = diff({broken.string(), archives().before.string()});
    CHECK(o.exit_code == 3);
    CHECK(o.out.empty());
    CHECK(o.err.rfind("fwctl-report: diff: " + broken.string(), 0) == 0);
    CHECK(o.err.find("line") != std::string::npos);

    const fs::path invalid = dir.path / "invalid.yaml";
    std::ofstream(invalid) << "schema_version: 1\ntool: {name: fwctl-report, version: 0.1.0}\n";
    o = diff({archives().before.string(), invalid.string()});
    CHECK(o.exit_code == 3);
    CHECK(o.err.find("not a valid fwctl-report report") != std::string::npos);
    CHECK(o.err.find("missing required property") != std::string::npos);

    o = diff({archives().before.string(), (dir.path / "missing.yaml").string()});
    CHECK(o.exit_code == 3);
    CHECK(o.err.find("cannot read") != std::string::npos);
}

TEST_CASE("diff warns when serials cannot be matched: one report redacted, or redacted with a random key")
{
    const TempDir dir;
    const fs::path redacted = dir.path / "redacted.tar.xz";
    REQUIRE(run_report_in_lab("mixed", {"--redact", "--tar", redacted.string()}).exit_code == 1);

    const auto one_redacted = diff({archives().before.string(), redacted.string()});
    CHECK(one_redacted.err.find("warning: only " + redacted.string() + " is redacted") != std::string::npos);

    const auto random_keys = diff({redacted.string(), redacted.string()});
    CHECK(random_keys.exit_code == 0);
    CHECK(random_keys.err.find("same --redact-key") != std::string::npos);

    const auto plain = diff({archives().before.string(), archives().before.string()});
    CHECK(plain.err.find("warning") == std::string::npos);
}

TEST_CASE("diff: wrong usage exits 2 and says how to call it")
{
    auto o = diff({archives().before.string()});
    CHECK(o.exit_code == 2);
    CHECK(o.err.find("fwctl-report diff A B") != std::string::npos);
    o = diff({"--tar", "x", "a", "b"});
    CHECK(o.exit_code == 2);
    o = diff({"--format", "xml", "a", "b"});
    CHECK(o.exit_code == 2);
    o = diff({"--device", "fwctl0", "a", "b"});
    CHECK(o.exit_code == 2);
    CHECK(o.err.find("--device does not apply to diff") != std::string::npos);
}

TEST_CASE("diff and --summary are in --help, with diff's exit codes")
{
    const auto o = run({FWCTL_REPORT_BIN, "--help"});
    CHECK(o.exit_code == 0);
    for (const char* text : {"fwctl-report diff [--format yaml|json] A B", "--summary",
                             "diff: 0 no difference; 1 different; 2 usage error; 3 an input"}) {
        CHECK_MESSAGE(o.out.find(text) != std::string::npos, text);
    }
}
