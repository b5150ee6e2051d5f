// Labs built on the fly from the clean run's lab: many copies of its devices,
// each with its own fault, so one fwctl-sim run covers a whole column of the
// matrix instead of one run per (device, RPC, fault).
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_command.hpp"

namespace faults {

using nlohmann::ordered_json;

// `base` renamed fwctl<n> (minor n), on its own PCI address and CXL memdev,
// so that any number of copies can sit in one lab.
ordered_json copy_device(const ordered_json& base, int n);

// The report of fwctl-report --format json on `lab_doc` (the base lab's
// settings with `devices` replaced), and how the run ended.
struct LabRun {
    e2e::Outcome outcome;
    ordered_json report;  // null when stdout was not JSON
    std::string lab_yaml; // kept for failure messages
};
LabRun run_lab(const ordered_json& lab_doc, const std::vector<std::string>& extra_args = {});

// The device of that name in a report, or null.
const ordered_json* find_device(const ordered_json& report, const std::string& name);

}  // namespace faults
