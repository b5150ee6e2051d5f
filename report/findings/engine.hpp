// Evaluates rules over a finished report document (a fresh one or one read
// back from a saved report) and returns the findings, most severe first.
#pragma once

#include <span>

#include "report/findings/rule.hpp"

namespace fwctl::report::findings {

// Each finding: id, severity, device (name or null), subject, message, evidence
// (schema #/definitions/finding). Ties keep rule order, then document order.
Json evaluate(std::span<const Rule> rules, const Json& report);

// The highest severity among `findings`, or nullopt when there are none.
std::optional<Severity> highest_severity(const Json& findings);

}  // namespace fwctl::report::findings
