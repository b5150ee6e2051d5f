// The collection run: host identity, taint before, every selected device
// (open, FWCTL_INFO, its plugin), taint after. Nothing here stops early: a
// failing device becomes error entries and the run goes on (Rule 2).
#pragma once

#include <chrono>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "collector/plugin.hpp"
#include "collector/snapshot.hpp"

namespace fwctl {

struct CollectOptions {
    std::string taint_path = "/proc/sys/kernel/tainted";
    // Called after each device, e.g. to draw progress on a terminal.
    std::function<void(std::size_t done, std::size_t total, const std::string& name)> on_device_done;
};

// `plugins` is the registry to use (plugins::registry() in the tool; tests
// may pass their own). A device type with no plugin gets identity + INFO.
Snapshot collect(std::vector<DeviceIdentity> devices, std::span<const Plugin* const> plugins,
                 const CollectOptions& options = {});

// Collects one device; exposed for tests.
DeviceRecord collect_device(DeviceIdentity identity, std::span<const Plugin* const> plugins);

// RFC 3339 UTC with seconds, e.g. 2026-11-24T06:30:00Z.
std::string rfc3339_utc(std::chrono::system_clock::time_point when);

}  // namespace fwctl
