// Builds a lab's sysfs, /dev and kernel files in a umockdev testbed.
//
// Layout per device (as the real kernel has it):
//   /sys/devices/pci0000:00/<addr>                     subsystem pci, attrs, driver link
//   /sys/devices/pci0000:00/<addr>/memN                (CXL) subsystem cxl, driver cxl_mem
//   <parent>/fwctl/fwctlN  or  /sys/devices/virtual/fwctl/fwctlN   subsystem fwctl,
//       dev=MAJ:MIN, uevent DEVNAME/MAJOR/MINOR, `device` link to the parent
//   /dev/fwctl/fwctlN                                  empty file + attached ioctl handler
// plus /proc/sys/kernel/tainted, /sys/kernel/security/lockdown, /sys/module/<m>/taint.
#pragma once

#include <expected>
#include <memory>
#include <string>

#include <umockdev.h>

#include "tests/sim/glib_ptr.hpp"
#include "tests/sim/lab.hpp"

namespace fwctl::sim {

class Testbed {
public:
    // Must run in a process that has libumockdev-preload loaded (see preload.hpp):
    // umockdev checks parent devices through the redirected /sys.
    static std::expected<std::unique_ptr<Testbed>, std::string> create(const Lab& lab,
                                                                       UMockdevIoctlBase* handler);

    const std::string& root() const { return root_; }
    // Rewrites /proc/sys/kernel/tainted (decimal and newline, like the kernel prints it).
    bool write_taint(uint64_t taint) const;

private:
    Testbed(GObjectPtr<UMockdevTestbed> tb, std::string root) : tb_(std::move(tb)), root_(std::move(root)) {}
    std::expected<void, std::string> add_device(const LabDevice& dev, uint32_t major,
                                                UMockdevIoctlBase* handler);
    std::expected<std::string, std::string> add_parent(const ParentSpec& parent);

    GObjectPtr<UMockdevTestbed> tb_;  // unref removes the directory and stops the worker
    std::string root_;
};

}  // namespace fwctl::sim
