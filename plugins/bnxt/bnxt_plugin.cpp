#include "plugins/bnxt/bnxt_plugin.hpp"

#include "plugins/bnxt/bnxt_allowlist.hpp"
#include "plugins/bnxt/bnxt_sections.hpp"
#include "plugins/bnxt/bnxt_wire.hpp"

namespace fwctl::plugins::bnxt {

namespace {

// One HWRM query: send through the guard, decode, and record any failure.
// A delivery failure (errno) is already counted by the channel; an in-band
// error_code or an undecodable reply is counted here. Either way the error
// goes to `errors` and the caller carries on with the next query.
template <class Decoder>
auto query(RpcChannel& rpc, const RpcRule& rule, const std::vector<std::uint8_t>& request, Decoder decode,
           std::vector<ErrorEntry>& errors) -> decltype(decode(std::span<const std::uint8_t>{}))
{
    auto reply = rpc.call(rule, request, hwrm_max_resp_len);
    if (!reply) {
        errors.push_back(ErrorEntry::from("rpc", reply.error()));
        return std::unexpected(reply.error());
    }
    auto decoded = decode(std::span<const std::uint8_t>(reply->bytes));
    if (!decoded) {
        rpc.note_device_error();
        Error e = decoded.error();
        e.where = rpc.device_name() + " " + std::string(rule.name);
        errors.push_back(ErrorEntry::from("rpc", e));
        return std::unexpected(std::move(e));
    }
    return decoded;
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
    auto put_note = [&](const char* section, const std::string& note) {
        if (!note.empty()) {
            out.notes[section] = note;
        }
    };

    Section info_part = info_section(info.data);
    out.info = std::move(info_part.tree);
    put_note("info", info_part.note);

    // Five queries, each independent: a failure costs only what it would have told.
    auto& errors = out.errors;
    const auto ver = query(rpc, ver_get_rule(), build_ver_get(), decode_ver_get, errors);
    const auto nvm = query(rpc, nvm_get_dev_info_rule(), build_nvm_get_dev_info(), decode_nvm_get_dev_info, errors);
    const auto qstatus = query(rpc, fw_qstatus_rule(), build_fw_qstatus(embedded_proc_chip), decode_fw_qstatus, errors);
    const auto check = query(rpc, fw_health_check_rule(), build_fw_health_check(), decode_fw_health_check, errors);
    const auto temperature =
        query(rpc, temp_monitor_query_rule(), build_temp_monitor_query(), decode_temp_monitor_query, errors);

    Section firmware = firmware_section(ver, nvm);
    out.firmware = std::move(firmware.tree);
    put_note("firmware", firmware.note);

    Section health = health_section(check, qstatus, embedded_proc_chip, temperature);
    out.health = std::move(health.tree);
    put_note("health", health.note);

    put_note("config", config_note(uctx_caps_of(info.data)));
    return out;
}

}  // namespace fwctl::plugins::bnxt
