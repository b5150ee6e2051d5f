// bnxt wire formats: HWRM requests and responses, little endian, as laid out
// in include/linux/bnxt/hsi.h (HWRM 1.10.3.133) unless a comment says
// otherwise. Pure functions over byte spans: no I/O, no exceptions.
//
// Every response starts with `struct output` (error_code, req_type, seq_id,
// resp_len). The fwctl driver hands back the caller's whole out_len buffer,
// zero past the firmware's data, so decoders trust resp_len, not the buffer
// size, to decide which fields the firmware actually wrote.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "collector/error.hpp"

namespace fwctl::plugins::bnxt {

// cmd_nums (hsi.h): the only commands this plugin builds.
inline constexpr std::uint16_t hwrm_ver_get = 0x0000;
inline constexpr std::uint16_t hwrm_fw_qstatus = 0x00c1;
inline constexpr std::uint16_t hwrm_fw_health_check = 0x00c2;
inline constexpr std::uint16_t hwrm_temp_monitor_query = 0x00e0;
inline constexpr std::uint16_t hwrm_nvm_get_dev_info = 0xfff6;

// sizeof(struct hwrm_*_input): the exact request lengths sent.
inline constexpr std::uint32_t ver_get_in_len = 24;
inline constexpr std::uint32_t nvm_get_dev_info_in_len = 24;
inline constexpr std::uint32_t fw_qstatus_in_len = 24;
inline constexpr std::uint32_t fw_health_check_in_len = 16;
inline constexpr std::uint32_t temp_monitor_query_in_len = 16;

// HWRM_MAX_RESP_LEN: every reply buffer has this size, so newer firmware with
// longer structs still fits.
inline constexpr std::uint32_t hwrm_max_resp_len = 704;
inline constexpr std::uint32_t output_header_len = 8;

// The HSI version this plugin was written against (sent in VER_GET).
inline constexpr std::uint8_t hsi_major = 1, hsi_minor = 10, hsi_update = 3;

// FW_QSTATUS embedded_proc_type the plugin asks about: the whole chip.
inline constexpr std::uint8_t embedded_proc_chip = 6;

// ---------------------------------------------------------------- requests

std::vector<std::uint8_t> build_ver_get();
std::vector<std::uint8_t> build_nvm_get_dev_info();
std::vector<std::uint8_t> build_fw_qstatus(std::uint8_t embedded_proc_type = embedded_proc_chip);
std::vector<std::uint8_t> build_fw_health_check();
std::vector<std::uint8_t> build_temp_monitor_query();

// ---------------------------------------------------------- common header

struct OutputHeader {
    std::uint16_t error_code = 0;  // 0 = success
    std::uint16_t req_type = 0;
    std::uint16_t seq_id = 0;
    std::uint16_t resp_len = 0;
};
Result<OutputHeader> decode_output_header(std::span<const std::uint8_t> reply);

// What a non-zero error_code means. The fwctl driver stores a negative errno
// (as u16) in error_code when bnxt_en failed the message before firmware
// answered; firmware's own codes are small positive numbers or 0x8000 and
// up. 0xffff and 0xfffe are read as HWRM codes (CMD_NOT_SUPPORTED,
// UNKNOWN_ERR), although they are also -EPERM and -ENOENT.
struct HwrmFailure {
    std::uint16_t error_code = 0;
    bool before_firmware = false;  // true: a negative errno from the driver
    int sys_errno = 0;             // set when before_firmware
};
HwrmFailure classify_error_code(std::uint16_t error_code);

// Checks the header of a reply to `req_type` and returns the firmware's data
// (the first resp_len bytes). In-band errors become Errc::device_status (with
// sys_errno for a driver errno); a resp_len outside 8..reply size, or a
// req_type that is not echoed, is Errc::malformed_reply. `what` names the
// command in errors ("HWRM_VER_GET").
Result<std::span<const std::uint8_t>> response_data(std::span<const std::uint8_t> reply,
                                                    std::uint16_t req_type, std::string_view what);

// ------------------------------------------------------------- decoders

struct Version4 {
    std::array<std::uint16_t, 4> part{};  // major, minor, build, patch
    std::string text() const;             // "230.0.156.0"
    bool is_zero() const;
    friend bool operator==(const Version4&, const Version4&) = default;
};

// One firmware component as VER_GET reports it: the legacy 8-bit fields and,
// in replies of 176 bytes, the 16-bit fields.
struct ComponentVersion {
    Version4 legacy;                   // *_8b: maj, min, bld, rsvd
    std::optional<Version4> extended;  // *_major..patch, when the reply has them
};

struct VerGet {
    std::array<std::uint8_t, 3> hwrm_interface{};  // hwrm_intf_{maj,min,upd}_8b
    ComponentVersion hwrm_fw, mgmt_fw, netctrl_fw, roce_fw;
    std::uint32_t dev_caps_cfg = 0;
    std::string hwrm_fw_name, mgmt_fw_name, netctrl_fw_name, active_pkg_name, roce_fw_name;
    std::uint16_t chip_num = 0;
    std::uint8_t chip_rev = 0;
    std::uint8_t chip_metal = 0;
    std::uint8_t chip_bond_id = 0;
    std::uint8_t chip_platform_type = 0;
    std::uint8_t flags = 0;  // bit0 DEV_NOT_RDY, bit1 EXT_VER_AVAIL, bit2 DEV_NOT_RDY_BACKING_STORE

