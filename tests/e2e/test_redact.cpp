// --redact and --redact-key, from the outside: the redaction lab's serial
// numbers and host name must not survive in any spelling, in any file the tool
// writes, while everything else stays readable and valid.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <fstream>

#include "report/yaml_reader.hpp"
#include "tests/e2e/archive_members.hpp"
#include "tests/e2e/run_command.hpp"

using e2e::Outcome;
using e2e::run;
using e2e::TempDir;
namespace fs = std::filesystem;

namespace {

// The host name the tests give their UTS namespace; the lab's fwctl3 INFO data
// carry its first label.
constexpr const char* lab_host = "redact-lab-host.example.net";

const std::vector<std::string> lab_serials{"0x5e71a1c0ffee4242", "0x5e71a1c0ffee4243"};

std::string hex_of(std::string_view text)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : text) {
        out += digits[c >> 4];
        out += digits[c & 0xf];
    }
    return out;
}

std::string reversed_bytes(std::string_view hex)
{
    std::string out;
    for (std::size_t i = hex.size(); i >= 2; i -= 2) {
        out += hex.substr(i - 2, 2);
    }
    return out;
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool can_set_host_name()
{
    static const bool ok = run({"/usr/bin/unshare", "--uts", "/bin/true"}).exit_code == 0;
    return ok;
}

// The host name the report will see: the lab's, in a UTS namespace of its own
// when this test may make one, else the machine's.
std::string host_name()
{
    if (can_set_host_name()) {
        return lab_host;
    }
    const std::string machine = e2e::read_text("/proc/sys/kernel/hostname");
    return machine.substr(0, machine.find('\n'));
}

Outcome run_redact_lab(const std::vector<std::string>& args, const fs::path& cwd = {})
{
    std::vector<std::string> argv;
    if (can_set_host_name()) {
        argv = {"/usr/bin/unshare", "--uts", "/bin/sh", "-c", "hostname \"$0\" && exec \"$@\"", lab_host};
    }
    argv.insert(argv.end(), {FWCTL_SIM_BIN, "--lab", e2e::lab_path("redact"), "--", FWCTL_REPORT_BIN});
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, cwd);
}

// Every spelling of the lab's secrets a redacted report must not contain:
// the text, its ASCII bytes in hex, and a serial's bytes both ways round.
// Searched case-insensitively. Host names shorter than four characters are
// replaced in host.hostname but not swept (they would match everywhere).
std::vector<std::string> forbidden_spellings()
{
    std::vector<std::string> out;
    for (const auto& serial : lab_serials) {
        const std::string digits = serial.substr(2);
        out.insert(out.end(), {serial, hex_of(serial), digits, reversed_bytes(digits)});
    }
    const std::string host = host_name();
    const std::string label = host.substr(0, host.find('.'));
    for (const auto& name : {host, label}) {
        if (name.size() >= 4) {
            out.insert(out.end(), {name, hex_of(name)});
        }
    }
    return out;
}

// What the lab actually plants, each at least once, when the host name can be set:
// the serials in their fields, fwctl1's serial as bytes in a CXL feature (both byte
// orders), fwctl2's as hex-encoded ASCII in fwctl3's INFO, the host name in its
// field and its first label as hex-encoded ASCII in fwctl3's INFO.
std::vector<std::string> planted_spellings()
{
    std::vector<std::string> out{lab_serials[0], lab_serials[1], "5e71a1c0ffee4242", "4242eeffc0a1715e",
                                 hex_of(lab_serials[1])};
    if (can_set_host_name()) {
        out.insert(out.end(), {lab_host, hex_of("redact-lab-host")});
    }
    return out;
}

void check_free_of_secrets(const std::string& where, const std::string& text)
{
    const std::string haystack = lower(text);
    for (const auto& secret : forbidden_spellings()) {
        CHECK_MESSAGE(haystack.find(lower(secret)) == std::string::npos, where << " contains " << secret);
    }
}

nlohmann::json parsed_yaml(const std::string& text, const std::string& where)
{
    auto doc = fwctl::report::yaml_to_json(text, where);
    REQUIRE_MESSAGE(doc, where);
    return *doc;
}

fs::path write_key(const fs::path& dir, const std::string& name, const std::string& content)
{
    const fs::path path = dir / name;
    std::ofstream(path) << content;
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    return path;
}

// The values that identify the lab's devices in a report, after redaction.
struct Tokens {
    std::string host, serial1, serial2, info3;
    bool operator==(const Tokens&) const = default;
};

