// Finds fwctl devices through libudev and reads their identity from sysfs.
// No ioctl is issued here: `fwctl-report --list` uses only this.
#pragma once

#include <map>
#include <span>
#include <string_view>
#include <vector>

#include "collector/error.hpp"
#include "collector/snapshot.hpp"

struct udev_device;

namespace fwctl {

// All devices of the `fwctl` class, in natural name order (fwctl2 < fwctl10).
// Odd sysfs (missing parent, unreadable attributes) is recorded in each
// identity's `errors`; only a failure of libudev itself is an Error.
Result<std::vector<DeviceIdentity>> enumerate_fwctl_devices();

// The parent's sysfs attributes named in `names`, read through libudev
// (values trimmed, invalid UTF-8 escaped). Missing ones are left out.
std::map<std::string, std::string> read_parent_attributes(const DeviceIdentity& identity,
                                                          std::span<const std::string_view> names);

// The PCI identity of a libudev pci device; odd attributes are recorded in
// `errors_to.errors` under `errors_to.name`.
PciIdentity read_pci_identity(udev_device* pci, DeviceIdentity& errors_to);

// Natural order of device names: the numeric suffix compares as a number.
bool device_name_less(const std::string& a, const std::string& b);

}  // namespace fwctl