    bool device_not_ready() const { return (flags & 0x1) != 0; }
    bool ext_ver_avail() const { return (flags & 0x2) != 0; }
    std::uint32_t spec_code() const;  // maj << 16 | min << 8 | upd, as bnxt_en computes it

    // The version devlink shows for a component: the 16-bit fields when
    // EXT_VER_AVAIL is set (and present), else the 8-bit ones.
    Version4 devlink_version(const ComponentVersion& c) const;
    // ethtool's firmware-version as bnxt_en builds it: hwrm_fw (16-bit when
    // the interface is newer than 1.8.3 and the major is not 0), then
    // "/pkg <active_pkg_name>" when the package name is not empty.
    std::string ethtool_firmware_version() const;
};
// Needs at least the 128-byte layout of HSI 1.8 (up to always_1).
Result<VerGet> decode_ver_get(std::span<const std::uint8_t> reply);

struct NvmDevInfo {
    std::uint16_t manufacturer_id = 0;  // flash JEDEC manufacturer
    std::uint16_t device_id = 0;        // flash device
    std::uint32_t sector_size = 0, nvram_size = 0, reserved_size = 0, available_size = 0;
    std::array<std::uint8_t, 3> nvm_cfg_ver{};  // devlink fw.psid
    std::uint8_t flags = 0;                     // bit0 FW_VER_VALID (only in replies of 80+ bytes)
    std::uint16_t resp_len = 0;
    // Stored (flashed) versions: set only when FW_VER_VALID and the reply
    // layout has the field (netctrl needs 88 bytes, srt2/security SoC 96).
    std::optional<std::string> pkg_name;
    std::optional<Version4> hwrm_fw, mgmt_fw, roce_fw, netctrl_fw, srt2_fw, security_soc_fw;

    bool fw_ver_valid() const { return pkg_name.has_value(); }
};
// Needs at least the 32-byte layout (up to nvm_cfg_ver_upd).
Result<NvmDevInfo> decode_nvm_get_dev_info(std::span<const std::uint8_t> reply);

struct FwQstatus {
    std::uint8_t selfrst_status = 0;            // 0 none, 1 ASAP, 2 on PCIe reset, 3 on power cycle
    std::uint8_t nvm_option_action_status = 0;  // 0 none, 1 hot reset, 2 warm boot, 3 cold boot
};
Result<FwQstatus> decode_fw_qstatus(std::span<const std::uint8_t> reply);

// Layout from the Broadcom HSI (weka/netxtreme-bnxt_en bnxt_hsi.h); mainline
// hsi.h has the opcode only.
struct FwHealthCheck {
    std::uint32_t fw_status = 0;
};
Result<FwHealthCheck> decode_fw_health_check(std::span<const std::uint8_t> reply);

struct TempMonitor {
    std::optional<std::uint8_t> chip, phy, optical_module;  // °C; nullopt when flagged not available
    bool optical_module_present = false;
    bool extended_valid = false;  // temp2/phy_temp2/om_temp2 (24-byte replies with flags bit4)
    std::uint8_t chip2 = 0, phy2 = 0, optical_module2 = 0;
    bool thresholds_valid = false;  // 24-byte replies with flags bit5
    std::uint8_t warn = 0, critical = 0, fatal = 0, shutdown = 0;
    std::uint8_t flags = 0;
};
Result<TempMonitor> decode_temp_monitor_query(std::span<const std::uint8_t> reply);

}  // namespace fwctl::plugins::bnxt
