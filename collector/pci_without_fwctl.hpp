// PCI functions whose driver has fwctl support but that have no fwctl device.
// On a distro kernel older than 6.15, or one without the vendor's fwctl module
// loaded, `devices` is empty and the report would say nothing about the
// hardware; this list says which devices could be reported, and why they
// are not. Only sysfs is read (libudev); no device is opened.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "collector/error.hpp"
#include "collector/snapshot.hpp"

namespace fwctl {

// The kernel code that creates the fwctl device for a PCI driver:
// mlx5_core -> mlx5_fwctl, bnxt_en -> bnxt_fwctl, pds_core -> pds_fwctl,
// cxl_pci -> cxl_core (CXL Features support). nullopt for other drivers.
std::optional<std::string_view> fwctl_driver_for(std::string_view pci_driver);

// no_fwctl_in_kernel, fwctl_driver_not_loaded or not_offered (schema: device_without_fwctl.reason).
std::string_view classify_missing_fwctl(bool fwctl_class_exists, bool fwctl_driver_loaded);

// Every PCI function bound to an fwctl-capable driver whose address is not
// the PCI parent (or ancestor) of one of `fwctl_devices`, in address order.
// Odd sysfs attributes go to `errors`; only a failure of libudev is an Error.
Result<std::vector<DeviceWithoutFwctl>> find_devices_without_fwctl(std::span<const DeviceIdentity> fwctl_devices,
                                                                   std::vector<ErrorEntry>& errors);

}  // namespace fwctl