Tokens tokens_of(const std::string& yaml)
{
    const auto doc = parsed_yaml(yaml, "stdout");
    return {doc["host"]["hostname"], doc["devices"][1]["firmware"]["memdev"]["serial"],
            doc["devices"][2]["firmware"]["memdev"]["serial"], doc["devices"][3]["info"]["data_hex"]};
}

}  // namespace

TEST_CASE("--redact --tar: no file of the archive holds a serial number or the host name, in any spelling")
{
    if (!can_set_host_name()) {
        MESSAGE("unshare --uts is not allowed here: checking the machine's own host name instead of the lab's");
    }
    TempDir dir;
    const auto o = run_redact_lab({"--redact", "--tar", "--compress", "xz"}, dir.path);
    CAPTURE(o.err);
    REQUIRE(o.exit_code == 0);

    std::vector<fs::path> written;
    for (const auto& entry : fs::directory_iterator(dir.path)) {
        written.push_back(entry.path());
    }
    REQUIRE(written.size() == 1);
    // The default archive name and its top folder carry the redacted host name.
    CHECK(written[0].filename().string().rfind("fwctl-report-redacted-host-", 0) == 0);
    check_free_of_secrets("archive name", written[0].filename().string());

    const auto members = e2e::archive_members(written[0]);
    REQUIRE(members.size() >= 8);  // manifest, report, 4 devices, schema, README
    for (const auto& [path, content] : members) {
        check_free_of_secrets("member name " + path, path);
        check_free_of_secrets(path, content);
    }

    const std::string top = members.begin()->first.substr(0, members.begin()->first.find('/'));
    const auto report = parsed_yaml(members.at(top + "/report.yaml"), "report.yaml");
    CHECK(report["host"]["hostname"].get<std::string>().rfind("redacted-host-", 0) == 0);
    CHECK(report["devices"][1]["firmware"]["memdev"]["serial"].get<std::string>().rfind("REDACTED-SERIAL-", 0) == 0);
    CHECK(report["devices"][1]["firmware"]["memdev"]["serial"] != report["devices"][2]["firmware"]["memdev"]["serial"]);
    CHECK(report["redaction"]["keyed"] == false);
    CHECK(report["redaction"]["distinct_values"]["serial"] == 2);
    CHECK(report["redaction"]["distinct_values"]["hostname"] == 1);

    // Not secrets: PCI addresses, PSID, firmware versions and OS identity stay.
    CHECK(report["devices"][0]["parent"]["pci"]["address"] == "0000:03:00.0");
    CHECK(report["devices"][1]["parent"]["pci"]["address"] == "0000:0d:00.0");
    CHECK(report["devices"][0]["firmware"]["psid"] == "MT_0000000838");
    CHECK(report["devices"][0]["firmware"]["running"] == "28.39.1002");
    CHECK(report["devices"][1]["firmware"]["running"] == "7.0.13.1");

    // The device file says what report.yaml says.
    const auto device1 = parsed_yaml(members.at(top + "/devices/fwctl1.yaml"), "devices/fwctl1.yaml");
    CHECK(device1["firmware"]["memdev"]["serial"] == report["devices"][1]["firmware"]["memdev"]["serial"]);
    CHECK(device1["config"] == report["devices"][1]["config"]);

    const auto manifest = parsed_yaml(members.at(top + "/manifest.yaml"), "manifest.yaml");
    CHECK(manifest["redacted"] == true);
    CHECK(manifest["redaction"]["classes"] == nlohmann::json{"hostname", "serial", "mac", "guid"});
    CHECK(manifest["redaction"]["keyed"] == false);

    const auto valid = run({FWCTL_REPORT_BIN, "--validate", written[0].string()});
    CHECK_MESSAGE(valid.exit_code == 0, valid.out << valid.err);
    const auto python = run({FWCTL_PYTHON, std::string(FWCTL_SOURCE_DIR) + "/tests/crosscheck/validate_with_jsonschema.py",
                             std::string(FWCTL_SOURCE_DIR) + "/schemas/fwctl-report.schema.json",
                             written[0].string()});
    CHECK_MESSAGE(python.exit_code == 0, python.out << python.err);
}

TEST_CASE("without --redact the lab's serial numbers and host name are in the report, so the test above means something")
{
    const auto o = run_redact_lab({});
    REQUIRE(o.exit_code == 0);
    const std::string text = lower(o.out);
    const auto forbidden = forbidden_spellings();
    for (const auto& secret : planted_spellings()) {
        CHECK_MESSAGE(text.find(lower(secret)) != std::string::npos, "the plain report lacks " << secret);
        CHECK(std::find(forbidden.begin(), forbidden.end(), secret) != forbidden.end());
    }
    CHECK(text.find("redaction") == std::string::npos);
}

