// Findings as a user meets them: the real binary on emulated labs, with the
// shipped rules (FWCTL_RULES_DIR is set to rules/ by CTest).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "report/schema_validator.hpp"
#include "report/yaml_reader.hpp"
#include "tests/e2e/run_command.hpp"

using e2e::run;
using e2e::run_report_in_lab;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json parsed(const e2e::Outcome& o)
{
    auto doc = fwctl::report::yaml_to_json(o.out, "stdout");
    REQUIRE_MESSAGE(doc, o.err);
    return *doc;
}

json valid_report(const e2e::Outcome& o)
{
    json doc = parsed(o);
    const auto violations = fwctl::report::report_schema().validate(doc);
    CHECK_MESSAGE(violations.empty(), fwctl::report::summarize(violations));
    return doc;
}

std::multiset<std::string> ids_and_devices(const json& findings)
{
    std::multiset<std::string> out;
    for (const auto& f : findings) {
        out.insert(f["id"].get<std::string>() + " " + (f["device"].is_null() ? "-" : f["device"].get<std::string>()));
    }
    return out;
}

// The top-level keys in the order the YAML text shows them.
std::vector<std::string> top_level_keys(const std::string& yaml)
{
    std::vector<std::string> keys;
    std::size_t pos = 0;
    while (pos < yaml.size()) {
        const auto end = yaml.find('\n', pos);
        const std::string line = yaml.substr(pos, end - pos);
        if (!line.empty() && line[0] != ' ' && line[0] != '-' && line.find(':') != std::string::npos) {
            keys.push_back(line.substr(0, line.find(':')));
        }
        pos = end == std::string::npos ? yaml.size() : end + 1;
    }
    return keys;
}

}  // namespace

TEST_CASE("findings: the mixed lab leads with staged firmware, PCI-visible settings, a pending change and the privilege gap")
{
    const auto o = run_report_in_lab("mixed", {});
    CHECK(o.exit_code == 1);  // fwctl1's refusals are errors
    const json doc = valid_report(o);
    const auto keys = top_level_keys(o.out);
    REQUIRE(keys.size() >= 3);
    CHECK(keys[0] == "schema_version");
    CHECK(keys[1] == "tool");
    CHECK(keys[2] == "findings");

    const auto found = ids_and_devices(doc["findings"]);
    CHECK(found.count("FWCTL-FW-PENDING-ACTIVATION fwctl0") == 1);
    CHECK(found.count("FWCTL-FW-PENDING-ACTIVATION fwctl3") == 1);
    CHECK(found.count("FWCTL-CFG-PCI-NONDEFAULT fwctl0") == 2);  // SRIOV_EN, NUM_OF_VFS
    CHECK(found.count("FWCTL-CFG-PENDING fwctl0") == 1);         // NUM_OF_VFS 8 -> 16
    CHECK(found.count("FWCTL-MLX5-NO-TOOLS-RESOURCES fwctl1") == 1);
    CHECK(found.count("FWCTL-DEVICE-NO-PLUGIN fwctl5") == 1);
    CHECK(found.count("FWCTL-TAINT-CHANGED-DURING-RUN -") == 0);  // the run tainted nothing
    CHECK(found.count("FWCTL-LOCKDOWN-ACTIVE -") == 0);           // lockdown none
    CHECK(doc["devices_without_fwctl"] == json::array());
    CHECK(doc["findings"][0]["severity"] == "warning");  // nothing critical: most severe first
}

TEST_CASE("findings: --findings-only prints just the findings; --fail-on sets exit 4")
{
    const auto only = run_report_in_lab("mixed", {"--findings-only"});
    CHECK(only.exit_code == 1);
    const json doc = parsed(only);
    CHECK(doc.size() == 1);
    REQUIRE(doc.contains("findings"));
    CHECK(doc["findings"].size() >= 8);

    const auto json_only = run_report_in_lab("mixed", {"--findings-only", "--format", "json"});
    CHECK(json::parse(json_only.out)["findings"] == doc["findings"]);

    CHECK(run_report_in_lab("mixed", {"--findings-only", "--fail-on", "warning"}).exit_code == 4);
    CHECK(run_report_in_lab("mixed", {"--fail-on", "critical"}).exit_code == 1);  // no critical: the errors decide
    CHECK(run_report_in_lab("no-fwctl", {"--fail-on", "notice"}).exit_code == 4);
    CHECK(run_report_in_lab("no-fwctl", {"--fail-on", "warning"}).exit_code == 0);
}

