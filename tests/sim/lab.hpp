// A lab: the emulated machine described by a YAML file (format in tests/sim/README.md).
// Parsing is strict and complete up front: every error is found before a testbed
// exists, and the run stops with one line naming the file, line and column.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/sim/sim_module.hpp"

namespace fwctl::sim {

// A sysfs attribute (or /sys/module taint entry), in lab order.
struct SysAttr {
    std::string name;
    std::string value;
    bool operator==(const SysAttr&) const = default;
};

// The CXL memory device between the PCI function and a CXL fwctl device.
struct MemdevSpec {
    std::string name;    // "mem0"
    std::string driver;  // "cxl_mem"
    std::vector<SysAttr> attrs;
    bool operator==(const MemdevSpec&) const = default;
};

struct ParentSpec {
    std::string address;               // "0000:03:00.0"
    std::optional<std::string> driver; // bound PCI driver, if any
    std::vector<SysAttr> attrs;
    std::optional<MemdevSpec> memdev;
    bool operator==(const ParentSpec&) const = default;
};

struct LabDevice {
    uint32_t minor = 0;
    std::optional<ParentSpec> parent;  // nullopt: `parent: null` (under /sys/devices/virtual)
    bool create_node = true;           // false: faults.node = missing
    DeviceState state;
};

struct Lab {
    uint32_t major = 511;
    uint64_t taint = 0;
    std::optional<std::string> lockdown;
    std::vector<SysAttr> modules;  // /sys/module/<name>/taint
    bool cap_sys_rawio = true;     // the emulated caller holds CAP_SYS_RAWIO (scope 3)
    bool fwctl_class = true;       // false: no /sys/class/fwctl (a kernel without fwctl)
    std::vector<LabDevice> devices;
    std::vector<ParentSpec> pci_devices;  // PCI functions without an fwctl device
};

// `source` names the file in error messages ("tests/labs/mixed.yaml").
std::expected<Lab, std::string> parse_lab(std::string_view yaml_text, std::string_view source);
std::expected<Lab, std::string> load_lab_file(const std::string& path);

}  // namespace fwctl::sim
