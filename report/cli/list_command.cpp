// --list: identity from sysfs plus the device type from FWCTL_INFO (an
// ioctl that only reads the type; no RPC reaches firmware).
#include <algorithm>
#include <cstdio>

#include "collector/device_type.hpp"
#include "collector/fwctl_device.hpp"
#include "collector/udev_enumerator.hpp"
#include "report/cli/commands.hpp"
#include "report/cli/exit_codes.hpp"

namespace fwctl::cli {

int run_list(const Options&)
{
    auto devices = enumerate_fwctl_devices();
    if (!devices) {
        print_error(devices.error().message());
        return exit_not_written;
    }
    if (devices->empty()) {
        std::fputs("no fwctl devices (is the kernel 6.15 or newer, with the vendor's fwctl module loaded?)\n",
                   stderr);
        return exit_ok;
    }
    struct Row {
        std::string name, type, address, driver;
    };
    std::vector<Row> rows{{"NAME", "TYPE", "ADDRESS", "DRIVER"}};
    for (const auto& id : *devices) {
        Row row{id.name, "?", "-", "-"};
        if (auto dev = FwctlDevice::open(id.name, id.devnode)) {
            if (auto info = dev->info()) {
                row.type = std::string(device_type_name(info->type_id));
            }
        }
        if (id.parent) {
            // The parent is the PCI function, or (CXL) a memdev below one:
            // show both then, so the driver column matches the address.
            const auto& p = *id.parent;
            row.address = p.subsystem == "pci" || !p.pci ? p.sysname : p.pci->address + "/" + p.sysname;
            row.driver = p.driver.value_or("-");
        }
        rows.push_back(std::move(row));
    }
    std::size_t w1 = 0, w2 = 0, w3 = 0;
    for (const auto& r : rows) {
        w1 = std::max(w1, r.name.size());
        w2 = std::max(w2, r.type.size());
        w3 = std::max(w3, r.address.size());
    }
    for (const auto& r : rows) {
        std::printf("%-*s  %-*s  %-*s  %s\n", static_cast<int>(w1), r.name.c_str(), static_cast<int>(w2),
                    r.type.c_str(), static_cast<int>(w3), r.address.c_str(), r.driver.c_str());
    }
    return exit_ok;
}

}  // namespace fwctl::cli
