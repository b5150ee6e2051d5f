// AMD/Pensando DSC (pds_core) devices, fwctl device type 4.
#pragma once

#include "collector/plugin.hpp"

namespace fwctl::plugins::pds {

class PdsPlugin final : public Plugin {
public:
    const PluginInfo& info() const override;
    std::span<const RpcRule> allowlist() const override;
    PluginSections inspect(RpcChannel& rpc, const DeviceIdentity& identity,
                           const InfoData& info) const override;
};

}  // namespace fwctl::plugins::pds
