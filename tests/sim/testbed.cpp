#include "tests/sim/testbed.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace fwctl::sim {
namespace {

// NULL-terminated char* arrays for umockdev_testbed_add_devicev().
class CStrings {
public:
    void add(const std::string& key, const std::string& value) {
        storage_.push_back(key);
        storage_.push_back(value);
    }
    gchar** get() {
        ptrs_.clear();
        for (auto& s : storage_)
            ptrs_.push_back(s.data());
        ptrs_.push_back(nullptr);
        return ptrs_.data();
    }

private:
    std::vector<std::string> storage_;
    std::vector<gchar*> ptrs_;
};

std::string basename_of(const std::string& path) { return path.substr(path.rfind('/') + 1); }

// From inside directory /sys/a/b/c, "../../../" climbs to /sys.
std::string dots_to_sys(const std::string& devpath) {
    std::string dots;
    for (size_t i = 4; i < devpath.size(); ++i)  // skip "/sys"
        if (devpath[i] == '/')
            dots += "../";
    return dots;
}

// Real sysfs attributes end in a newline (libudev strips it); keep values as given otherwise.
std::string sysfs_value(const std::string& v) { return v.ends_with('\n') ? v : v + "\n"; }

bool make_dirs(const std::string& dir) { return g_mkdir_with_parents(dir.c_str(), 0755) == 0; }

// Plain POSIX writes (not GLib), replaced atomically so a reader never sees a half file.
bool write_file(const std::string& path, const std::string& content) {
    if (!make_dirs(path.substr(0, path.rfind('/'))))
        return false;
    const std::string tmp = path + ".fwctl-sim-tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    ::close(fd);
    return ok && ::rename(tmp.c_str(), path.c_str()) == 0;
}

std::string attr_value(const std::vector<SysAttr>& attrs, const char* name) {
    for (const SysAttr& a : attrs)
        if (a.name == name)
            return a.value;
    return "";
}

// "0x15b3" -> "15B3", as the kernel prints PCI ids in uevent properties.
std::string uevent_hex(std::string v, size_t width) {
    if (v.starts_with("0x") || v.starts_with("0X"))
        v = v.substr(2);
    for (char& c : v)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    while (v.size() > width && v.front() == '0')
        v.erase(v.begin());
    return v;
}

}  // namespace

std::expected<std::unique_ptr<Testbed>, std::string> Testbed::create(const Lab& lab,
                                                                     UMockdevIoctlBase* handler) {
    GObjectPtr<UMockdevTestbed> tb(umockdev_testbed_new());
    if (!tb)
        return std::unexpected("umockdev_testbed_new() failed");
    std::string root = take_gstring(umockdev_testbed_get_root_dir(tb.get()));
    std::unique_ptr<Testbed> self(new Testbed(std::move(tb), std::move(root)));

    // The class directory exists whenever the fwctl module is loaded, devices or not.
    if (lab.fwctl_class && !make_dirs(self->root_ + "/sys/class/fwctl"))
        return std::unexpected("cannot create " + self->root_ + "/sys/class/fwctl");
    if (!self->write_taint(lab.taint))
        return std::unexpected("cannot write the fake /proc/sys/kernel/tainted");
    if (lab.lockdown && !write_file(self->root_ + "/sys/kernel/security/lockdown", sysfs_value(*lab.lockdown)))
        return std::unexpected("cannot write the fake lockdown file");
    for (const SysAttr& m : lab.modules)
        if (!write_file(self->root_ + "/sys/module/" + m.name + "/taint", sysfs_value(m.value)))
            return std::unexpected("cannot write /sys/module/" + m.name + "/taint");

    for (const LabDevice& dev : lab.devices)
        if (auto added = self->add_device(dev, lab.major, handler); !added)
            return std::unexpected(added.error());
    for (const ParentSpec& pci : lab.pci_devices)
        if (auto added = self->add_parent(pci); !added)
            return std::unexpected(added.error());
    return self;
}

bool Testbed::write_taint(uint64_t taint) const {
    return write_file(root_ + "/proc/sys/kernel/tainted", std::to_string(taint) + "\n");
}

