#include "plugins/pds/pds_plugin.hpp"

#include "plugins/pds/pds_allowlist.hpp"

namespace fwctl::plugins::pds {

namespace {

// Why nothing is sent (drivers/fwctl/pds/main.c): the kernel learns the
// firmware's endpoints and operations at probe time and keeps them to itself,
// operations the firmware marks READ, WRITE or SYNC all map to scope 0, and
// what an operation does is defined only in AMD's firmware SDK. So no request
// can be shown to be read-only, and the allowlist is empty.
constexpr const char* kNoRpc = "no read-only inspection RPC is known for this device type, so the pds plugin "
                               "sends none";

}  // namespace

const PluginInfo& PdsPlugin::info() const
{
    static const PluginInfo info{"pds", 4, "AMD/Pensando DSC (pds_core)"};
    return info;
}

std::span<const RpcRule> PdsPlugin::allowlist() const { return pds::allowlist(); }

PluginSections PdsPlugin::inspect(RpcChannel&, const DeviceIdentity&, const InfoData& info) const
{
    PluginSections out;
    // The shared firmware keys, all unknown: consumers read the same shape for every device.
    out.firmware = {{"running", nullptr}, {"stored", nullptr}, {"pending_activation", nullptr}};
    if (info.data.empty()) {
        out.notes["info"] = "the pds fwctl driver returns no FWCTL_INFO data: its info op never sets the "
                            "length, so the kernel reports 0 bytes";
    }
    out.notes["firmware"] = std::string(kNoRpc) +
                            "; 'devlink dev info' shows pds_core's running firmware (fw) and the stored "
                            "slots fw.goldfw, fw.mainfwa and fw.mainfwb";
    out.notes["config"] = std::string(kNoRpc) + "; no configuration is read";
    out.notes["health"] = std::string(kNoRpc) +
                          "; 'devlink health diagnose <device> reporter fw' shows pds_core's firmware "
                          "status (healthy, unhealthy or dead)";
    return out;
}

}  // namespace fwctl::plugins::pds
