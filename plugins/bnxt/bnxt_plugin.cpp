#include "plugins/bnxt/bnxt_plugin.hpp"

#include <cstring>

#include "collector/hex.hpp"
#include "plugins/bnxt/bnxt_allowlist.hpp"
#include "plugins/bnxt/bnxt_wire.hpp"

namespace fwctl::plugins::bnxt {

namespace {

// Sends one HWRM request and checks the ioctl errno and the in-band error_code.
Result<std::vector<std::uint8_t>> command(RpcChannel& rpc, const RpcRule& rule,
                                          const std::vector<std::uint8_t>& request)
{
    auto reply = rpc.call(rule, request, hwrm_max_resp_len);
    if (!reply) {
        return std::unexpected(reply.error());
    }
    auto header = decode_output_header(reply->bytes);
    if (!header) {
        rpc.note_device_error();
        return std::unexpected(header.error());
    }
    if (header->error_code != 0) {
        rpc.note_device_error();
        const auto as_signed = static_cast<std::int16_t>(header->error_code);
        std::string why = as_signed < 0 && as_signed > -4096
                              ? "the message failed before reaching firmware (errno " +
                                    std::to_string(-as_signed) + ")"
                              : "firmware returned HWRM error " + hex_id(header->error_code, 4);
        return fail(Errc::device_status, rpc.device_name() + " " + std::string(rule.name), why);
    }
    return std::move(reply->bytes);
}

}  // namespace

const PluginInfo& BnxtPlugin::info() const
{
    static const PluginInfo info{"bnxt", 3, "Broadcom NetXtreme-E/-C (bnxt_en)"};
    return info;
}

std::span<const RpcRule> BnxtPlugin::allowlist() const { return bnxt::allowlist(); }

PluginSections BnxtPlugin::inspect(RpcChannel& rpc, const DeviceIdentity&, const InfoData& info) const
{
    PluginSections out;
    if (info.data.size() >= 4) {
        std::uint32_t caps = 0;
        std::memcpy(&caps, info.data.data(), 4);  // struct fwctl_info_bnxt, host order
        out.info = {{"uctx_caps", hex_id(caps)}};
    }

    auto reply = command(rpc, ver_get_rule(), build_ver_get());
    if (reply) {
        if (auto v = decode_ver_get(*reply)) {
            out.firmware = {{"running", v->firmware},
                            {"package", v->package},
                            {"management", v->mgmt_firmware},
                            {"hwrm_interface", v->hwrm_interface},
                            {"chip_num", hex_id(v->chip_num, 4)},
                            {"chip_rev", v->chip_rev},
                            {"device_not_ready", v->device_not_ready}};
        } else {
            out.errors.push_back(ErrorEntry::from("rpc", v.error()));
        }
    } else {
        out.errors.push_back(ErrorEntry::from("rpc", reply.error()));
    }
    out.notes["config"] =
        "the bnxt fwctl driver refuses NVM_GET_VARIABLE, so NVM configuration cannot be read through fwctl";
    out.notes["health"] = "health queries are not sent by this version of the bnxt plugin";
    return out;
}

}  // namespace fwctl::plugins::bnxt
