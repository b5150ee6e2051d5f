// Firmware identity of a CXL device, from its memdev's sysfs attributes
// (Documentation/ABI/testing/sysfs-bus-cxl, drivers/cxl/core/memdev.c): CXL fwctl
// passes only the Features commands, so nothing about firmware comes through it.
// Pure: the collector reads the attributes (Plugin::parent_attributes).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "collector/snapshot.hpp"

namespace fwctl::plugins::cxl {

// The memdev attributes the plugin asks the collector for. Read-only ones only:
// never security/sanitize, security/erase, trigger_poison_list or firmware/.
std::span<const std::string_view> memdev_attributes();

struct MemdevFirmware {
    Tree firmware;     // running, stored, pending_activation, memdev{...}
    std::string note;  // notes.firmware: where it comes from and what is missing
};

MemdevFirmware memdev_firmware(const DeviceIdentity& identity);

}  // namespace fwctl::plugins::cxl
