// Findings as text for people at a terminal: the block that --summary and
// diff print before their tables, one line per finding, most severe first.
#pragma once

#include <string>

#include "report/findings/engine.hpp"
#include "report/terminal_table.hpp"

namespace fwctl::report::findings {

// "warning   fwctl0        FWCTL-FW-PENDING-ACTIVATION  firmware 28.41.1000";
// host-wide findings name the device "host". "none" when the list is empty.
TextBlock findings_block(const Json& findings, std::string title = "findings");

// The findings of `after` that `before` does not have (same id, device and
// subject), in the order of `after`: what a diff should lead with.
Json findings_not_in(const Json& after, const Json& before);

}  // namespace fwctl::report::findings
