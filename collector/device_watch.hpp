// What one device's worker has done so far, shared with the coordinator that
// enforces the device's deadline. The worker publishes its partial record at
// each stage and the channel reports each RPC, so a device abandoned in a hung
// ioctl still keeps its identity, FWCTL_INFO and RPC counts, and the report
// can name the call that never returned (Rule 2).
#pragma once

#include <atomic>
#include <mutex>
#include <string>

#include "collector/rpc_watch.hpp"
#include "collector/snapshot.hpp"

namespace fwctl {

class DeviceWatch final : public RpcWatch {
public:
    // The worker: `what` is about to start (open, FWCTL_INFO, parent attributes).
    void stage(std::string what);
    // The worker: the record as it stands (identity, INFO, plugin).
    void publish(const DeviceRecord& record);

    bool about_to_send(std::string_view rpc) override;
    void returned(const RpcStats& stats) override;

    // The coordinator, at the deadline: no new RPC will be sent.
    void cancel() noexcept { cancelled_.store(true); }
    bool cancelled() const noexcept { return cancelled_.load(); }
    const std::atomic<bool>& cancel_flag() const noexcept { return cancelled_; }

    struct Progress {
        DeviceRecord record;    // as last published, with the RPC counts so far
        std::string in_flight;  // the stage or RPC under way; "" between calls
    };
    Progress progress() const;

private:
    mutable std::mutex mutex_;
    DeviceRecord record_;
    std::string in_flight_;
    std::atomic<bool> cancelled_{false};
};

}  // namespace fwctl
