#include "report/cli/summary_output.hpp"

#include <cstdio>

#include "report/cli/commands.hpp"
#include "report/cli/exit_codes.hpp"
#include "report/document.hpp"
#include "report/findings/findings_block.hpp"
#include "report/schema_validator.hpp"
#include "report/summary.hpp"

namespace fwctl::cli {

int print_summary(const report::Document& doc, int exit_code)
{
    // The same check as the full report: a summary of a document that breaks
    // the schema would hide the bug.
    if (const auto violations = report::report_schema().validate(doc); !violations.empty()) {
        print_error("internal error: the report does not match its schema (a bug; please report it): " +
                    violations.front().to_string());
        return exit_not_written;
    }
    report::SummaryOptions summary_options;
    summary_options.colour = report::use_colour_on_stdout();
    summary_options.lead.push_back(report::findings::findings_block(doc.value("findings", report::Document::array())));
    const std::string text = report::render_summary(nlohmann::json(doc), summary_options);
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        print_error("cannot write the summary to standard output");
        return exit_not_written;
    }
    return exit_code;
}

}  // namespace fwctl::cli
