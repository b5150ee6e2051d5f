// --summary: the finished report document as the compact terminal table of
// report/summary instead of YAML, led by its findings.
#pragma once

#include "report/document.hpp"

namespace fwctl::cli {

// Prints the summary on stdout and returns `exit_code` (the report's), or 3
// when the document breaks the schema or stdout cannot be written.
int print_summary(const report::Document& doc, int exit_code);

}  // namespace fwctl::cli