TEST_CASE("findings: usage errors for the new options")
{
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"--fail-on", "loud"}, {"--findings-only", "--tar"}, {"--findings-only", "--list"},
             {"--rules-dir", ""}}) {
        std::vector<std::string> argv{FWCTL_REPORT_BIN};
        argv.insert(argv.end(), args.begin(), args.end());
        const auto o = run(argv);
        CAPTURE(args.front());
        CHECK(o.exit_code == 2);
        CHECK(o.err.rfind("fwctl-report: ", 0) == 0);
    }
    const auto help = run({FWCTL_REPORT_BIN, "--help"});
    for (const char* word : {"--findings-only", "--fail-on", "--rules-dir", "4 report written"}) {
        CHECK_MESSAGE(help.out.find(word) != std::string::npos, word);
    }
}

TEST_CASE("findings: a kernel without fwctl lists the capable PCI functions and says why they are missing")
{
    const auto o = run_report_in_lab("no-fwctl", {});
    CHECK(o.exit_code == 0);
    const json doc = valid_report(o);
    CHECK(doc["devices"] == json::array());
    const json& missing = doc["devices_without_fwctl"];
    REQUIRE(missing.size() == 3);  // not the e1000e: no fwctl support
    CHECK(missing[0]["address"] == "0000:05:00.0");
    CHECK(missing[0]["driver"] == "mlx5_core");
    CHECK(missing[0]["fwctl_driver"] == "mlx5_fwctl");
    CHECK(missing[0]["reason"] == "no_fwctl_in_kernel");
    CHECK(missing[0]["pci"]["device_id"] == "0x101d");
    CHECK(missing[2]["driver"] == "bnxt_en");
    CHECK(missing[2]["fwctl_driver"] == "bnxt_fwctl");

    const auto found = ids_and_devices(doc["findings"]);
    CHECK(found.count("FWCTL-NO-FWCTL-IN-KERNEL -") == 1);  // one for the host, naming all three
    for (const auto& f : doc["findings"]) {
        if (f["id"] == "FWCTL-NO-FWCTL-IN-KERNEL") {
            CHECK(f["message"].get<std::string>().starts_with(
                "PCI functions with fwctl-capable drivers (mlx5_core, bnxt_en: 0000:05:00.0, 0000:05:00.1, "
                "0000:41:00.0) are not in this report"));
        }
    }
    CHECK(found.count("FWCTL-LOCKDOWN-ACTIVE -") == 1);  // lockdown integrity
    CHECK(found.count("FWCTL-FWCTL-DRIVER-NOT-LOADED 0000:41:00.0") == 0);
}

TEST_CASE("findings: fwctl present but the vendor's fwctl driver not loaded")
{
    const auto o = run_report_in_lab("fwctl-driver-missing", {});
    const json doc = valid_report(o);
    REQUIRE(doc["devices"].size() == 1);
    const json& missing = doc["devices_without_fwctl"];
    REQUIRE(missing.size() == 1);  // the ConnectX-7 has its fwctl device
    CHECK(missing[0]["address"] == "0000:41:00.0");
    CHECK(missing[0]["reason"] == "fwctl_driver_not_loaded");
    const auto found = ids_and_devices(doc["findings"]);
    CHECK(found.count("FWCTL-FWCTL-DRIVER-NOT-LOADED 0000:41:00.0") == 1);
    CHECK(found.count("FWCTL-NO-FWCTL-IN-KERNEL 0000:41:00.0") == 0);
}

