// --summary: the collected snapshot as the compact terminal table of
// report/summary instead of YAML.
#pragma once

#include "collector/snapshot.hpp"

namespace fwctl::cli {

// Prints the summary on stdout; the exit code is the report's (0, or 1 when
// something failed), 3 when stdout cannot be written.
int print_summary(const Snapshot& snapshot);

}  // namespace fwctl::cli
