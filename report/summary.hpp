// `fwctl-report --summary`: a compact terminal view of a schema-v1 report
// document, one line per device and the taint line. It reads only the
// document, so it summarises a fresh collection and a saved report alike,
// and it never throws on a malformed one (missing keys show as "?").
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/terminal_table.hpp"

namespace fwctl::report {

struct SummaryOptions {
    bool colour = false;
    // Printed first, in order (for example a findings list), each followed
    // by a blank line.
    std::vector<TextBlock> lead;
};

// Exact text: the device table (DEVICE, TYPE, PCI, RUNNING FW, PENDING FW,
// NON-DEFAULT, ERRORS), then the taint line, then notes on run-level errors
// and on unknown values when there are any.
std::string render_summary(const nlohmann::json& doc, const SummaryOptions& options = {});

// Taint of one run in one line: "taint: before O, after O J (changed during
// the run: new J)"; shared with diff.
std::string taint_line(const nlohmann::json& doc);

// "O J" for a taint snapshot (its flags' letters), "none" when no flag is
// set, "unreadable" when the snapshot is null or malformed.
std::string taint_letters(const nlohmann::json* snapshot);

}  // namespace fwctl::report
