#include "plugins/mlx5/mlx5_firmware.hpp"

#include <string>

#include "collector/hex.hpp"
#include "plugins/mlx5/mlx5_allowlist.hpp"
#include "plugins/mlx5/mlx5_wire.hpp"

namespace fwctl::plugins::mlx5 {

namespace {

const std::string section = "firmware";

// The kernel walks MCQS from index 0 until it meets the boot image or the last
// index; real devices list a handful of components, so 16 is a generous bound.
constexpr std::uint16_t max_components = 16;

struct Versions {
    std::optional<std::string> running, stored;
    std::optional<bool> pending;
    std::optional<std::uint8_t> update_state;
};

std::optional<AdapterInfo> read_adapter(Findings& f)
{
    const Outcome o = f.query(query_adapter_rule(), build_query_adapter(), section);
    if (!o.accepted()) {
        f.note(section, "board id unknown: QUERY_ADAPTER failed: " + o.reason());
        return std::nullopt;
    }
    auto adapter = decode_query_adapter(o.reply.bytes);
    if (!adapter) {
        f.error(adapter.error());
        return std::nullopt;
    }
    return *adapter;
}

std::optional<MgirInfo> read_mgir(Findings& f)
{
    const Outcome o = f.query(mgir_rule(), build_mgir_read(), section);
    if (!o.accepted()) {
        f.note(section, "build date, INI and extended versions unknown: MGIR was " +
                            std::string(o.refused() ? "refused: " : "not read: ") + o.reason());
        return std::nullopt;
    }
    auto mgir = decode_mgir(o.reply.bytes);
    if (!mgir) {
        f.error(mgir.error());
        return std::nullopt;
    }
    return *mgir;
}

// MCQS from index 0 to the boot image (identifier BOOT_IMG).
std::optional<McqsInfo> find_boot_image(Findings& f)
{
    for (std::uint16_t index = 0; index < max_components; ++index) {
        const Outcome o = f.query(mcqs_rule(), build_mcqs_read(index), section);
        if (!o.accepted()) {
            f.note(section, "running and stored versions unknown: MCQS was " +
                                std::string(o.refused() ? "refused: " : "not read: ") + o.reason());
            return std::nullopt;
        }
        auto component = decode_mcqs(o.reply.bytes);
        if (!component) {
            f.error(component.error());
            f.note(section, "running and stored versions unknown: the MCQS reply did not decode");
            return std::nullopt;
        }
        if (component->identifier == component_boot_image) {
            component->component_index = index;  // address MCQI by the index we asked for
            return *component;
        }
        if (component->last_index) {
            break;
        }
    }
    f.note(section, "running and stored versions unknown: MCQS lists no boot image component");
    return std::nullopt;
}

std::optional<std::string> read_version(Findings& f, std::uint16_t component, bool pending)
{
    const char* which = pending ? "stored" : "running";
    const Outcome o = f.query(mcqi_rule(), build_mcqi_version_read(component, pending), section);
    if (!o.accepted()) {
        f.note(section, std::string(which) + " version unknown: MCQI was " +
                            (o.refused() ? "refused: " : "not read: ") + o.reason());
        return std::nullopt;
    }
    auto version = decode_mcqi_version(o.reply.bytes);
    if (!version) {
        f.error(version.error());
        f.note(section, std::string(which) + " version unknown: the MCQI reply did not decode");
        return std::nullopt;
    }
    return format_fw_version(version->version);
}

Versions read_versions(Findings& f)
{
    Versions v;
    const auto boot = find_boot_image(f);
    if (!boot) {
        return v;
    }
    v.update_state = boot->update_state;
    v.running = read_version(f, boot->component_index, false);
    switch (boot->update_state) {
    case update_state_idle:
        v.pending = false;  // nothing staged: the kernel reports no stored version either
        break;
    case update_state_active_pending_reset:
        v.pending = true;
        // No second MCQI when the first one already failed: same register, same component.
        if (v.running) {
            v.stored = read_version(f, boot->component_index, true);
        } else {
            f.note(section, "stored version not queried: MCQI already failed for the running image");
        }
        break;
    default:
        f.note(section, "the boot image's update state is " + std::string(update_state_name(boot->update_state)) +
                            ", so whether an update waits for activation is unknown (the kernel reports "
                            "no stored version in this state)");
        break;
    }
    return v;
}

}  // namespace

std::optional<MgirInfo> read_firmware(Findings& f)
{
    const auto adapter = read_adapter(f);
    const auto mgir = read_mgir(f);
    Versions v = read_versions(f);
    if (!v.running && mgir) {
        v.running = mgir_version(*mgir);
        f.note(section, "running version taken from MGIR because MCQI did not give it");
    }

    Tree& fw = f.firmware;
    fw["running"] = v.running ? Tree(*v.running) : Tree(nullptr);
    fw["stored"] = v.stored ? Tree(*v.stored) : Tree(nullptr);
    fw["pending_activation"] = v.pending ? Tree(*v.pending) : Tree(nullptr);
    if (v.update_state) {
        fw["update_state"] = std::string(update_state_name(*v.update_state));
    }
    if (adapter) {
        fw["psid"] = adapter->psid;
        fw["ieee_vendor_id"] = hex_id(adapter->ieee_vendor_id, 6);
    } else if (mgir && !mgir->psid.empty()) {
        fw["psid"] = mgir->psid;
    }
    if (mgir) {
        if (auto date = mgir_build_date(*mgir)) {
            fw["build_date"] = *date;
            if (auto time = mgir_build_time(*mgir)) {
                fw["build_time"] = *time;
            }
        } else {
            f.note(section, "MGIR's build date is not a valid BCD date and is left out");
        }
        fw["ini_version"] = mgir->ini_file_version;
        if (mgir_has_extended_version(*mgir)) {
            fw["extended_version"] = mgir_version(*mgir);
        }
        fw["signed_fw"] = mgir->signed_fw;
        fw["secured"] = mgir->secured;
    }
    return mgir;
}

}  // namespace fwctl::plugins::mlx5
