// The one interface a vendor plugin implements. The collector calls it; the
// registry (plugins/registry.cpp) lists the implementations by device type.
//
// A plugin never sees a file descriptor: it talks to the device only through
// RpcChannel, which enforces its allowlist and the read-only scope limit.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "collector/rpc_channel.hpp"
#include "collector/rpc_guard.hpp"
#include "collector/snapshot.hpp"

namespace fwctl {

struct PluginInfo {
    std::string_view name;     // "mlx5": reported as the device's `plugin`
    std::uint32_t type_id;     // enum fwctl_device_type it handles
    std::string_view summary;  // one line for --help and docs
};

class Plugin {
public:
    virtual ~Plugin() = default;

    virtual const PluginInfo& info() const = 0;

    // Every request this plugin may ever send; each rule at scope <= 1.
    virtual std::span<const RpcRule> allowlist() const = 0;

    // Sysfs attributes of the parent device the plugin wants (e.g. a CXL
    // memdev's "firmware_version"). The collector reads them through libudev
    // and passes them in DeviceIdentity::parent_attributes; plugins do no I/O
    // of their own. Paths below the parent are allowed ("ram/size").
    virtual std::span<const std::string_view> parent_attributes() const { return {}; }

    // Gathers firmware, config and health. Failed RPCs become entries in the
    // returned `errors`; sections that stay empty get a reason in `notes`.
    // Must not throw (the collector still catches, as a last resort).
    virtual PluginSections inspect(RpcChannel& rpc, const DeviceIdentity& identity,
                                   const InfoData& info) const = 0;
};

}  // namespace fwctl
