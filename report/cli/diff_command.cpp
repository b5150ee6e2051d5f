// `fwctl-report diff A B`: loads and validates both reports, compares them
// and prints the differences as a table (default) or as YAML/JSON. Exit
// codes follow diff(1): 0 same, 1 different; 2 usage; 3 unreadable or
// invalid input.
#include <cstdio>

#include "report/cli/commands.hpp"
#include "report/cli/exit_codes.hpp"
#include "report/diff/diff_input.hpp"
#include "report/diff/diff_output.hpp"
#include "report/diff/report_diff.hpp"
#include "report/findings/findings_block.hpp"
#include "report/findings/report_findings.hpp"
#include "report/findings/rules_dir.hpp"
#include "report/terminal_table.hpp"
#include "report/yaml_writer.hpp"

namespace fwctl::cli {

namespace {

// Messages may quote the input (a schema violation names the bad value), so
// they are made safe for the terminal like everything else diff prints.
std::string explain(const Error& error)
{
    switch (error.code) {
    case Errc::not_found:
    case Errc::io: return report::terminal_safe("cannot read " + error.message());
    case Errc::schema_violation: return report::terminal_safe("not a valid fwctl-report report: " + error.message());
    default: return report::terminal_safe(error.message());
    }
}

// The findings B has and A has not, and those A had that B no longer has,
// from the current rules (a saved report's own findings may predate them).
std::vector<report::TextBlock> findings_changes(const nlohmann::json& a, const nlohmann::json& b,
                                                const report::DiffLabels& labels, const Options& options)
{
    namespace findings = report::findings;
    const auto rules = findings::load_rules(options.rules_dir);
    for (const auto& e : rules.errors) {
        print_error("diff: findings rules: " + report::terminal_safe(e.what + ": " + e.message));
    }
    auto findings_of = [&](const nlohmann::json& doc) {
        return findings::with_findings(report::Document::parse(doc.dump()), rules)["findings"];
    };
    const auto in_a = findings_of(a);
    const auto in_b = findings_of(b);
    return {findings::findings_block(findings::findings_not_in(in_b, in_a), "findings new in " + labels.b),
            findings::findings_block(findings::findings_not_in(in_a, in_b), "findings gone since " + labels.a)};
}

// Serials and host names can only be matched between two reports that were
// both unredacted, or both redacted with the same --redact-key: say so when
// that cannot be the case, rather than let devices look added and removed.
void warn_about_redaction(const nlohmann::json& a, const nlohmann::json& b, const report::DiffLabels& labels)
{
    const bool redacted_a = a.contains("redaction");
    const bool redacted_b = b.contains("redaction");
    auto keyed = [](const nlohmann::json& doc) {
        const auto& r = doc["redaction"];
        return r.is_object() && r.contains("keyed") && r["keyed"].is_boolean() && r["keyed"].get<bool>();
    };
    if (redacted_a != redacted_b) {
        print_error("diff: warning: only " + report::terminal_safe(redacted_a ? labels.a : labels.b) +
                    " is redacted, so serial numbers and host names cannot be matched; compare reports "
                    "made the same way");
    } else if (redacted_a && (!keyed(a) || !keyed(b))) {
        print_error("diff: warning: a report was redacted with a random key, so its serial numbers and host "
                    "name cannot be matched; make both with the same --redact-key FILE");
    }
}

}  // namespace

int run_diff(const Options& options)
{
    const std::string& path_a = options.diff_paths.at(0);
    const std::string& path_b = options.diff_paths.at(1);
    auto a = report::load_report_for_diff(path_a);
    if (!a) {
        print_error("diff: " + explain(a.error()));
        return exit_bad_input;
    }
    auto b = report::load_report_for_diff(path_b);
    if (!b) {
        print_error("diff: " + explain(b.error()));
        return exit_bad_input;
    }
    auto diff = report::diff_reports(*a, *b);
    if (!diff) {
        print_error("diff: " + explain(diff.error()));
        return exit_bad_input;
    }

    const report::DiffLabels labels{path_a, path_b};
    warn_about_redaction(*a, *b, labels);
    std::string text;
    if (!options.format_given) {
        report::DiffTableOptions table_options;
        table_options.colour = report::use_colour_on_stdout();
        table_options.lead = findings_changes(*a, *b, labels, options);
        text = report::render_diff_table(*diff, labels, table_options);
    } else {
        const auto doc = report::diff_document(*diff, labels);
        text = options.format == "json"
                   // ASCII only, like the YAML: no byte of the input reaches a terminal raw.
                   ? doc.dump(2, ' ', true, nlohmann::ordered_json::error_handler_t::replace) + "\n"
                   : report::to_yaml(doc);
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        print_error("diff: cannot write to standard output");
        return exit_bad_input;
    }
    return diff->difference_count() == 0 ? exit_ok : exit_different;
}

}  // namespace fwctl::cli
