#include "plugins/cxl/cxl_plugin.hpp"

#include <algorithm>

#include "collector/hex.hpp"
#include "plugins/cxl/cxl_allowlist.hpp"
#include "plugins/cxl/cxl_wire.hpp"

namespace fwctl::plugins::cxl {

namespace {

Result<SupportedFeatures> get_supported_features(RpcChannel& rpc, std::uint32_t entries)
{
    const auto& rule = get_supported_features_rule();
    auto reply = rpc.call(rule, build_get_supported_features(entries * feature_entry_len, 0),
                          supported_features_reply_len(entries));
    if (!reply) {
        return std::unexpected(reply.error());
    }
    auto decoded = decode_supported_features(reply->bytes);
    if (!decoded) {
        rpc.note_device_error();
        Error e = decoded.error();
        e.where = rpc.device_name() + " " + e.where;
        return std::unexpected(e);
    }
    if (decoded->retval != 0) {
        rpc.note_device_error();
        return fail(Errc::device_status, rpc.device_name() + " " + std::string(rule.name),
                    "device returned CXL mailbox code " + hex_id(decoded->retval, 4));
    }
    return decoded;
}

Tree describe(const FeatureEntry& e)
{
    const auto name = known_feature_name(e.uuid);
    return {{"uuid", uuid_text(e.uuid)},
            {"name", name.empty() ? Tree(nullptr) : Tree(std::string(name))},
            {"id", e.id},
            {"changeable", (e.flags & 0x1u) != 0},
            {"flags", hex_id(e.flags, 8)},
            {"effects", hex_id(e.effects, 4)},
            {"get_size", e.get_size},
            {"set_size", e.set_size}};
}

}  // namespace

const PluginInfo& CxlPlugin::info() const
{
    static const PluginInfo info{"cxl", 2, "CXL memory devices (Features mailbox)"};
    return info;
}

std::span<const RpcRule> CxlPlugin::allowlist() const { return cxl::allowlist(); }

PluginSections CxlPlugin::inspect(RpcChannel& rpc, const DeviceIdentity&, const InfoData&) const
{
    PluginSections out;
    // First ask with room for no entries to learn the count, then for all of them.
    auto count = get_supported_features(rpc, 0);
    if (!count) {
        out.errors.push_back(ErrorEntry::from("rpc", count.error()));
        out.notes["config"] = "the supported features could not be listed; see errors";
    } else if (count->total == 0) {
        out.notes["config"] = "the device reports no features";
    } else {
        const std::uint32_t wanted = std::min<std::uint32_t>(count->total, max_features);
        auto all = get_supported_features(rpc, wanted);
        if (!all) {
            out.errors.push_back(ErrorEntry::from("rpc", all.error()));
        } else {
            for (const auto& entry : all->entries) {
                out.config.push_back(describe(entry));
            }
            out.notes["config"] = "feature values (current/default/saved) are not read by this version "
                                  "of the cxl plugin; the list shows the supported features";
        }
    }
    out.notes["firmware"] = "CXL fwctl carries only Features commands; firmware version comes from "
                            "the memdev's sysfs in a later version";
    out.notes["health"] = "CXL fwctl carries no health command; not collected";
    return out;
}

}  // namespace fwctl::plugins::cxl
