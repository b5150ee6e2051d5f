#include "report/findings/report_findings.hpp"

#include "collector/errno_name.hpp"

namespace fwctl::report::findings {

Document with_findings(Document report, const RuleSet& rules)
{
    if (!report.is_object()) {
        return report;
    }
    Document errors = report.contains("errors") && report["errors"].is_array() ? report["errors"] : Document::array();
    for (const auto& e : rules.errors) {
        errors.push_back({{"stage", e.stage},
                          {"what", e.what},
                          {"errno", e.sys_errno ? Document(e.sys_errno) : Document(nullptr)},
                          {"errno_name", e.sys_errno ? Document(errno_name(e.sys_errno)) : Document(nullptr)},
                          {"message", e.message}});
    }
    report.erase("findings");
    report["errors"] = errors;
    // Evaluated after the rules' errors are in place, so a rule can report them.
    Json found = evaluate(rules.rules, report);

    Document out = Document::object();
    // Room for every key first, and for those added later (`redaction`): a
    // growing ordered_json object copies the values already in it (see
    // object_with_room in report/document.cpp).
    out.get_ref<Document::object_t&>().reserve(report.size() + 8);
    for (const char* first : {"schema_version", "tool"}) {
        if (report.contains(first)) {
            out[first] = report[first];
        }
    }
    out["findings"] = std::move(found);
    // Moved, not copied: the report is the largest thing the tool holds.
    for (auto& [key, value] : report.items()) {
        if (!out.contains(key)) {
            out[key] = std::move(value);
        }
    }
    return out;
}

bool has_finding_at_or_above(const Json& findings, Severity threshold)
{
    const auto highest = highest_severity(findings);
    return highest && *highest >= threshold;
}

}  // namespace fwctl::report::findings
