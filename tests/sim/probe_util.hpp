// Shared bits of the test clients that run inside fwctl-sim (sim_probe, sim_abi_probe):
// libudev discovery of fwctl devices and thin ioctl wrappers. Written like a real
// tool would be (libudev, open, ioctl), because that is what fwctl-sim must serve.
#pragma once

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include <libudev.h>

#include "collector/uapi/fwctl_uapi.h"

namespace fwctl::probe {

struct UdevUnref {
    void operator()(udev* u) const { udev_unref(u); }
    void operator()(udev_enumerate* e) const { udev_enumerate_unref(e); }
    void operator()(udev_device* d) const { udev_device_unref(d); }
};
template <class T>
using UdevPtr = std::unique_ptr<T, UdevUnref>;

class UniqueFd {
public:
    explicit UniqueFd(int fd = -1) : fd_(fd) {}
    ~UniqueFd() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    UniqueFd(UniqueFd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
    UniqueFd& operator=(UniqueFd&&) = delete;
    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }

private:
    int fd_;
};

inline std::string str(const char* s) { return s ? s : ""; }

// What libudev says about one fwctl device and the devices above it.
struct FoundDevice {
    std::string name;     // sysname, "fwctl0"
    std::string syspath;
    std::string devnode;
    std::string parent_subsystem, parent_name, parent_driver;
    std::string pci_address, pci_vendor, pci_device;  // nearest PCI ancestor
    std::string memdev_fw;                             // CXL memdev firmware_version
};

inline std::vector<FoundDevice> find_fwctl_devices() {
    std::vector<FoundDevice> out;
    UdevPtr<udev> u(udev_new());
    UdevPtr<udev_enumerate> e(udev_enumerate_new(u.get()));
    udev_enumerate_add_match_subsystem(e.get(), "fwctl");
    udev_enumerate_scan_devices(e.get());
    for (udev_list_entry* it = udev_enumerate_get_list_entry(e.get()); it;
         it = udev_list_entry_get_next(it)) {
        UdevPtr<udev_device> d(udev_device_new_from_syspath(u.get(), udev_list_entry_get_name(it)));
        if (!d)
            continue;
        FoundDevice f;
        f.name = str(udev_device_get_sysname(d.get()));
        f.syspath = str(udev_device_get_syspath(d.get()));
        f.devnode = str(udev_device_get_devnode(d.get()));
        if (udev_device* p = udev_device_get_parent(d.get())) {  // borrowed
            f.parent_subsystem = str(udev_device_get_subsystem(p));
            f.parent_name = str(udev_device_get_sysname(p));
            f.parent_driver = str(udev_device_get_driver(p));
            if (f.parent_subsystem == "cxl")
                f.memdev_fw = str(udev_device_get_sysattr_value(p, "firmware_version"));
        }
        if (udev_device* pci = udev_device_get_parent_with_subsystem_devtype(d.get(), "pci", nullptr)) {
            f.pci_address = str(udev_device_get_sysname(pci));
            f.pci_vendor = str(udev_device_get_sysattr_value(pci, "vendor"));
            f.pci_device = str(udev_device_get_sysattr_value(pci, "device"));
        }
        out.push_back(std::move(f));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
}

// ioctl returning 0 or the errno.
inline int xioctl(int fd, unsigned long request, void* arg) {
    return ::ioctl(fd, request, arg) == 0 ? 0 : errno;
}

inline int fwctl_info_call(int fd, fwctl_info& info) { return xioctl(fd, FWCTL_INFO, &info); }

inline int fwctl_rpc_call(int fd, uint32_t scope, std::vector<uint8_t>& in, std::vector<uint8_t>& out,
                          uint32_t& out_len) {
    fwctl_rpc rpc{};
    rpc.size = sizeof(rpc);
    rpc.scope = scope;
    rpc.in_len = static_cast<uint32_t>(in.size());
    rpc.out_len = static_cast<uint32_t>(out.size());
    rpc.in = reinterpret_cast<uintptr_t>(in.data());
    rpc.out = reinterpret_cast<uintptr_t>(out.data());
    const int err = xioctl(fd, FWCTL_RPC, &rpc);
    out_len = rpc.out_len;
    return err;
}

inline std::string errno_text(int err) {
    switch (err) {
    case 0: return "ok";
    case EIO: return "EIO";
    case ENODEV: return "ENODEV";
    case ENOENT: return "ENOENT";
    case EINVAL: return "EINVAL";
    case E2BIG: return "E2BIG";
    case EPERM: return "EPERM";
    case EFAULT: return "EFAULT";
    case ENOTTY: return "ENOTTY";
    case EBADMSG: return "EBADMSG";
    case EMSGSIZE: return "EMSGSIZE";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    default: return "E" + std::to_string(err);
    }
}

inline uint16_t be16(const std::vector<uint8_t>& b, size_t off) {
    return static_cast<uint16_t>(b.at(off) << 8 | b.at(off + 1));
}
inline uint16_t le16(const std::vector<uint8_t>& b, size_t off) {
    return static_cast<uint16_t>(b.at(off) | b.at(off + 1) << 8);
}
inline uint32_t be32(const std::vector<uint8_t>& b, size_t off) {
    return static_cast<uint32_t>(be16(b, off)) << 16 | be16(b, off + 2);
}
inline uint32_t host32(const std::vector<uint8_t>& b, size_t off) {
    uint32_t v;
    std::memcpy(&v, &b.at(off), sizeof(v));
    return v;
}
// A NUL-padded ASCII field.
inline std::string ascii(const std::vector<uint8_t>& b, size_t off, size_t width) {
    std::string s;
    for (size_t i = off; i < off + width && i < b.size() && b[i] != 0; ++i)
        s.push_back(static_cast<char>(b[i]));
    return s;
}

}  // namespace fwctl::probe
