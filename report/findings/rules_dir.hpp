// Where the rules come from: every *.yaml file of one directory, in name order
// (host.yaml, common.yaml and one file per vendor ship in rules/).
//
// The directory is, first found: --rules-dir, $FWCTL_RULES_DIR, the installed
// /usr/share/fwctl-report/rules, and the source tree's rules/ (for a build
// that runs uninstalled). A missing or unreadable directory or file becomes an
// error entry, never a failed run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/findings/rules_file.hpp"

namespace fwctl::report::findings {

// The candidates in the order above; `explicit_dir` is --rules-dir.
std::vector<std::string> rules_dir_candidates(const std::optional<std::string>& explicit_dir);

// Loads every rules file of the first candidate that exists. When an explicit
// directory (option or environment) is given, only that one is tried.
RuleSet load_rules(const std::optional<std::string>& explicit_dir);

// Loads the *.yaml files of `dir`. Rule ids must be unique across files: a
// second rule with a known id is left out with an error entry.
RuleSet load_rules_from(const std::string& dir);

}  // namespace fwctl::report::findings
