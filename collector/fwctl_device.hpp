// One open fwctl character device. This is the only code that calls ioctl()
// on an fwctl node, and the raw RPC is private: only RpcChannel, which runs
// the read-only guard first, can reach it.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "collector/error.hpp"
#include "collector/snapshot.hpp"
#include "collector/unique_fd.hpp"

namespace fwctl {

class RpcChannel;

class FwctlDevice {
public:
    // Opens `devnode` O_RDWR|O_CLOEXEC after checking that it is a character
    // device (a FIFO or regular file in /dev/fwctl is refused, not opened).
    // For mlx5 the kernel allocates a firmware user context per open; the
    // destructor's close() releases it.
    static Result<FwctlDevice> open(const std::string& name, const std::string& devnode);

    // Closes the node under the same lock as open() (see open_close_lock()).
    ~FwctlDevice();
    FwctlDevice(FwctlDevice&&) noexcept = default;
    FwctlDevice& operator=(FwctlDevice&&) = delete;

    // FWCTL_INFO with a generous buffer; grows once if the driver has more.
    Result<InfoData> info();

    const std::string& name() const noexcept { return name_; }

    // An ioctl interrupted by a signal (EINTR) is retried a few times, unless
    // `*cancelled` is true: then the collector interrupted it on purpose, at
    // the device's deadline. Not owned; must outlive this object.
    void set_cancel_flag(const std::atomic<bool>* cancelled) noexcept { cancelled_ = cancelled; }

private:
    friend class RpcChannel;
    FwctlDevice(std::string name, UniqueFd fd) : name_(std::move(name)), fd_(std::move(fd)) {}

    struct RawReply {
        std::uint32_t out_len = 0;  // the driver's reply length (may exceed the buffer)
    };
    // FWCTL_RPC exactly as given. Never call this except through RpcChannel.
    Result<RawReply> rpc_unguarded(std::uint32_t scope, std::span<const std::uint8_t> in,
                                   std::span<std::uint8_t> out);

    std::string name_;
    UniqueFd fd_;
    const std::atomic<bool>* cancelled_ = nullptr;
};

}  // namespace fwctl