TEST_CASE("--redact also covers standard output (YAML and JSON) and --output-dir")
{
    const auto yaml = run_redact_lab({"--redact"});
    REQUIRE(yaml.exit_code == 0);
    check_free_of_secrets("stdout yaml", yaml.out);
    const auto json = run_redact_lab({"--redact", "--format", "json"});
    REQUIRE(json.exit_code == 0);
    check_free_of_secrets("stdout json", json.out);
    CHECK(json.out.find("\"redaction\"") != std::string::npos);

    TempDir dir;
    const fs::path out = dir.path / "fwctl";
    const auto o = run_redact_lab({"--redact", "--output-dir", out.string()});
    REQUIRE_MESSAGE(o.exit_code == 0, o.err);
    for (const auto& entry : fs::recursive_directory_iterator(out)) {
        if (entry.is_regular_file()) {
            check_free_of_secrets(entry.path().string(), e2e::read_text(entry.path()));
        }
    }
    CHECK(parsed_yaml(e2e::read_text(out / "manifest.yaml"), "manifest.yaml")["redacted"] == true);
    CHECK(run({FWCTL_REPORT_BIN, "--validate", out.string()}).exit_code == 0);
}

TEST_CASE("--redact-key: the same key gives the same tokens in every run, another key other tokens")
{
    TempDir dir;
    const fs::path key_a = write_key(dir.path, "a.key", "0123456789abcdef0123456789abcdef\n");
    const fs::path key_b = write_key(dir.path, "b.key", "fedcba9876543210fedcba9876543210\n");

    const auto a1 = run_redact_lab({"--redact-key", key_a.string()});
    const auto a2 = run_redact_lab({"--redact", "--redact-key", key_a.string()});
    const auto b = run_redact_lab({"--redact-key", key_b.string()});
    const auto random1 = run_redact_lab({"--redact"});
    const auto random2 = run_redact_lab({"--redact"});
    for (const auto* o : {&a1, &a2, &b, &random1, &random2}) {
        REQUIRE_MESSAGE(o->exit_code == 0, o->err);
    }
    CHECK(tokens_of(a1.out) == tokens_of(a2.out));
    CHECK(parsed_yaml(a1.out, "a1")["redaction"]["keyed"] == true);

    const Tokens ta = tokens_of(a1.out);
    const Tokens tb = tokens_of(b.out);
    CHECK(ta.host != tb.host);
    CHECK(ta.serial1 != tb.serial1);
    CHECK(ta.serial2 != tb.serial2);
    CHECK(ta.info3 != tb.info3);
    // Without a key file each run has its own random key.
    CHECK(tokens_of(random1.out).serial1 != tokens_of(random2.out).serial1);
}

TEST_CASE("--redact-key refuses unusable key files with exit 2 and never prints the key")
{
    TempDir dir;
    const fs::path short_key = write_key(dir.path, "short.key", "tiny-secret\n");
    const auto too_short = run_redact_lab({"--redact-key", short_key.string()});
    CHECK(too_short.exit_code == 2);
    CHECK(too_short.err.find(short_key.string()) != std::string::npos);
    CHECK(too_short.err.find("16 to 4096") != std::string::npos);
    CHECK(too_short.err.find("tiny-secret") == std::string::npos);
    CHECK(too_short.out.empty());

    const auto missing = run_redact_lab({"--redact-key", (dir.path / "nope.key").string()});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("No such file") != std::string::npos);

    const auto directory = run_redact_lab({"--redact-key", dir.path.string()});
    CHECK(directory.exit_code == 2);
    CHECK(directory.err.find("not a regular file") != std::string::npos);

    const fs::path big = write_key(dir.path, "big.key", std::string(5000, 'k'));
    const auto too_big = run_redact_lab({"--redact-key", big.string()});
    CHECK(too_big.exit_code == 2);
    CHECK(too_big.err.find("kkkk") == std::string::npos);

    const fs::path shared = write_key(dir.path, "shared.key", "0123456789abcdef0123456789abcdef");
    fs::permissions(shared, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
    const auto warned = run_redact_lab({"--redact-key", shared.string()});
    CHECK(warned.exit_code == 0);
    CHECK(warned.err.find("can be read by other users") != std::string::npos);

    CHECK(run({FWCTL_REPORT_BIN, "--list", "--redact"}).exit_code == 2);
}
