// Which device of report A is which device of report B. Device names
// (fwctl0) are assigned at boot and mean nothing across reports, so devices
// are matched by where they sit (PCI address, or the parent's sysfs name for
// devices without one) and type, then, for a card moved to another slot, by
// serial number. Equal redaction tokens stand for equal serials, so redacted
// reports match the same way.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/diff/report_diff.hpp"

namespace fwctl::report {

struct DeviceMatch {
    std::size_t a = 0;          // index into A's devices
    std::size_t b = 0;          // index into B's devices
    std::string matched_by;     // "address" or "serial"
};

struct DevicePairing {
    std::vector<DeviceMatch> matched;   // in B's order
    std::vector<std::size_t> only_a;    // removed, in A's order
    std::vector<std::size_t> only_b;    // added, in B's order
};

// Pairs the entries of two `devices` arrays (anything else counts as an
// empty list). Same place and type, unless both serials are known and
// differ (another card in the slot); then same serial and type. Runs in
// O(n log n), so a report with very many devices cannot stall it.
DevicePairing pair_devices(const nlohmann::json& devices_a, const nlohmann::json& devices_b);

DeviceRef device_ref(const nlohmann::json& device);

}  // namespace fwctl::report
