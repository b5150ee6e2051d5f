#include "plugins/cxl/cxl_plugin.hpp"

#include "plugins/cxl/cxl_allowlist.hpp"
#include "plugins/cxl/cxl_config.hpp"
#include "plugins/cxl/cxl_features.hpp"
#include "plugins/cxl/cxl_memdev.hpp"
#include "plugins/cxl/cxl_reads.hpp"
#include "plugins/cxl/cxl_wire.hpp"

namespace fwctl::plugins::cxl {

namespace {

// The channel's errors name the device and rule; a decoder's error names only the
// command, so the device is added here.
Error on_device(RpcChannel& rpc, Error e)
{
    e.where = rpc.device_name() + " " + e.where;
    return e;
}

FetchSupported fetch_supported(RpcChannel& rpc)
{
    return [&rpc](std::uint32_t entries, std::uint16_t start) -> Result<SupportedFeatures> {
        auto reply = rpc.call(get_supported_features_rule(), build_get_supported_features(entries, start),
                              supported_features_reply_len(entries));
        if (!reply) {
            return std::unexpected(reply.error());
        }
        auto decoded = decode_supported_features(reply->bytes);
        if (!decoded) {
            rpc.note_device_error();
            return std::unexpected(on_device(rpc, decoded.error()));
        }
        if (decoded->retval != 0) {
            rpc.note_device_error();
        }
        return decoded;
    };
}

FetchFeature fetch_feature(RpcChannel& rpc, const Uuid& uuid, Selection selection)
{
    return [&rpc, uuid, selection](std::uint16_t offset, std::uint16_t count) -> Result<FeatureData> {
        auto reply = rpc.call(get_feature_rule(selection), build_get_feature(uuid, offset, count, selection),
                              get_feature_reply_len(count));
        if (!reply) {
            return std::unexpected(reply.error());
        }
        auto decoded = decode_get_feature(reply->bytes, count);
        if (!decoded) {
            rpc.note_device_error();
            Error e = on_device(rpc, decoded.error());
            e.where += " (" + std::string(selection_name(selection)) + ")";
            return std::unexpected(e);
        }
        if (decoded->retval != 0 || decoded->data.empty()) {
            rpc.note_device_error();  // refused in-band, or the kernel's short-read report
        }
        return decoded;
    };
}

std::string feature_label(const FeatureEntry& entry)
{
    const KnownFeature* known = find_known_feature(entry.uuid);
    return "feature " + uuid_text(entry.uuid) + (known ? " (" + std::string(known->name) + ")" : "");
}

// One selection of one feature: read it if the feature offers it (flags), else say
// why it was not requested. Only readable features (get_size > 0) get here.
ValueRead read_selection(RpcChannel& rpc, const FeatureEntry& entry, Selection selection)
{
    if (selection == Selection::default_value && (entry.flags & feature_default_selection) == 0) {
        return ValueRead::not_requested(
            "not requested: the feature offers no default selection (flags bit 5, DEFAULT_SEL, is clear)");
    }
    if (selection == Selection::saved && (entry.flags & feature_saved_selection) == 0) {
        return ValueRead::not_requested(
            "not requested: the feature offers no saved selection (flags bit 6, SAVED_SEL, is clear)");
    }
    const std::string what = rpc.device_name() + " " + std::string(get_feature_rule(selection).name);
    return read_feature_value(fetch_feature(rpc, entry.uuid, selection), entry.get_size, what,
                              feature_label(entry));
}

FeatureReads read_feature(RpcChannel& rpc, const FeatureEntry& entry)
{
    if (entry.get_size == 0) {
        const auto none = ValueRead::not_requested("not requested: get_feat_size is 0, the feature has no "
                                                   "readable data");
        return {none, none, none};
    }
    return {read_selection(rpc, entry, Selection::current),
            read_selection(rpc, entry, Selection::default_value),
            read_selection(rpc, entry, Selection::saved)};
}

// Config: the feature list, then each feature's values. Returns the note for
// `config` (empty when the section is complete).
std::string collect_config(RpcChannel& rpc, PluginSections& out)
{
    const std::string what = rpc.device_name() + " " + std::string(get_supported_features_rule().name);
    auto list = read_feature_list(fetch_supported(rpc), what);
    if (!list) {
        out.errors.push_back(ErrorEntry::from("rpc", list.error()));
        return "the supported features could not be listed; see errors";
    }
    if (list->total == 0) {
        return "the device reports no features";
    }
    std::size_t incomplete = 0;
    for (const auto& entry : list->entries) {
        const FeatureReads reads = read_feature(rpc, entry);
        for (const ValueRead* v : {&reads.current, &reads.default_value, &reads.saved}) {
            if (v->error) {
                out.errors.push_back(ErrorEntry::from("rpc", *v->error));
            }
        }
        const Tree entries = feature_config_entries(entry, reads);
        const auto& status = entries.front()["status"];
        if (status != "ok" && status != "unavailable") {  // unavailable: nothing to read
            ++incomplete;
        }
        for (const auto& e : entries) {
            out.config.push_back(e);
        }
    }

    std::string note;
    if (list->incomplete) {
        out.errors.push_back(ErrorEntry::from("rpc", *list->incomplete));
        note = "the feature list is incomplete (" + std::to_string(list->entries.size()) + " of " +
               std::to_string(list->total) + " features could be listed); see errors.";
    } else if (list->total > list->entries.size()) {
        note = "the device reports " + std::to_string(list->total) + " features; only the first " +
               std::to_string(list->entries.size()) + " are read.";
    }
    if (incomplete > 0) {
        note += std::string(note.empty() ? "" : " ") + std::to_string(incomplete) + " of " +
                std::to_string(list->entries.size()) +
                " features could not be read completely; see each entry's status and unavailable.";
    }
    return note;
}

}  // namespace

const PluginInfo& CxlPlugin::info() const
{
    static const PluginInfo info{"cxl", 2, "CXL memory devices (Features mailbox, memdev sysfs)"};
    return info;
}

std::span<const RpcRule> CxlPlugin::allowlist() const { return cxl::allowlist(); }

std::span<const std::string_view> CxlPlugin::parent_attributes() const { return memdev_attributes(); }

PluginSections CxlPlugin::inspect(RpcChannel& rpc, const DeviceIdentity& identity, const InfoData&) const
{
    PluginSections out;
    out.notes["info"] = "the CXL fwctl driver has no info op: FWCTL_INFO carries no device data, by design";

    auto firmware = memdev_firmware(identity);
    out.firmware = std::move(firmware.firmware);
    out.notes["firmware"] = std::move(firmware.note);

    if (auto note = collect_config(rpc, out); !note.empty()) {
        out.notes["config"] = std::move(note);
    }
    out.notes["health"] = "CXL fwctl carries no health command (only the Features commands pass); health is "
                          "not collected";
    return out;
}

}  // namespace fwctl::plugins::cxl
