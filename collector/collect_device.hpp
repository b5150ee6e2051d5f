// Collecting one device: open, FWCTL_INFO, its plugin. Runs on a worker
// thread (collect_devices.hpp), so it reports its progress to a DeviceWatch
// as it goes, and stops sending RPCs once the watch is cancelled.
#pragma once

#include <span>
#include <string_view>

#include "collector/device_watch.hpp"
#include "collector/plugin.hpp"
#include "collector/snapshot.hpp"

namespace fwctl {

// `watch` may be null (no deadline, nobody watching). Never throws on device
// trouble: every failure is an error entry in the record (Rule 2).
DeviceRecord collect_device(DeviceIdentity identity, std::span<const Plugin* const> plugins,
                            DeviceWatch* watch = nullptr);

// Every empty section says why (Rule 2): keep the plugin's reason, or give `fallback`.
void explain_empty_sections(DeviceRecord& record, std::string_view fallback);

}  // namespace fwctl
