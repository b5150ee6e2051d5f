#include "collector/pci_without_fwctl.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <filesystem>
#include <set>
#include <utility>

#include "collector/udev_enumerator.hpp"
#include "collector/udev_handles.hpp"
#include "collector/utf8.hpp"

namespace fwctl {

namespace {

namespace fs = std::filesystem;

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> fwctl_drivers{{
    {"mlx5_core", "mlx5_fwctl"},
    {"bnxt_en", "bnxt_fwctl"},
    {"pds_core", "pds_fwctl"},
    {"cxl_pci", "cxl_core"},
}};

// Loaded as a module (/sys/module/<name>), or registered on the auxiliary bus
// (a built-in driver may have no /sys/module entry; its auxiliary driver
// directory is named "<module>.<driver>").
bool fwctl_driver_loaded(std::string_view name)
{
    std::error_code ec;
    if (fs::exists("/sys/module/" + std::string(name), ec)) {
        return true;
    }
    for (fs::directory_iterator it("/sys/bus/auxiliary/drivers", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        if (entry == name || entry.starts_with(std::string(name) + ".")) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::optional<std::string_view> fwctl_driver_for(std::string_view pci_driver)
{
    for (const auto& [pci, fwctl] : fwctl_drivers) {
        if (pci == pci_driver) {
            return fwctl;
        }
    }
    return std::nullopt;
}

std::string_view classify_missing_fwctl(bool fwctl_class_exists, bool fwctl_driver_loaded)
{
    if (!fwctl_class_exists) {
        return "no_fwctl_in_kernel";
    }
    return fwctl_driver_loaded ? "not_offered" : "fwctl_driver_not_loaded";
}

Result<std::vector<DeviceWithoutFwctl>> find_devices_without_fwctl(std::span<const DeviceIdentity> fwctl_devices,
                                                                   std::vector<ErrorEntry>& errors)
{
    std::set<std::string> covered;
    for (const auto& d : fwctl_devices) {
        if (d.parent && d.parent->pci) {
            covered.insert(d.parent->pci->address);
        }
    }
    auto scan = scan_udev_subsystem("pci");
    FWCTL_TRY(scan);
    std::error_code ec;
    const bool class_exists = fs::exists("/sys/class/fwctl", ec);

    std::vector<DeviceWithoutFwctl> found;
    udev_list_entry* entry = nullptr;
    udev_list_entry_foreach(entry, udev_enumerate_get_list_entry(scan->enumerate.get()))
    {
        UdevDevicePtr dev{udev_device_new_from_syspath(scan->udev.get(), udev_list_entry_get_name(entry))};
        if (!dev) {
            continue;  // gone since the scan
        }
        const char* driver = udev_device_get_driver(dev.get());
        const auto fwctl_driver = driver ? fwctl_driver_for(driver) : std::nullopt;
        if (!fwctl_driver) {
            continue;
        }
        DeviceIdentity odd;  // collects odd-attribute errors under the PCI address
        odd.name = escape_to_utf8(udev_device_get_sysname(dev.get()));
        DeviceWithoutFwctl d;
        d.pci = read_pci_identity(dev.get(), odd);
        if (covered.contains(d.pci.address)) {
            continue;
        }
        errors.insert(errors.end(), odd.errors.begin(), odd.errors.end());
        d.driver = driver;
        d.fwctl_driver = std::string(*fwctl_driver);
        d.reason = std::string(classify_missing_fwctl(class_exists, fwctl_driver_loaded(*fwctl_driver)));
        found.push_back(std::move(d));
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.pci.address < b.pci.address; });
    return found;
}

}  // namespace fwctl
