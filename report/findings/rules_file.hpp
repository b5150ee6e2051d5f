// Reads and checks one rules file. A bad rule is left out and becomes an
// error entry naming the file, the rule and the key; the other rules of the
// file still load. Nothing here throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "collector/snapshot.hpp"
#include "report/findings/rule.hpp"

namespace fwctl::report::findings {

struct RuleSet {
    std::vector<Rule> rules;
    std::vector<ErrorEntry> errors;  // stage "rules"
};

// `text` is the YAML of one rules file; `file` names it in messages.
RuleSet parse_rules_file(std::string_view text, const std::string& file);

// Checks a rule id: FWCTL-, then upper-case words of letters and digits joined by '-'.
bool is_valid_rule_id(std::string_view id);

inline constexpr int rules_format_version = 1;

}  // namespace fwctl::report::findings
