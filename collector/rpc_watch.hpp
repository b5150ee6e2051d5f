// Lets whoever runs a device's collection see each RPC as it happens, and stop
// new ones once the device's deadline has passed. RpcChannel calls it around
// every ioctl; a channel without a watch behaves exactly as before.
#pragma once

#include <string_view>

#include "collector/snapshot.hpp"

namespace fwctl {

class RpcWatch {
public:
    virtual ~RpcWatch() = default;

    // Before the ioctl: `rpc` is the rule's name. false = do not send (the
    // deadline passed); the channel then returns ETIMEDOUT without an ioctl.
    virtual bool about_to_send(std::string_view rpc) = 0;

    // After the ioctl returned, with the channel's counters so far.
    virtual void returned(const RpcStats& stats) = 0;
};

}  // namespace fwctl
