// The collection run: host identity, taint before, every selected device
// (open, FWCTL_INFO, its plugin), taint after. Nothing here stops early: a
// failing device becomes error entries and the run goes on (Rule 2).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "collector/collect_device.hpp"
#include "collector/plugin.hpp"
#include "collector/snapshot.hpp"

namespace fwctl {

struct CollectOptions {
    std::string taint_path = "/proc/sys/kernel/tainted";
    // Called on the calling thread after each device (in completion order,
    // which with jobs > 1 is not the report's order), e.g. to draw progress.
    std::function<void(std::size_t done, std::size_t total, const std::string& name)> on_device_done;
    // Devices collected at once; 0 = default_jobs(device count).
    unsigned jobs = 0;
    // Per-device deadline (--timeout) and whole-run limit (--max-time), in
    // seconds; nullopt = none. See collect_devices.hpp for what happens then.
    std::optional<double> device_timeout_s;
    std::optional<double> max_time_s;
};

// Devices take their time waiting on firmware, not on the CPU, so the number
// of processors does not matter much; 4 overlaps the waits of typical hosts
// (1 to 8 fwctl functions) without putting every firmware mailbox of a
// production machine under load at once.
unsigned default_jobs(std::size_t devices);

// `plugins` is the registry to use (plugins::registry() in the tool; tests
// may pass their own). A device type with no plugin gets identity + INFO.
Snapshot collect(std::vector<DeviceIdentity> devices, std::span<const Plugin* const> plugins,
                 const CollectOptions& options = {});

// RFC 3339 UTC with seconds, e.g. 2026-11-24T06:30:00Z.
std::string rfc3339_utc(std::chrono::system_clock::time_point when);

}  // namespace fwctl
