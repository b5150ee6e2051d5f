#include "collector/udev_enumerator.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <sys/sysmacros.h>

#include "collector/udev_handles.hpp"
#include "collector/utf8.hpp"

namespace fwctl {

namespace {

std::optional<std::string> sysattr(udev_device* dev, const char* name)
{
    const char* value = udev_device_get_sysattr_value(dev, name);
    if (value == nullptr) {
        return std::nullopt;
    }
    std::string text = escape_to_utf8(value);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.pop_back();
    }
    return text;
}

std::optional<int> parse_int(const std::string& text)
{
    int value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return value;
}

// PCI ids are reported as lowercase "0x..." strings. A value that is not hex
// is odd sysfs: reported as null with an error entry, never guessed.
std::optional<std::string> hex_attr(udev_device* dev, const char* name, DeviceIdentity& id)
{
    auto raw = sysattr(dev, name);
    if (!raw) {
        return std::nullopt;
    }
    std::string text = *raw;
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool ok = text.size() > 2 && text.size() <= 18 && text.starts_with("0x") &&
                    std::all_of(text.begin() + 2, text.end(),
                                [](unsigned char c) { return std::isxdigit(c) != 0; });
    if (!ok) {
        id.errors.push_back({"sysfs", id.name + " parent attribute " + name, 0,
                             "unexpected value '" + *raw + "' (expected 0x-prefixed hex), reported as null"});
        return std::nullopt;
    }
    return text;
}

PciIdentity read_pci(udev_device* pci, DeviceIdentity& id)
{
    PciIdentity p;
    p.address = escape_to_utf8(udev_device_get_sysname(pci));
    p.vendor_id = hex_attr(pci, "vendor", id);
    p.device_id = hex_attr(pci, "device", id);
    p.subsystem_vendor_id = hex_attr(pci, "subsystem_vendor", id);
    p.subsystem_device_id = hex_attr(pci, "subsystem_device", id);
    p.revision = hex_attr(pci, "revision", id);
    p.device_class = hex_attr(pci, "class", id);
    if (auto numa = sysattr(pci, "numa_node")) {
        p.numa_node = parse_int(*numa);
    }
    p.link.speed = sysattr(pci, "current_link_speed");
    if (auto width = sysattr(pci, "current_link_width")) {
        p.link.width = parse_int(*width);
    }
    return p;
}

std::optional<std::string> driver_of(udev_device* dev)
{
    const char* driver = udev_device_get_driver(dev);
    if (driver == nullptr) {
        return std::nullopt;
    }
    return escape_to_utf8(driver);
}

DeviceIdentity read_identity(udev_device* dev)
{
    DeviceIdentity id;
    id.name = escape_to_utf8(udev_device_get_sysname(dev));
    id.syspath = escape_to_utf8(udev_device_get_syspath(dev));

    if (const char* node = udev_device_get_devnode(dev)) {
        id.devnode = escape_to_utf8(node);
    } else {
        // The kernel's devnode callback names it fwctl/<name>; udev may not
        // have told us (no DEVNAME), so say that we inferred it.
        id.devnode = "/dev/fwctl/" + id.name;
        id.errors.push_back({"sysfs", id.name, 0,
                             "udev reports no device node; assuming " + id.devnode});
    }
    const dev_t devnum = udev_device_get_devnum(dev);
    if (devnum != 0) {
        id.dev = std::to_string(major(devnum)) + ":" + std::to_string(minor(devnum));
    } else if (auto attr = sysattr(dev, "dev")) {
        id.dev = *attr;
    } else {
        id.errors.push_back({"sysfs", id.name, 0, "no 'dev' attribute (major:minor unknown)"});
    }

    // udev_device_get_parent() borrows: the child owns the reference.
    udev_device* parent = udev_device_get_parent(dev);
    if (parent == nullptr) {
        id.errors.push_back({"sysfs", id.name, 0,
                             "no parent device in sysfs; the device cannot be attributed to hardware"});
        return id;
    }
    ParentIdentity p;
    const char* subsystem = udev_device_get_subsystem(parent);
    p.subsystem = subsystem ? escape_to_utf8(subsystem) : "";
    p.sysname = escape_to_utf8(udev_device_get_sysname(parent));
    p.driver = driver_of(parent);
    // CXL parents are memdevs; their PCI function is further up.
    if (udev_device* pci = udev_device_get_parent_with_subsystem_devtype(dev, "pci", nullptr)) {
        p.pci = read_pci(pci, id);
    }
    id.parent = std::move(p);
    return id;
}

}  // namespace

