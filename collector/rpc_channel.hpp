// The only way a plugin can reach a device. Every call passes the read-only
// guard (collector/rpc_guard.hpp) before the ioctl, and is counted.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "collector/error.hpp"
#include "collector/fwctl_device.hpp"
#include "collector/rpc_guard.hpp"
#include "collector/rpc_watch.hpp"
#include "collector/snapshot.hpp"

namespace fwctl {

struct RpcReply {
    std::vector<std::uint8_t> bytes;  // what the driver wrote, at most the capacity asked for
    std::uint32_t driver_len = 0;     // the length the driver reported (may exceed bytes.size())
};

class RpcChannel {
public:
    // `watch` (optional, not owned) sees every RPC: the collector uses it to
    // publish progress and to stop sending after the device's deadline.
    RpcChannel(FwctlDevice& device, std::span<const RpcRule> allowlist, RpcWatch* watch = nullptr)
        : device_(device), allowlist_(allowlist), watch_(watch)
    {
    }

    // Guard, then FWCTL_RPC. A refusal never reaches the kernel. An errno is
    // delivery failure; the in-band status inside the reply is the plugin's
    // to decode (and to report with note_device_error()).
    Result<RpcReply> call(const RpcRule& rule, std::span<const std::uint8_t> request,
                          std::size_t reply_capacity);

    // The device answered, but with an error status inside the reply.
    void note_device_error()
    {
        ++stats_.failed;
        if (watch_ != nullptr) {
            watch_->returned(stats_);
        }
    }

    const RpcStats& stats() const noexcept { return stats_; }
    const std::string& device_name() const noexcept { return device_.name(); }

private:
    FwctlDevice& device_;
    std::span<const RpcRule> allowlist_;
    RpcWatch* watch_ = nullptr;
    RpcStats stats_;
};

}  // namespace fwctl
