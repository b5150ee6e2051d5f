// The two ways diff shows a DiffResult: a structured document for scripts
// (--format yaml|json; the structure is documented in fwctl-report(8) and
// versioned by `diff_format`) and a short aligned table for people.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/diff/report_diff.hpp"
#include "report/terminal_table.hpp"

namespace fwctl::report {

// What the reader calls A and B (the paths given on the command line).
struct DiffLabels {
    std::string a = "A";
    std::string b = "B";
};

// diff_format 1: a, b, differences, host, taint, devices_added,
// devices_removed, devices_changed, non_default (always all present).
nlohmann::ordered_json diff_document(const DiffResult& diff, const DiffLabels& labels);

struct DiffTableOptions {
    bool colour = false;
    // Printed first, in order, each followed by a blank line (room for a
    // findings list ahead of the differences).
    std::vector<TextBlock> lead;
};

std::string render_diff_table(const DiffResult& diff, const DiffLabels& labels, const DiffTableOptions& options = {});

}  // namespace fwctl::report
