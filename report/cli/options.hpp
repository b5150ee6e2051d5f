// Command-line options (Boost.Program_options). Parsing only: no I/O here
// beyond --help/--version text, which the caller prints.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "collector/error.hpp"

namespace fwctl::cli {

enum class Command { report, list, validate, diff, help, version };

struct Options {
    Command command = Command::report;
    std::string format = "yaml";                 // stdout format: yaml | json
    std::vector<std::string> devices;            // --device, empty = all
    std::optional<std::string> tar;              // --tar [PATH]; "" = default name
    std::string compress = "xz";
    std::optional<std::string> output_dir;
    std::optional<std::string> validate_path;
    bool force = false;
    bool quiet = false;                          // no progress on the terminal
    bool redact = false;                         // --redact (also implied by --redact-key)
    std::optional<std::string> redact_key;       // --redact-key FILE: tokens stable across reports
    unsigned jobs = 0;                           // --jobs; 0 = collector's default
    double timeout_s = 10;                       // --timeout per device; 0 = none
    double max_time_s = 100;                     // --max-time for all devices; 0 = none
    bool findings_only = false;                  // print only the findings
    std::optional<std::string> fail_on;          // --fail-on: notice | warning | critical
    std::optional<std::string> rules_dir;        // --rules-dir, else $FWCTL_RULES_DIR, else installed
    std::string help_text;                       // filled for Command::help
    bool summary = false;                        // --summary: a terminal table, not YAML
    bool format_given = false;                   // --format on the command line (diff: table otherwise)
    std::vector<std::string> diff_paths;         // diff A B
};

// Errc::invalid_input with a one-line message on bad usage.
Result<Options> parse_options(int argc, const char* const* argv);

}  // namespace fwctl::cli
