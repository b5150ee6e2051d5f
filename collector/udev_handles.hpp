// RAII ownership of libudev objects: every handle is released exactly once,
// including on early returns.
#pragma once

#include <libudev.h>

#include <memory>

#include "collector/error.hpp"

namespace fwctl {

struct UdevUnref {
    void operator()(udev* p) const noexcept { udev_unref(p); }
    void operator()(udev_enumerate* p) const noexcept { udev_enumerate_unref(p); }
    void operator()(udev_device* p) const noexcept { udev_device_unref(p); }
};

using UdevPtr = std::unique_ptr<udev, UdevUnref>;
using UdevEnumeratePtr = std::unique_ptr<udev_enumerate, UdevUnref>;
using UdevDevicePtr = std::unique_ptr<udev_device, UdevUnref>;

// A finished scan of one subsystem: iterate udev_enumerate_get_list_entry(enumerate).
struct UdevScan {
    UdevPtr udev;
    UdevEnumeratePtr enumerate;
};

// Lists the devices of `subsystem` ("fwctl", "pci"); an Error only when libudev fails.
Result<UdevScan> scan_udev_subsystem(const char* subsystem);

}  // namespace fwctl
