// Broadcom NetXtreme-E/-C (bnxt_en) devices, fwctl device type 3.
#pragma once

#include "collector/plugin.hpp"

namespace fwctl::plugins::bnxt {

class BnxtPlugin final : public Plugin {
public:
    const PluginInfo& info() const override;
    std::span<const RpcRule> allowlist() const override;
    PluginSections inspect(RpcChannel& rpc, const DeviceIdentity& identity,
                           const InfoData& info) const override;
};

}  // namespace fwctl::plugins::bnxt
