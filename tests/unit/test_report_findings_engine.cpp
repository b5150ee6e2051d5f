// The rules language and its loader (report/findings/): paths, conditions,
// templates, group rules, and how a bad rules file is reported without
// stopping anything.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "report/findings/field_path.hpp"
#include "report/findings/message_template.hpp"
#include "report/findings/report_findings.hpp"
#include "report/findings/rules_dir.hpp"
#include "report/schema_validator.hpp"
#include "tests/unit/findings_test_documents.hpp"

using namespace fwctl::report::findings;
using findings_test::mixed_lab_report;
namespace fs = std::filesystem;

namespace {

RuleSet rules_from(const std::string& yaml)
{
    return parse_rules_file(yaml, "test.yaml");
}

Json run(const std::string& yaml, const Json& report)
{
    const RuleSet set = rules_from(yaml);
    for (const auto& e : set.errors) {
        FAIL_CHECK(e.what << ": " << e.message);
    }
    return evaluate(set.rules, report);
}

std::string only_error(const RuleSet& set)
{
    REQUIRE(set.errors.size() == 1);
    CHECK(set.errors[0].stage == "rules");
    return set.errors[0].what + ": " + set.errors[0].message;
}

struct TempDir {
    fs::path path;
    TempDir()
    {
        char tmpl[] = "/tmp/fwctl-rules-XXXXXX";
        path = ::mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(path); }
    void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

const char* const one_rule_head = "rules_version: 1\nrules:\n";

}  // namespace

TEST_CASE("field paths: keys, wildcards and indexes; a missing key reaches nothing")
{
    const Json doc = {{"devices", {{{"name", "a"}, {"tags", {"x", "y"}}}, {{"name", "b"}, {"tags", Json::array()}}}}};
    auto path = [](const char* text) {
        auto p = parse_field_path(text);
        REQUIRE(p);
        return *p;
    };
    CHECK(resolve_value(path("devices[*].name"), doc, {}) == Json{"a", "b"});
    CHECK(resolve_value(path("devices[1].name"), doc, {}) == "b");
    CHECK(resolve_value(path("devices[5].name"), doc, {}).is_null());
    CHECK(resolve_value(path("devices[*].tags[*]"), doc, {}) == Json{"x", "y"});
    CHECK(resolve_value(path("host.lockdown"), doc, {}).is_null());
    const Bindings bound{{"device", &doc["devices"][0]}};
    CHECK(resolve_value(path("device.name"), doc, bound) == "a");
    CHECK(resolve_value(path("device.tags[0]"), doc, bound) == "x");

    for (const char* bad : {"", "a..b", "a.", "[*]", "a[x]", "a[*", "a b", "a.{b}"}) {
        CAPTURE(bad);
        CHECK(!parse_field_path(bad));
    }
}

TEST_CASE("templates: placeholders, alternatives, filters, literal braces; unknown values read 'unknown'")
{
    const Json doc = {{"pci", {{"address", "0000:03:00.1"}}}, {"list", {1, 2, 3}}, {"name", nullptr}, {"id", "0x6"}};
    auto fill = [&](const char* text) {
        auto t = parse_template(text);
        REQUIRE(t);
        return fill_template(*t, doc, {});
    };
    CHECK(fill("at {pci.address|pci_slot}") == "at 0000:03:00");
    CHECK(fill("{list|count} values: {list}") == "3 values: 1, 2, 3");
    CHECK(fill("{name,id}") == "0x6");
    CHECK(fill("{name}") == "unknown");
    CHECK(fill("{{literal}}") == "{literal}");
    CHECK(fill("{list|unique}") == "1, 2, 3");
    CHECK(!parse_template("{pci.address|upper}"));
    CHECK(!parse_template("open {brace"));
    CHECK(!parse_template("stray } brace"));
}

TEST_CASE("conditions: a missing field is null; every test")
{
    const Json doc = {{"devices",
                       {{{"name", "d0"}, {"n", 3}, {"s", "ETH"}, {"flag", true}, {"same", 3}, {"list", {"J", "O"}}},
                        {{"name", "d1"}}}}};
    auto fired = [&](const std::string& condition) {
        const Json found = run(std::string(one_rule_head) + "  - id: FWCTL-T\n    severity: info\n"
                                                            "    for_each: {device: \"devices[*]\"}\n"
                                                            "    when: [" + condition + "]\n"
                                                            "    subject: s\n    message: m\n",
                               doc);
        std::string names;
        for (const auto& f : found) {
            names += f["device"].get<std::string>() + " ";
        }
        return names;
    };
    CHECK(fired("{field: device.n, present: true}") == "d0 ");
    CHECK(fired("{field: device.n, present: false}") == "d1 ");
    CHECK(fired("{field: device.n, equals: 3}") == "d0 ");
    CHECK(fired("{field: device.n, not_equals: 3}") == "d1 ");
    CHECK(fired("{field: device.s, in: [IB, ETH]}") == "d0 ");
    CHECK(fired("{field: device.s, not_in: [IB, ETH]}") == "d1 ");
    CHECK(fired("{field: device.s, in: [null]}") == "d1 ");
    CHECK(fired("{field: device.flag, equals: true}") == "d0 ");
    CHECK(fired("{field: device.s, equals: \"ETH\"}") == "d0 ");
    CHECK(fired("{field: device.list, contains: J}") == "d0 ");
    CHECK(fired("{field: device.list, not_contains: J}") == "d1 ");
    CHECK(fired("{field: device.n, equals_field: device.same}") == "d0 d1 ");  // null == null
    CHECK(fired("{field: device.n, not_equals_field: device.name}") == "d0 d1 ");
    CHECK(fired("{any: [{field: device.n, equals: 3}, {field: device.name, equals: d1}]}") == "d0 d1 ");
    CHECK(fired("{field: \"devices[*].name\", contains: d1}") == "d0 d1 ");
}

TEST_CASE("for_each binds variables in the order their paths need, whatever order they are written in")
{
    const Json doc = {{"devices", {{{"name", "d0"}, {"config", {{{"name", "A"}}, {{"name", "B"}}}}}}}};
    const Json found = run(std::string(one_rule_head) +
                               "  - id: FWCTL-T\n    severity: info\n"
                               "    for_each: {entry: \"device.config[*]\", device: \"devices[*]\"}\n"
                               "    subject: \"{entry.name}\"\n    message: \"{device.name} {entry.name}\"\n",
                           doc);
    REQUIRE(found.size() == 2);
    CHECK(found[1]["message"] == "d0 B");
    CHECK(found[1]["device"] == "d0");  // the bound device names the finding
}

TEST_CASE("a host rule without for_each fires at most once, for no device")
{
    const Json found = run(std::string(one_rule_head) + "  - id: FWCTL-T\n    severity: notice\n"
                                                        "    when: [{field: host.lockdown, equals: integrity}]\n"
                                                        "    subject: lockdown\n    message: \"{host.lockdown}\"\n"
                                                        "    evidence: {mode: host.lockdown}\n",
                           Json{{"host", {{"lockdown", "integrity"}}}});
    REQUIRE(found.size() == 1);
    CHECK(found[0] == Json{{"id", "FWCTL-T"}, {"severity", "notice"}, {"device", nullptr}, {"subject", "lockdown"},
                           {"message", "integrity"}, {"evidence", {{"mode", "integrity"}}}});
}

TEST_CASE("a bad rule is named by file, rule and key, and the good rules of the file still load")
{
    const std::string good = "  - id: FWCTL-GOOD\n    severity: info\n    subject: s\n    message: m\n";
    auto error_for = [&](const std::string& bad) {
        const RuleSet set = rules_from(std::string(one_rule_head) + good + bad);
        CHECK(set.rules.size() == 1);
        return only_error(set);
    };
    CHECK(error_for("  - id: FWCTL-BAD\n    severity: urgent\n    subject: s\n    message: m\n") ==
          "test.yaml rule 2 (FWCTL-BAD) key 'severity': must be info, notice, warning or critical; this rule is not used");
    CHECK(error_for("  - id: bad-id\n    severity: info\n    subject: s\n    message: m\n").starts_with(
        "test.yaml rule 2 (bad-id) key 'id': each rule needs an id like FWCTL-CFG-PCI-NONDEFAULT"));
    CHECK(error_for("  - id: FWCTL-BAD\n    severity: info\n    subject: s\n    message: m\n    colour: red\n")
              .starts_with("test.yaml rule 2 (FWCTL-BAD) key 'colour': unknown key"));
    CHECK(error_for("  - id: FWCTL-BAD\n    severity: info\n    subject: s\n    message: m\n"
                    "    when: [{field: a, greater: 3}]\n")
              .starts_with("test.yaml rule 2 (FWCTL-BAD) key 'when[0].greater': unknown test"));
    CHECK(error_for("  - id: FWCTL-BAD\n    severity: info\n    subject: s\n    message: m\n"
                    "    when: [{field: \"a..b\", equals: 1}]\n")
              .starts_with("test.yaml rule 2 (FWCTL-BAD) key 'when[0].field':"));
    CHECK(error_for("  - id: FWCTL-BAD\n    severity: info\n    subject: s\n    message: \"{a|shout}\"\n")
              .starts_with("test.yaml rule 2 (FWCTL-BAD) key 'message': unknown filter 'shout'"));
    CHECK(error_for("  - id: FWCTL-BAD\n    severity: info\n    subject: s\n")
          == "test.yaml rule 2 (FWCTL-BAD) key 'message': is required; this rule is not used");
    CHECK(error_for("  - id: FWCTL-BAD\n    severity: info\n    subject: s\n    message: m\n    group_by: \"{a}\"\n")
              .starts_with("test.yaml rule 2 (FWCTL-BAD) key 'differs': group_by and differs go together"));
    CHECK(error_for("  - id: FWCTL-BAD\n    severity: info\n    subject: s\n    message: m\n"
                    "    for_each: {a: \"b.x[*]\", b: \"a.y[*]\"}\n")
              .starts_with("test.yaml rule 2 (FWCTL-BAD) key 'for_each': the variables refer to each other"));
    CHECK(error_for("  - id: FWCTL-BAD\n    severity: info\n    subject: s\n    message: m\n"
                    "    when: [{field: a, in: 3}]\n")
              .starts_with("test.yaml rule 2 (FWCTL-BAD) key 'when[0].in': must be a list"));
    CHECK(error_for("  - just a string\n").starts_with("test.yaml rule 2: a rule is a map"));
}

TEST_CASE("a rules file that cannot be read at all is one error, and no rule of it is used")
{
    CHECK(only_error(rules_from("rules: [unclosed")).starts_with("test.yaml: cannot read the rules file"));
    CHECK(only_error(rules_from("- a list\n")).starts_with("test.yaml: not a rules file"));
    CHECK(only_error(rules_from("rules_version: 2\nrules: []\n")).starts_with("test.yaml key 'rules_version': must be 1"));
    CHECK(only_error(rules_from("rules_version: 1\nrulez: []\nrules: []\n")).starts_with("test.yaml key 'rulez': unknown key"));
    CHECK(rules_from("rules_version: 1\nrules: []\n").errors.empty());
}

TEST_CASE("the rules directory: files in name order, ids unique across files, broken files reported")
{
    TempDir dir;
    dir.write("a.yaml", "rules_version: 1\nrules:\n  - {id: FWCTL-A, severity: info, subject: s, message: m}\n");
    dir.write("b.yaml", "rules_version: 1\nrules:\n  - {id: FWCTL-A, severity: info, subject: s, message: again}\n"
                        "  - {id: FWCTL-B, severity: info, subject: s, message: m}\n");
    dir.write("c.yaml", ": not yaml [");
    dir.write("notes.txt", "not a rules file: ignored");
    const RuleSet set = load_rules_from(dir.path.string());
    REQUIRE(set.rules.size() == 2);
    CHECK(set.rules[0].id == "FWCTL-A");
    CHECK(set.rules[0].message.text == "m");
    CHECK(set.rules[1].id == "FWCTL-B");
    REQUIRE(set.errors.size() == 2);
    CHECK(set.errors[0].what == (dir.path / "b.yaml").string() + " rule FWCTL-A");
    CHECK(set.errors[1].what == (dir.path / "c.yaml").string());

    const RuleSet missing = load_rules(std::string("/nonexistent/rules"));
    CHECK(missing.rules.empty());
    CHECK(only_error(missing).starts_with("/nonexistent/rules: no rules directory found"));
}

TEST_CASE("with_findings: findings right after schema_version and tool, rules errors in errors, schema-valid")
{
    TempDir dir;
    dir.write("broken.yaml", "rules_version: 1\nrules:\n  - {id: FWCTL-X, severity: loud, subject: s, message: m}\n");
    RuleSet rules = findings_test::shipped_rules();
    const RuleSet broken = load_rules_from(dir.path.string());
    rules.errors.insert(rules.errors.end(), broken.errors.begin(), broken.errors.end());

    const Json doc = with_findings(mixed_lab_report(), rules);
    auto key = doc.begin();
    CHECK(key.key() == "schema_version");
    CHECK((++key).key() == "tool");
    CHECK((++key).key() == "findings");
    CHECK((++key).key() == "collected_at");
    CHECK(doc["errors"].size() == 1);
    CHECK(doc["errors"][0]["stage"] == "rules");
    CHECK(findings_test::with_id(doc["findings"], "FWCTL-RULES-ERROR").size() == 1);
    const auto violations = fwctl::report::report_schema().validate(doc);
    CHECK_MESSAGE(violations.empty(), fwctl::report::summarize(violations));

    // A saved report with findings gets them evaluated afresh: replaced, not added to.
    const Json again = with_findings(doc, findings_test::shipped_rules());
    CHECK(again["findings"] == doc["findings"]);
    CHECK(again["errors"].size() == 1);
}

TEST_CASE("--fail-on thresholds")
{
    const Json findings = Json{{{"severity", "notice"}}, {{"severity", "warning"}}};
    CHECK(has_finding_at_or_above(findings, Severity::info));
    CHECK(has_finding_at_or_above(findings, Severity::warning));
    CHECK(!has_finding_at_or_above(findings, Severity::critical));
    CHECK(!has_finding_at_or_above(Json::array(), Severity::info));
}
