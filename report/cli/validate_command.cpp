// --validate: what a support engineer runs on what a customer sent. Checks
// every document against the compiled-in schema and, for archives and
// directories, every manifest size and sha256. Prints one line per problem
// ("<file>: <path>: <why>") and a verdict; exit 0 only if all is valid.
#include <cstdio>
#include <set>

#include "report/cli/commands.hpp"
#include "report/cli/exit_codes.hpp"
#include "report/report_loader.hpp"
#include "report/schema_validator.hpp"
#include "report/sha256.hpp"

namespace fwctl::cli {

namespace {

using report::LoadedDocument;
using report::LoadedInput;

std::vector<report::Violation> check_document(const LoadedDocument& d)
{
    switch (d.kind) {
    case LoadedDocument::Kind::report: return report::report_schema().validate(d.doc);
    case LoadedDocument::Kind::device: return report::report_schema().validate_device(d.doc);
    case LoadedDocument::Kind::manifest: return report::manifest_schema().validate(d.doc);
    }
    return {};
}

// The manifest must list exactly the bundle's other files, with true sizes and sums.
std::vector<std::string> check_manifest(const LoadedInput& input)
{
    std::vector<std::string> problems;
    const LoadedDocument* manifest = nullptr;
    bool has_report = false;
    for (const auto& d : input.documents) {
        if (d.kind == LoadedDocument::Kind::manifest) manifest = &d;
        if (d.kind == LoadedDocument::Kind::report) has_report = true;
    }
    if (!has_report) {
        problems.push_back("report.yaml: missing from the bundle");
    }
    if (manifest == nullptr) {
        problems.push_back("manifest.yaml: missing from the bundle");
        return problems;
    }
    if (!manifest->doc.contains("members") || !manifest->doc["members"].is_array()) {
        return problems;  // the schema check already reports this
    }
    std::set<std::string> listed;
    for (const auto& m : manifest->doc["members"]) {
        if (!m.is_object() || !m.contains("path") || !m["path"].is_string()) {
            continue;
        }
        const std::string path = m["path"];
        listed.insert(path);
        auto it = input.raw_members.find(path);
        if (it == input.raw_members.end()) {
            problems.push_back(path + ": listed in the manifest but missing");
            continue;
        }
        if (m.contains("size") && m["size"] != it->second.size()) {
            problems.push_back(path + ": size differs from the manifest");
        }
        if (m.contains("sha256") && m["sha256"] != report::sha256_hex(it->second)) {
            problems.push_back(path + ": sha256 differs from the manifest (the file was changed or damaged)");
        }
    }
    for (const auto& [path, bytes] : input.raw_members) {
        if (path != "manifest.yaml" && !listed.contains(path)) {
            problems.push_back(path + ": present but not listed in the manifest");
        }
    }
    return problems;
}

}  // namespace

int run_validate(const Options& options)
{
    const std::string path = *options.validate_path;
    auto input = report::load_for_validation(path);
    if (!input) {
        const auto& e = input.error();
        if (e.code == Errc::not_found || e.code == Errc::io) {
            print_error(e.message());
            return exit_not_written;
        }
        std::printf("INVALID %s: %s\n", path.c_str(), e.message().c_str());
        return exit_partial;
    }

    std::size_t problems = 0;
    for (const auto& d : input->documents) {
        const auto violations = check_document(d);
        for (const auto& v : violations) {
            std::printf("INVALID %s: %s\n", d.name.c_str(), v.to_string().c_str());
        }
        problems += violations.size();
    }
    if (input->source != LoadedInput::Source::file) {
        for (const auto& p : check_manifest(*input)) {
            std::printf("INVALID %s\n", p.c_str());
            ++problems;
        }
    }
    if (input->documents.empty()) {
        std::printf("INVALID %s: no report documents found\n", path.c_str());
        ++problems;
    }
    if (problems == 0) {
        std::printf("valid: %s (%zu document%s, schema v1)\n", path.c_str(), input->documents.size(),
                    input->documents.size() == 1 ? "" : "s");
        return exit_ok;
    }
    std::printf("%s is not valid: %zu problem%s\n", path.c_str(), problems, problems == 1 ? "" : "s");
    return exit_partial;
}

}  // namespace fwctl::cli