TEST_CASE("findings: a broken rules file becomes an error entry; the report is still written")
{
    e2e::TempDir dir;
    for (const auto& entry : fs::directory_iterator(std::string(FWCTL_SOURCE_DIR) + "/rules")) {
        if (entry.path().extension() == ".yaml") {
            fs::copy_file(entry.path(), dir.path / entry.path().filename());
        }
    }
    std::ofstream(dir.path / "site.yaml") << "rules_version: 1\nrules:\n"
                                             "  - {id: FWCTL-SITE-X, severity: urgent, subject: s, message: m}\n";
    std::ofstream(dir.path / "zz-broken.yaml") << "rules: [unclosed\n";
    const auto o = run_report_in_lab("no-fwctl", {"--rules-dir", dir.path.string()});
    CHECK(o.exit_code == 1);
    const json doc = valid_report(o);
    REQUIRE(doc["errors"].size() == 2);
    CHECK(doc["errors"][0]["stage"] == "rules");
    CHECK(doc["errors"][0]["what"].get<std::string>().ends_with("site.yaml rule 1 (FWCTL-SITE-X) key 'severity'"));
    CHECK(doc["errors"][1]["what"].get<std::string>().ends_with("zz-broken.yaml"));
    CHECK(ids_and_devices(doc["findings"]).count("FWCTL-RULES-ERROR -") == 2);
    CHECK(ids_and_devices(doc["findings"]).count("FWCTL-NO-FWCTL-IN-KERNEL -") == 1);

    const auto nowhere = run_report_in_lab("no-fwctl", {"--rules-dir", "/nonexistent/rules"});
    CHECK(nowhere.exit_code == 1);
    const json bare = valid_report(nowhere);
    CHECK(bare["findings"] == json::array());
    CHECK(bare["errors"][0]["message"].get<std::string>().starts_with("no rules directory found"));
}

TEST_CASE("findings: archives and output directories carry the same findings in report.yaml")
{
    e2e::TempDir dir;
    const auto o = run_report_in_lab("mixed", {"--output-dir", (dir.path / "out").string(), "--fail-on", "warning"});
    CHECK(o.exit_code == 4);
    auto doc = fwctl::report::yaml_to_json(e2e::read_text(dir.path / "out" / "report.yaml"), "report.yaml");
    REQUIRE(doc);
    CHECK((*doc)["findings"].size() >= 8);
    const auto validated = run({FWCTL_REPORT_BIN, "--validate", (dir.path / "out").string()});
    CHECK_MESSAGE(validated.exit_code == 0, validated.out << validated.err);
}

TEST_CASE("findings: --summary leads with them; diff leads with the findings that came and went")
{
    const auto summary = run_report_in_lab("mixed", {"--summary"});
    CHECK(summary.exit_code == 1);
    const auto pending = summary.out.find("  warning  fwctl0  FWCTL-FW-PENDING-ACTIVATION  firmware 28.41.1000\n");
    CHECK(pending != std::string::npos);
    CHECK(summary.out.find("  warning  fwctl1  FWCTL-MLX5-NO-TOOLS-RESOURCES  TOOLS_RESOURCES\n") != std::string::npos);
    CHECK(pending < summary.out.find("\nDEVICE  TYPE"));
    CHECK(run_report_in_lab("mixed", {"--summary", "--fail-on", "warning"}).exit_code == 4);

    e2e::TempDir dir;
    const auto before = (dir.path / "before").string();
    const auto after = (dir.path / "after").string();
    CHECK(run_report_in_lab("no-fwctl", {"--output-dir", before}).exit_code == 0);
    CHECK(run_report_in_lab("mixed", {"--output-dir", after}).exit_code == 1);
    const auto diff = run({FWCTL_REPORT_BIN, "diff", before, after});
    CAPTURE(diff.err);
    CHECK(diff.exit_code == 1);
    CHECK(diff.out.rfind("findings new in " + after + ":\n", 0) == 0);
    const auto gone = diff.out.find("findings gone since " + before + ":\n");
    REQUIRE(gone != std::string::npos);
    const auto new_pending = diff.out.find("FWCTL-FW-PENDING-ACTIVATION");
    CHECK(new_pending < gone);
    CHECK(diff.out.find("host    FWCTL-NO-FWCTL-IN-KERNEL") > gone);
    // The structured diff document keeps its own format: no findings in it.
    const auto as_json = run({FWCTL_REPORT_BIN, "diff", "--format", "json", before, after});
    CHECK(as_json.out.find("FWCTL-") == std::string::npos);
}
