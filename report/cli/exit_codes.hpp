// Documented exit codes (man/fwctl-report.8, EXIT STATUS).
#pragma once

namespace fwctl::cli {

enum ExitCode : int {
    exit_ok = 0,            // report written, nothing failed (--validate: valid)
    exit_partial = 1,       // report written, but some device/RPC failed (--validate: invalid)
    exit_usage = 2,         // bad options or device names
    exit_not_written = 3,   // nothing could be written (or an internal error)
    exit_findings = 4,      // report written, and a finding at or above --fail-on exists
    // diff: like diff(1), 0 same and 1 different; 3 when an input cannot be
    // read or is not a valid report (the same code as an internal error).
    exit_different = 1,
    exit_bad_input = 3,
};

}  // namespace fwctl::cli
