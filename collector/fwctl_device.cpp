#include "collector/fwctl_device.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstddef>
#include <mutex>

#include "collector/ioctl_failure_hint.hpp"
#include "collector/uapi/fwctl_uapi.h"

namespace fwctl {

// The kernel checks `size` against these layouts; a mismatch would be EINVAL
// on every call, so catch it at compile time.
static_assert(sizeof(fwctl_info) == 24);
static_assert(sizeof(fwctl_rpc) == 32);
static_assert(offsetof(fwctl_rpc, in) == 16 && offsetof(fwctl_rpc, out) == 24);

namespace {

constexpr int max_eintr_retries = 3;

// ioctl() with a bounded retry on EINTR (a signal, not a device answer). No
// retry once `cancelled`: that EINTR is the collector stopping a hung call.
int ioctl_retrying(int fd, unsigned long request, void* arg, const std::atomic<bool>* cancelled)
{
    int r = -1;
    for (int attempt = 0; attempt <= max_eintr_retries; ++attempt) {
        r = ::ioctl(fd, request, arg);
        if (r >= 0 || errno != EINTR || (cancelled != nullptr && cancelled->load())) {
            break;
        }
    }
    return r;
}

// Device nodes are opened and closed one at a time across worker threads.
// Free on real hardware, and needed under emulation: umockdev 0.17's preload
// library records emulated fds in a table without a lock, so two threads
// opening nodes at once can lose one registration. That node's ioctls then
// reach a plain file and fail with ENOTTY (seen as FWCTL_INFO ENOTTY in about
// 1 run in 150 with --jobs 4; fixed in later umockdev releases).
std::mutex& open_close_lock()
{
    static std::mutex lock;
    return lock;
}

std::uint64_t as_user_pointer(const void* p)
{
    return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(p));
}

}  // namespace

Result<FwctlDevice> FwctlDevice::open(const std::string& name, const std::string& devnode)
{
    struct stat st {};
    if (::stat(devnode.c_str(), &st) != 0) {
        return fail(Errc::io, devnode, "cannot stat the device node", errno);
    }
    // stat() on the path, not fstat() on the fd: the path is what we are about
    // to trust, and umockdev 0.17 reports emulated fds as regular files.
    if (!S_ISCHR(st.st_mode)) {
        return fail(Errc::io, devnode, "not a character device; refusing to open it", ENODEV);
    }
    int fd = -1;
    int err = 0;
    {
        const std::lock_guard lock(open_close_lock());
        fd = ::open(devnode.c_str(), O_RDWR | O_CLOEXEC | O_NOCTTY);
        err = errno;
    }
    if (fd < 0) {
        std::string hint = "cannot open the device node";
        if (err == EACCES || err == EPERM) {
            hint += "; fwctl nodes are root-only (run as root)";
        }
        return fail(Errc::io, devnode, hint, err);
    }
    return FwctlDevice(name, UniqueFd(fd));
}

FwctlDevice::~FwctlDevice()
{
    if (fd_) {
        const std::lock_guard lock(open_close_lock());
        fd_.reset();
    }
}

Result<InfoData> FwctlDevice::info()
{
    std::vector<std::uint8_t> buffer(256);
    for (int pass = 0; pass < 2; ++pass) {
        fwctl_info request{};
        request.size = sizeof(request);
        request.device_data_len = static_cast<std::uint32_t>(buffer.size());
        request.out_device_data = as_user_pointer(buffer.data());
        if (ioctl_retrying(fd_.get(), FWCTL_INFO, &request, cancelled_) != 0) {
            const int err = errno;
            return fail(Errc::io, name_ + " FWCTL_INFO", "FWCTL_INFO failed" + ioctl_failure_hint(err), err);
        }
        const std::uint32_t len = request.device_data_len;
        // A driver with more data than our buffer: ask once more with room
        // for all of it (bounded, so a hostile length cannot exhaust memory).
        if (len > buffer.size() && pass == 0 && len <= 64u * 1024u) {
            buffer.assign(len, 0);
            continue;
        }
        InfoData info;
        info.type_id = request.out_device_type;
        buffer.resize(std::min<std::size_t>(len, buffer.size()));
        info.data = std::move(buffer);
        return info;
    }
    return fail(Errc::malformed_reply, name_ + " FWCTL_INFO",
                "device data length changed between calls");
}

Result<FwctlDevice::RawReply> FwctlDevice::rpc_unguarded(std::uint32_t scope,
                                                         std::span<const std::uint8_t> in,
                                                         std::span<std::uint8_t> out)
{
    fwctl_rpc request{};
    request.size = sizeof(request);
    request.scope = scope;
    request.in_len = static_cast<std::uint32_t>(in.size());
    request.out_len = static_cast<std::uint32_t>(out.size());
    request.in = as_user_pointer(in.data());
    request.out = as_user_pointer(out.data());
    if (ioctl_retrying(fd_.get(), FWCTL_RPC, &request, cancelled_) != 0) {
        const int err = errno;
        return fail(Errc::io, name_, "FWCTL_RPC failed" + ioctl_failure_hint(err), err);
    }
    return RawReply{request.out_len};
}

}  // namespace fwctl
