// The things the tool does. Each returns its exit code and prints its
// own messages (stderr, one line per error).
#pragma once

#include "report/cli/options.hpp"

namespace fwctl::cli {

int run_list(const Options& options);
int run_report(const Options& options);
int run_validate(const Options& options);
int run_diff(const Options& options);

// "fwctl-report: <message>" on stderr.
void print_error(const std::string& message);

}  // namespace fwctl::cli
