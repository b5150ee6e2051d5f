// Turns one CXL feature (its Get Supported Features entry and the values read with
// Get Feature) into `config_entry` objects. Pure: no I/O.
//
// Mapping: default = selection 1 (default value), current = selection 0, next_boot =
// selection 2 (the saved value, which the device keeps across reset). A known layout
// gives one entry per decoded field ("patrol_scrub.scrub_cycle_hours"), with the
// feature's bytes in `raw`; anything else one entry with the bytes as hex values.
#pragma once

#include "collector/snapshot.hpp"
#include "plugins/cxl/cxl_reads.hpp"
#include "plugins/cxl/cxl_wire.hpp"

namespace fwctl::plugins::cxl {

struct FeatureReads {
    ValueRead current;        // selection 0
    ValueRead default_value;  // selection 1
    ValueRead saved;          // selection 2
};

// The vendor keys every entry of the feature carries (feature_index, changeable, ...).
Tree feature_attributes(const FeatureEntry& entry);

// A JSON array of config_entry objects (at least one).
Tree feature_config_entries(const FeatureEntry& entry, const FeatureReads& reads);

}  // namespace fwctl::plugins::cxl