std::map<std::string, std::string> read_parent_attributes(const DeviceIdentity& identity,
                                                          std::span<const std::string_view> names)
{
    std::map<std::string, std::string> values;
    if (names.empty() || identity.syspath.empty()) {
        return values;
    }
    UdevPtr udev{udev_new()};
    if (!udev) {
        return values;
    }
    UdevDevicePtr dev{udev_device_new_from_syspath(udev.get(), identity.syspath.c_str())};
    udev_device* parent = dev ? udev_device_get_parent(dev.get()) : nullptr;
    if (parent == nullptr) {
        return values;
    }
    for (std::string_view name : names) {
        const std::string key(name);
        if (key.find("..") != std::string::npos || key.starts_with("/")) {
            continue;  // plugins name attributes below the parent, nothing else
        }
        if (auto value = sysattr(parent, key.c_str())) {
            values[key] = *value;
        }
    }
    return values;
}

PciIdentity read_pci_identity(udev_device* pci, DeviceIdentity& errors_to)
{
    return read_pci(pci, errors_to);
}

bool device_name_less(const std::string& a, const std::string& b)
{
    auto split = [](const std::string& s) {
        std::size_t i = s.size();
        while (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) {
            --i;
        }
        return std::pair{s.substr(0, i), s.substr(i)};
    };
    auto [pa, na] = split(a);
    auto [pb, nb] = split(b);
    if (pa != pb) {
        return a < b;
    }
    if (na.size() != nb.size()) {
        return na.size() < nb.size();  // no leading zeros in kernel names
    }
    return na < nb;
}

Result<UdevScan> scan_udev_subsystem(const char* subsystem)
{
    UdevScan scan;
    scan.udev.reset(udev_new());
    if (!scan.udev) {
        return fail(Errc::io, "libudev", "udev_new() failed", errno);
    }
    scan.enumerate.reset(udev_enumerate_new(scan.udev.get()));
    if (!scan.enumerate) {
        return fail(Errc::io, "libudev", "udev_enumerate_new() failed", errno);
    }
    if (int r = udev_enumerate_add_match_subsystem(scan.enumerate.get(), subsystem); r < 0) {
        return fail(Errc::io, "libudev", std::string("cannot match subsystem ") + subsystem, -r);
    }
    if (int r = udev_enumerate_scan_devices(scan.enumerate.get()); r < 0) {
        return fail(Errc::io, "libudev", std::string("cannot scan sysfs for ") + subsystem + " devices", -r);
    }
    return scan;
}

Result<std::vector<DeviceIdentity>> enumerate_fwctl_devices()
{
    auto scan = scan_udev_subsystem("fwctl");
    FWCTL_TRY(scan);
    udev* context = scan->udev.get();
    udev_enumerate* enumerate = scan->enumerate.get();

    std::vector<DeviceIdentity> devices;
    udev_list_entry* entry = nullptr;
    udev_list_entry_foreach(entry, udev_enumerate_get_list_entry(enumerate))
    {
        const char* syspath = udev_list_entry_get_name(entry);
        UdevDevicePtr dev{udev_device_new_from_syspath(context, syspath)};
        if (!dev) {
            DeviceIdentity broken;
            broken.name = escape_to_utf8(syspath);
            broken.syspath = broken.name;
            broken.errors.push_back({"enumerate", broken.name, errno,
                                     "listed by udev but could not be opened in sysfs"});
            devices.push_back(std::move(broken));
            continue;
        }
        devices.push_back(read_identity(dev.get()));
    }
    std::sort(devices.begin(), devices.end(),
              [](const auto& a, const auto& b) { return device_name_less(a.name, b.name); });
    return devices;
}

}  // namespace fwctl
