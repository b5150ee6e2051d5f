// NVIDIA ConnectX (mlx5) devices, fwctl device type 1.
#pragma once

#include "collector/plugin.hpp"

namespace fwctl::plugins::mlx5 {

class Mlx5Plugin final : public Plugin {
public:
    const PluginInfo& info() const override;
    std::span<const RpcRule> allowlist() const override;
    PluginSections inspect(RpcChannel& rpc, const DeviceIdentity& identity,
                           const InfoData& info) const override;
};

}  // namespace fwctl::plugins::mlx5
