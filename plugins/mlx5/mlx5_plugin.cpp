#include "plugins/mlx5/mlx5_plugin.hpp"

#include "collector/hex.hpp"
#include "plugins/mlx5/mlx5_allowlist.hpp"
#include "plugins/mlx5/mlx5_wire.hpp"

namespace fwctl::plugins::mlx5 {

namespace {

// Sends one mailbox command and checks both layers of status: the ioctl's
// errno (delivery) and the mailbox status (the firmware's answer; the driver
// turns firmware errors into a successful ioctl).
Result<std::vector<std::uint8_t>> command(RpcChannel& rpc, const RpcRule& rule,
                                          const std::vector<std::uint8_t>& request,
                                          std::size_t reply_len)
{
    auto reply = rpc.call(rule, request, reply_len);
    if (!reply) {
        return std::unexpected(reply.error());
    }
    auto status = decode_status(reply->bytes);
    if (!status) {
        rpc.note_device_error();
        return std::unexpected(status.error());
    }
    if (status->status != 0) {
        rpc.note_device_error();
        return fail(Errc::device_status, rpc.device_name() + " " + std::string(rule.name),
                    "firmware returned status " + hex_id(status->status, 2) + " (" +
                        std::string(status_name(status->status)) + "), syndrome " +
                        hex_id(status->syndrome, 8));
    }
    return std::move(reply->bytes);
}

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
    auto decoded = decode_info(info.data);
    if (decoded) {
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

    auto adapter = command(rpc, query_adapter_rule(), build_query_adapter(), query_adapter_out_len);
    if (adapter) {
        if (auto a = decode_query_adapter(*adapter)) {
            out.firmware["psid"] = a->psid;
            out.firmware["ieee_vendor_id"] = hex_id(a->ieee_vendor_id, 6);
        } else {
            out.errors.push_back(ErrorEntry::from("rpc", a.error()));
        }
    } else {
        out.errors.push_back(ErrorEntry::from("rpc", adapter.error()));
    }

    out.notes["config"] = "persistent configuration (MNVDA) is not read by this version of the mlx5 plugin";
    out.notes["health"] = "health registers are not read by this version of the mlx5 plugin";
    return out;
}

}  // namespace fwctl::plugins::mlx5
