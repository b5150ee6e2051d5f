#include "report/bundle.hpp"

#include <set>

#include "report/document.hpp"
#include "report/generated/schema_text.hpp"
#include "report/generated/version.hpp"
#include "report/redact/redactor.hpp"
#include "report/schema_validator.hpp"
#include "report/sha256.hpp"
#include "report/yaml_writer.hpp"

namespace fwctl::report {

namespace {

constexpr std::string_view readme_text =
    "This is an fwctl-report bundle: the state of the fwctl devices of one host (report.yaml, one file per device in devices/).\n"
    "Validate it with 'fwctl-report --validate <this archive or directory>'; the schema it was checked against is in schema/.\n";

constexpr std::string_view redacted_readme_text =
    "It was written with --redact: host name, serial numbers, MAC addresses and GUIDs are replaced by tokens "
    "(the same value, the same token; see `redaction` in report.yaml and manifest.yaml).\n";

Result<void> validated(const Document& doc, bool device, std::string_view where)
{
    // validate_device takes the unordered tree; key order does not matter to the schema.
    const auto violations = device ? report_schema().validate_device(nlohmann::json(doc))
                                   : report_schema().validate(doc);
    if (violations.empty()) {
        return {};
    }
    std::string detail = "internal error: the generated document does not match the schema (a bug in "
                         "fwctl-report; please report it): ";
    detail += violations.front().path + ": " + violations.front().message;
    return fail(Errc::schema_violation, std::string(where), detail);
}

}  // namespace

std::string safe_name(std::string_view text)
{
    std::string out;
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '_' || c == '-';
        out += ok ? c : '_';
    }
    if (out.empty() || out.front() == '.') {
        out.insert(out.begin(), '_');
    }
    return out.substr(0, 200);
}

std::string compact_stamp(std::string_view rfc3339)
{
    std::string out;
    for (char c : rfc3339) {
        if (c != '-' && c != ':') {
            out += c;
        }
    }
    return out;
}

Result<Bundle> make_bundle(const Snapshot& snapshot, redact::Redactor* redactor)
{
    Document report = to_document(snapshot);
    if (redactor) {
        redactor->redact_report(report);
    }
    return make_bundle(report, redactor);
}

Result<Bundle> make_bundle(const Document& report, const redact::Redactor* redactor)
{
    FWCTL_TRY(validated(report, false, "report.yaml"));

    Bundle bundle;
    // From the document: a redacted bundle's name must not carry the host name.
    bundle.top = "fwctl-report-" + safe_name(report["host"]["hostname"].get<std::string>()) + "-" +
                 compact_stamp(report["collected_at"].get<std::string>());
    bundle.members.push_back({"report.yaml", to_yaml(report)});

    std::set<std::string> used;
    for (const auto& device : report["devices"]) {
        const std::string device_name = device["name"].get<std::string>();
        std::string name = safe_name(device_name);
        // Distinct devices must not overwrite each other's file.
        for (int n = 2; used.contains(name); ++n) {
            name = safe_name(device_name) + "-" + std::to_string(n);
        }
        used.insert(name);
        FWCTL_TRY(validated(device, true, "devices/" + name + ".yaml"));
        bundle.members.push_back({"devices/" + name + ".yaml", to_yaml(device)});
    }
    bundle.members.push_back({"schema/fwctl-report.schema.json", std::string(schema_text)});
    bundle.members.push_back(
        {"README", std::string(readme_text) + std::string(redactor ? redacted_readme_text : "")});

    nlohmann::ordered_json members = nlohmann::ordered_json::array();
    for (const auto& m : bundle.members) {
        members.push_back({{"path", m.path}, {"size", m.content.size()}, {"sha256", sha256_hex(m.content)}});
    }
    nlohmann::ordered_json manifest = {{"manifest_version", 1},
                                       {"tool", {{"name", tool_name}, {"version", tool_version}}},
                                       {"schema_version", schema_version},
                                       {"created_at", report["collected_at"]},
                                       {"redacted", redactor != nullptr},
                                       {"members", members}};
    if (redactor) {
        manifest["redaction"] = redactor->summary();
    }
    const auto manifest_violations = manifest_schema().validate(manifest);
    if (!manifest_violations.empty()) {
        return fail(Errc::schema_violation, "manifest.yaml",
                    "internal error: the manifest does not match its schema: " +
                        manifest_violations.front().path + ": " + manifest_violations.front().message);
    }
    bundle.members.push_back({"manifest.yaml", to_yaml(manifest)});
    return bundle;
}

}  // namespace fwctl::report
