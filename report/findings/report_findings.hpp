// Puts findings into a report document: `findings` right after
// schema_version and tool, so a reader sees them first, and the rules' own
// errors (stage "rules") appended to the top-level `errors`.
#pragma once

#include "report/document.hpp"
#include "report/findings/engine.hpp"
#include "report/findings/rules_file.hpp"

namespace fwctl::report::findings {

// Evaluates `rules` over `report` and returns the document with `findings`
// in place (an existing `findings` key, from a saved report, is replaced).
Document with_findings(Document report, const RuleSet& rules);

// True when `findings` holds one at `threshold` or above (--fail-on).
bool has_finding_at_or_above(const Json& findings, Severity threshold);

}  // namespace fwctl::report::findings
