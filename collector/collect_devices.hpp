// Runs the devices' collections on a bounded number of worker threads, each
// device under a deadline, and returns the records in the order given.
//
// A blocking ioctl cannot be cancelled portably, so a device that misses its
// deadline is handled in three steps: its watch is cancelled (no new RPC is
// sent), its thread is sent a signal (a driver sleeping interruptibly returns
// EINTR and the plugin finishes with what it has), and if the thread has not
// come back after a short grace period it is abandoned. An abandoned thread is
// detached, never joined: it keeps its fd and shared state alive on its own,
// and the process ends (has_abandoned_workers()) without waiting for it. Its
// device is reported from what the worker had published before the hang.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "collector/plugin.hpp"
#include "collector/snapshot.hpp"

namespace fwctl {

struct DeviceSchedule {
    unsigned jobs = 1;  // devices collected at once (at least 1)
    // Per device, from its start; nullopt = no limit.
    std::optional<std::chrono::nanoseconds> device_timeout;
    // For the whole run: running devices are stopped and devices not started
    // are reported as not collected; nullopt = no limit.
    std::optional<std::chrono::steady_clock::time_point> run_deadline;
    // After interrupting a late device, how long to wait for its worker.
    std::chrono::nanoseconds grace = std::chrono::milliseconds(500);
    // For messages: the options that set the two limits, e.g. "--timeout 10 s".
    std::string device_timeout_text = "the per-device deadline";
    std::string run_deadline_text = "the run's time limit";
    // Called on the calling thread when a device is finished, in completion order.
    std::function<void(std::size_t index, const DeviceRecord& record)> on_device_done;
};

struct CollectedDevices {
    std::vector<DeviceRecord> records;  // one per identity, same order
    std::size_t abandoned = 0;          // workers still blocked in a call
};

// `plugins` (the pointers, not the span) must stay valid for the life of the
// process: an abandoned worker may still use its plugin when its call returns.
CollectedDevices collect_devices(std::vector<DeviceIdentity> devices,
                                 std::span<const Plugin* const> plugins,
                                 const DeviceSchedule& schedule);

// True once any worker was abandoned in this process. The caller then ends
// the process after writing its output (std::_Exit) rather than returning
// from main(), whose static destructors could race with a worker that wakes up.
bool has_abandoned_workers() noexcept;

}  // namespace fwctl
