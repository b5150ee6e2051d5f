#include "plugins/bnxt/bnxt_sections.hpp"

#include <cstring>
#include <vector>

#include "collector/hex.hpp"
#include "plugins/bnxt/bnxt_catalogue.hpp"

namespace fwctl::plugins::bnxt {

namespace {

constexpr std::uint32_t uctx_caps_dma_commands = 1u << 3;

// A version that is all zero means "not present" (devlink leaves it out).
Tree version_or_null(const std::optional<Version4>& v)
{
    return v && !v->is_zero() ? Tree(v->text()) : Tree(nullptr);
}

Tree names(const std::vector<std::string>& list)
{
    Tree out = Tree::array();
    for (const auto& n : list) {
        out.push_back(n);
    }
    return out;
}

void add_note(std::string& notes, const std::string& note)
{
    if (!notes.empty()) {
        notes += "; ";
    }
    notes += note;
}

// devlink asic.rev: 'A' + chip_rev, then chip_metal ("B1").
std::string asic_rev(std::uint8_t rev, std::uint8_t metal)
{
    if (rev >= 26) {
        return "rev " + std::to_string(rev) + " metal " + std::to_string(metal);
    }
    return std::string(1, static_cast<char>('A' + rev)) + std::to_string(metal);
}

const ComponentVersion& running_of(const VerGet& v, ComponentId id)
{
    switch (id) {
    case ComponentId::mgmt: return v.hwrm_fw;
    case ComponentId::ncsi: return v.mgmt_fw;
    case ComponentId::roce: return v.roce_fw;
    case ComponentId::netctrl: break;
    }
    return v.netctrl_fw;
}

const std::optional<Version4>& stored_of(const NvmDevInfo& n, ComponentId id)
{
    switch (id) {
    case ComponentId::mgmt: return n.hwrm_fw;
    case ComponentId::ncsi: return n.mgmt_fw;
    case ComponentId::roce: return n.roce_fw;
    case ComponentId::netctrl: break;
    }
    return n.netctrl_fw;
}

Tree chip_tree(const VerGet& v)
{
    return {{"num", hex_id(v.chip_num, 4)},
            {"rev", v.chip_rev},
            {"metal", v.chip_metal},
            {"asic_rev", asic_rev(v.chip_rev, v.chip_metal)},
            {"bond_id", v.chip_bond_id},
            {"platform", chip_platform_name(v.chip_platform_type)}};
}

Tree nvm_tree(const NvmDevInfo& n)
{
    const std::string cfg = std::to_string(n.nvm_cfg_ver[0]) + "." + std::to_string(n.nvm_cfg_ver[1]) + "." +
                            std::to_string(n.nvm_cfg_ver[2]);
    return {{"flash_manufacturer_id", hex_id(n.manufacturer_id, 4)},
            {"flash_device_id", hex_id(n.device_id, 4)},
            {"sector_size", n.sector_size},
            {"nvram_size", n.nvram_size},
            {"reserved_size", n.reserved_size},
            {"available_size", n.available_size},
            {"cfg_version", cfg},
            {"stored_versions_valid", n.fw_ver_valid()},
            {"srt2_stored", version_or_null(n.srt2_fw)},
            {"security_soc_stored", version_or_null(n.security_soc_fw)}};
}

Tree temperature_tree(const TempMonitor& t)
{
    const auto celsius = [](const std::optional<std::uint8_t>& c) { return c ? Tree(*c) : Tree(nullptr); };
    Tree out = {{"chip_celsius", celsius(t.chip)},
                {"phy_celsius", celsius(t.phy)},
                {"optical_module_present", t.optical_module_present},
                {"optical_module_celsius", celsius(t.optical_module)}};
    out["secondary"] = t.extended_valid ? Tree{{"chip_celsius", t.chip2},
                                               {"phy_celsius", t.phy2},
                                               {"optical_module_celsius", t.optical_module2}}
                                        : Tree(nullptr);
    out["thresholds_celsius"] = t.thresholds_valid ? Tree{{"warning", t.warn},
                                                          {"critical", t.critical},
                                                          {"fatal", t.fatal},
                                                          {"shutdown", t.shutdown}}
                                                   : Tree(nullptr);
    return out;
}

}  // namespace

std::optional<std::uint32_t> uctx_caps_of(std::span<const std::uint8_t> info)
{
    if (info.size() < 4) {
        return std::nullopt;
    }
    std::uint32_t caps = 0;
    std::memcpy(&caps, info.data(), 4);  // host order, like every fwctl INFO struct
    return caps;
}

Section info_section(std::span<const std::uint8_t> info)
{
    Section s;
    s.tree = Tree::object();
    const auto caps = uctx_caps_of(info);
    if (!caps) {
        s.note = "FWCTL_INFO returned " + std::to_string(info.size()) +
                 " bytes, fewer than struct fwctl_info_bnxt (4), so uctx_caps is unknown";
        return s;
    }
    const DecodedBits bits = decode_bits(*caps, uctx_caps_bits());
    s.tree["uctx_caps"] = hex_id(*caps);
    s.tree["capabilities"] = names(bits.names);
    if (bits.unknown != 0) {
        s.tree["unknown_capability_bits"] = hex_id(bits.unknown);
    }
    return s;
}

Section firmware_section(const Result<VerGet>& ver, const Result<NvmDevInfo>& nvm)
{
    Section s;
    const VerGet* v = ver ? &*ver : nullptr;
    const NvmDevInfo* n = nvm ? &*nvm : nullptr;

    // The package version: devlink's "fw", running (VER_GET) and stored (flash).
    std::optional<std::string> running, stored;
    if (v != nullptr && !v->active_pkg_name.empty()) {
        running = v->active_pkg_name;
    }
    if (n != nullptr && n->pkg_name && !n->pkg_name->empty()) {
        stored = *n->pkg_name;
    }
    s.tree["running"] = running ? Tree(*running) : Tree(nullptr);
    s.tree["stored"] = stored ? Tree(*stored) : Tree(nullptr);
    s.tree["pending_activation"] = running && stored ? Tree(*running != *stored) : Tree(nullptr);

    Tree components_tree = Tree::object();
    for (const Component& c : components()) {
        const std::optional<Version4> run =
            v != nullptr ? std::optional<Version4>(v->devlink_version(running_of(*v, c.id))) : std::nullopt;
        const std::optional<Version4> none;
        components_tree[std::string(c.key)] = {
            {"devlink", c.devlink.empty() ? Tree(nullptr) : Tree(c.devlink)},
            {"hsi_name", c.hsi},
            {"running", version_or_null(run)},
            {"stored", version_or_null(n != nullptr ? stored_of(*n, c.id) : none)}};
    }
    s.tree["components"] = std::move(components_tree);

    if (v != nullptr) {
        s.tree["ethtool_firmware_version"] = v->ethtool_firmware_version();
        s.tree["hwrm_interface"] = std::to_string(v->hwrm_interface[0]) + "." +
                                   std::to_string(v->hwrm_interface[1]) + "." +
                                   std::to_string(v->hwrm_interface[2]);
        s.tree["chip"] = chip_tree(*v);
        s.tree["device_not_ready"] = v->device_not_ready();
        s.tree["capabilities"] = names(decode_bits(v->dev_caps_cfg, dev_caps_bits()).names);
    } else {
        for (const char* key : {"ethtool_firmware_version", "hwrm_interface", "chip", "device_not_ready",
                                "capabilities"}) {
            s.tree[key] = nullptr;
        }
    }
    s.tree["nvm"] = n != nullptr ? nvm_tree(*n) : Tree(nullptr);

    if (v == nullptr) {
        add_note(s.note, "HWRM_VER_GET failed, so running versions and chip identity are missing (see errors)");
    } else {
        if (v->active_pkg_name.empty()) {
            add_note(s.note, "firmware reports no active package name, so running is null; "
                             "components lists the running component versions");
        }
        if (v->device_not_ready()) {
            add_note(s.note, "VER_GET says the device is not ready (DEV_NOT_RDY): bnxt_en stops using "
                             "such a device, and these versions may not be meaningful");
        }
    }
    if (n == nullptr) {
        add_note(s.note, "HWRM_NVM_GET_DEV_INFO failed, so stored versions and flash details are missing "
                         "(see errors)");
    } else if (!n->fw_ver_valid()) {
        add_note(s.note, "NVM_GET_DEV_INFO does not report stored versions (FW_VER_VALID is clear), so "
                         "stored is null; bnxt_en would read them from the NVM package log, which fwctl "
                         "does not expose");
    } else if (!stored) {
        add_note(s.note, "NVM_GET_DEV_INFO reports an empty stored package name, so stored is null");
    }
    return s;
}

Section health_section(const Result<FwHealthCheck>& check, const Result<FwQstatus>& qstatus,
                       std::uint8_t processor, const Result<TempMonitor>& temperature)
{
    Section s;
    s.tree = Tree::object();
    if (check) {
        const DecodedBits bits = decode_bits(check->fw_status, fw_status_bits());
        Tree t = {{"fw_status", hex_id(check->fw_status, 8)},
                  {"flags", names(bits.names)},
                  {"problems", names(bits.problems)}};
        if (bits.unknown != 0) {
            t["unknown_bits"] = hex_id(bits.unknown, 8);
        }
        s.tree["fw_health_check"] = std::move(t);
    } else {
        s.tree["fw_health_check"] = nullptr;
        add_note(s.note, "fw_health_check is null: HWRM_FW_HEALTH_CHECK failed (see errors)");
    }
    if (qstatus) {
        s.tree["fw_qstatus"] = {{"processor", embedded_proc_name(processor)},
                                {"self_reset", selfrst_status_name(qstatus->selfrst_status)},
                                {"nvm_option_action", nvm_option_action_name(qstatus->nvm_option_action_status)}};
    } else {
        s.tree["fw_qstatus"] = nullptr;
        add_note(s.note, "fw_qstatus is null: HWRM_FW_QSTATUS failed (see errors)");
    }
    if (temperature) {
        s.tree["temperature"] = temperature_tree(*temperature);
    } else {
        s.tree["temperature"] = nullptr;
        add_note(s.note, "temperature is null: HWRM_TEMP_MONITOR_QUERY failed (see errors)");
    }
    return s;
}

std::string config_note(std::optional<std::uint32_t> uctx_caps)
{
    std::string note =
        "no NVM configuration is read: the plugin sends no HWRM_NVM_GET_VARIABLE, and the command is not on "
        "its allowlist. The bnxt fwctl driver as first merged refuses NVM_GET_VARIABLE, NVM_READ and "
        "NVM_GET_DIR_ENTRIES at every scope. A later driver (uctx_caps bit 3, dma_commands) accepts "
        "NVM_GET_VARIABLE at scope 0 (CONFIGURATION), but the request must carry a user-space buffer "
        "address for DMA, which the read-only guard cannot check, its data_len units are not documented, "
        "and the option numbers of bnxt NVM variables are not public. ";
    if (!uctx_caps) {
        note += "This device's driver capabilities are unknown (no FWCTL_INFO data)";
    } else if ((*uctx_caps & uctx_caps_dma_commands) != 0) {
        note += "This device's driver offers dma_commands (uctx_caps " + hex_id(*uctx_caps) + ")";
    } else {
        note += "This device's driver does not offer dma_commands (uctx_caps " + hex_id(*uctx_caps) + ")";
    }
    return note;
}

}  // namespace fwctl::plugins::bnxt
