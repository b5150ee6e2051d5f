#include "plugins/pds/pds_plugin.hpp"

#include "plugins/pds/pds_allowlist.hpp"

namespace fwctl::plugins::pds {

const PluginInfo& PdsPlugin::info() const
{
    static const PluginInfo info{"pds", 4, "AMD/Pensando DSC (pds_core)"};
    return info;
}

std::span<const RpcRule> PdsPlugin::allowlist() const { return pds::allowlist(); }

PluginSections PdsPlugin::inspect(RpcChannel&, const DeviceIdentity&, const InfoData& info) const
{
    PluginSections out;
    if (info.data.empty()) {
        out.notes["info"] = "the pds driver returns no INFO data (it never sets the length)";
    }
    const char* why = "pds fwctl offers no RPC known to be read-only, so none is sent; "
                      "use 'devlink dev info' for pds_core firmware versions";
    out.notes["firmware"] = why;
    out.notes["config"] = why;
    out.notes["health"] = why;
    return out;
}

}  // namespace fwctl::plugins::pds
