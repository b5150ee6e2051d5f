// CXL memory devices (cxl_pci / cxl_mem Features), fwctl device type 2.
#pragma once

#include "collector/plugin.hpp"

namespace fwctl::plugins::cxl {

class CxlPlugin final : public Plugin {
public:
    const PluginInfo& info() const override;
    std::span<const RpcRule> allowlist() const override;
    std::span<const std::string_view> parent_attributes() const override;
    PluginSections inspect(RpcChannel& rpc, const DeviceIdentity& identity,
                           const InfoData& info) const override;
};

}  // namespace fwctl::plugins::cxl