std::expected<std::string, std::string> Testbed::add_parent(const ParentSpec& parent) {
    // Lab validation guarantees a shared address is described identically.
    const std::string bus = "pci" + parent.address.substr(0, 4) + ":00";
    const std::string pci_path = "/sys/devices/" + bus + "/" + parent.address;
    const std::string parent_path =
        parent.memdev ? pci_path + "/" + parent.memdev->name : pci_path;
    if (::access((root_ + parent_path + "/uevent").c_str(), F_OK) == 0)
        return parent_path;

    CStrings attrs, props;
    for (const SysAttr& a : parent.attrs)
        attrs.add(a.name, sysfs_value(a.value));
    if (parent.driver)
        props.add("DRIVER", *parent.driver);
    const std::string vendor = attr_value(parent.attrs, "vendor");
    const std::string device = attr_value(parent.attrs, "device");
    const std::string sub_vendor = attr_value(parent.attrs, "subsystem_vendor");
    const std::string sub_device = attr_value(parent.attrs, "subsystem_device");
    const std::string pci_class = attr_value(parent.attrs, "class");
    if (!pci_class.empty())
        props.add("PCI_CLASS", uevent_hex(pci_class, 4));
    if (!vendor.empty() && !device.empty())
        props.add("PCI_ID", uevent_hex(vendor, 4) + ":" + uevent_hex(device, 4));
    if (!sub_vendor.empty() && !sub_device.empty())
        props.add("PCI_SUBSYS_ID", uevent_hex(sub_vendor, 4) + ":" + uevent_hex(sub_device, 4));
    props.add("PCI_SLOT_NAME", parent.address);

    GCharPtr pci(umockdev_testbed_add_devicev(tb_.get(), "pci", (bus + "/" + parent.address).c_str(),
                                              nullptr, attrs.get(), props.get()));
    if (!pci)
        return std::unexpected("cannot add PCI device " + parent.address);
    // The host bridge directory is a (subsystem-less) device in real sysfs too.
    if (!write_file(root_ + "/sys/devices/" + bus + "/uevent", ""))
        return std::unexpected("cannot write " + bus + "/uevent");

    if (parent.driver) {
        // libudev's udev_device_get_driver() is the basename of the `driver` link.
        const std::string drivers = "bus/pci/drivers/" + *parent.driver;
        make_dirs(root_ + "/sys/" + drivers);
        umockdev_testbed_set_attribute_link(tb_.get(), pci.get(), "driver",
                                            (dots_to_sys(pci_path) + drivers).c_str());
        if (::symlink(("../../../../devices/" + bus + "/" + parent.address).c_str(),
                      (root_ + "/sys/" + drivers + "/" + parent.address).c_str()) != 0)
            return std::unexpected("cannot link " + parent.address + " into " + drivers);
    }
    if (!parent.memdev)
        return pci_path;

    const MemdevSpec& mem = *parent.memdev;
    CStrings mem_attrs, mem_props;
    for (const SysAttr& a : mem.attrs)
        mem_attrs.add(a.name, sysfs_value(a.value));
    mem_props.add("DEVTYPE", "cxl_memdev");
    mem_props.add("DRIVER", mem.driver);
    GCharPtr memdev(umockdev_testbed_add_devicev(tb_.get(), "cxl", mem.name.c_str(), pci.get(),
                                                 mem_attrs.get(), mem_props.get()));
    if (!memdev)
        return std::unexpected("cannot add CXL memdev " + mem.name);
    const std::string drivers = "bus/cxl/drivers/" + mem.driver;
    make_dirs(root_ + "/sys/" + drivers);
    umockdev_testbed_set_attribute_link(tb_.get(), memdev.get(), "driver",
                                        (dots_to_sys(parent_path) + drivers).c_str());
    // umockdev links only pci/usb under /sys/bus; CXL tools look in /sys/bus/cxl/devices.
    make_dirs(root_ + "/sys/bus/cxl/devices");
    if (::symlink(("../../.." + parent_path.substr(4)).c_str(),
                  (root_ + "/sys/bus/cxl/devices/" + mem.name).c_str()) != 0)
        return std::unexpected("cannot link " + mem.name + " into /sys/bus/cxl/devices");
    return parent_path;
}

std::expected<void, std::string> Testbed::add_device(const LabDevice& dev, uint32_t major,
                                                     UMockdevIoctlBase* handler) {
    const std::string& name = dev.state.name;
    std::string parent_path;
    if (dev.parent) {
        auto p = add_parent(*dev.parent);
        if (!p)
            return std::unexpected(p.error());
        parent_path = *p;
    }

    const std::string devnode = "/dev/fwctl/" + name;
    CStrings attrs, props;
    // No newline here: umockdev also uses `dev` as the target of its /dev/.node link.
    attrs.add("dev", std::to_string(major) + ":" + std::to_string(dev.minor));
    props.add("MAJOR", std::to_string(major));
    props.add("MINOR", std::to_string(dev.minor));
    props.add("DEVNAME", devnode);
    const std::string sys_name = dev.parent ? "fwctl/" + name : "virtual/fwctl/" + name;
    GCharPtr path(umockdev_testbed_add_devicev(tb_.get(), "fwctl", sys_name.c_str(),
                                               dev.parent ? parent_path.c_str() : nullptr,
                                               attrs.get(), props.get()));
    if (!path)
        return std::unexpected("cannot add fwctl device " + name);
    if (dev.parent)
        umockdev_testbed_set_attribute_link(tb_.get(), path.get(), "device",
                                            ("../../../" + basename_of(parent_path)).c_str());

    if (!dev.create_node)
        return {};  // faults.node: missing -> open() fails with ENOENT
    if (!write_file(root_ + devnode, ""))
        return std::unexpected("cannot create " + root_ + devnode);
    GErrorOut err;
    if (!umockdev_testbed_attach_ioctl(tb_.get(), devnode.c_str(), handler, err.out()))
        return std::unexpected("cannot attach the ioctl handler to " + devnode + ": " + err.message());
    return {};
}

}  // namespace fwctl::sim
