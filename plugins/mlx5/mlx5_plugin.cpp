// Orchestration only: decode FWCTL_INFO, then let each reader fill its section
// (mlx5_firmware.cpp, mlx5_nv_reader.cpp, mlx5_health.cpp) through one Mailbox.
#include "plugins/mlx5/mlx5_plugin.hpp"

#include "collector/hex.hpp"
#include "plugins/mlx5/mlx5_allowlist.hpp"
#include "plugins/mlx5/mlx5_firmware.hpp"
#include "plugins/mlx5/mlx5_health.hpp"
#include "plugins/mlx5/mlx5_mailbox.hpp"
#include "plugins/mlx5/mlx5_nv_reader.hpp"
#include "plugins/mlx5/mlx5_wire.hpp"

namespace fwctl::plugins::mlx5 {

namespace {

constexpr const char* no_tools_resources_hint =
    "this fwctl context lacks TOOLS_RESOURCES (see notes.device), which is the likely reason";

}  // namespace

const PluginInfo& Mlx5Plugin::info() const
{
    static const PluginInfo info{"mlx5", 1, "NVIDIA ConnectX / BlueField (mlx5_core)"};
    return info;
}

std::span<const RpcRule> Mlx5Plugin::allowlist() const { return mlx5::allowlist(); }

PluginSections Mlx5Plugin::inspect(RpcChannel& rpc, const DeviceIdentity&, const InfoData& info) const
{
    PluginSections out;
    bool tools_resources = true;  // unknown: assume the firmware decides
    auto decoded = decode_info(info.data);
    if (decoded) {
        tools_resources = decoded->tools_resources;
        out.info = {{"uid", decoded->uid},
                    {"uctx_caps", hex_id(decoded->uctx_caps)},
                    {"tools_resources", decoded->tools_resources}};
        if (!decoded->tools_resources) {
            out.notes["device"] =
                "the firmware did not grant TOOLS_RESOURCES to this fwctl context (uctx_caps "
                "lacks 0x4), so it refuses most global queries; sections may be empty for that reason";
        }
    } else {
        out.errors.push_back(ErrorEntry::from("plugin", decoded.error()));
    }

    ChannelMailbox mailbox(rpc);
    Findings findings(mailbox);
    const auto mgir = read_firmware(findings);
    read_config(findings);
    read_health(findings, mgir);
    if (!tools_resources) {
        for (const char* section : {"firmware", "config", "health"}) {
            if (findings.section_refused(section)) {
                findings.note(section, no_tools_resources_hint);
            }
        }
    }
    return findings.finish(std::move(out));
}

}  // namespace fwctl::plugins::mlx5
