#include "plugins/bnxt/bnxt_catalogue.hpp"

#include <algorithm>
#include <array>

namespace fwctl::plugins::bnxt {

namespace {

// hsi.h struct ret_codes (HWRM 1.10.3.133).
constexpr std::array<HwrmErrorCode, 24> kErrorCodes{{
    {0x0000, "HWRM_ERR_CODE_SUCCESS", "success"},
    {0x0001, "HWRM_ERR_CODE_FAIL", "the command failed"},
    {0x0002, "HWRM_ERR_CODE_INVALID_PARAMS", "invalid parameters"},
    {0x0003, "HWRM_ERR_CODE_RESOURCE_ACCESS_DENIED", "access denied to this function"},
    {0x0004, "HWRM_ERR_CODE_RESOURCE_ALLOC_ERROR", "resource allocation failed"},
    {0x0005, "HWRM_ERR_CODE_INVALID_FLAGS", "invalid flags"},
    {0x0006, "HWRM_ERR_CODE_INVALID_ENABLES", "invalid enables"},
    {0x0007, "HWRM_ERR_CODE_UNSUPPORTED_TLV", "unsupported TLV"},
    {0x0008, "HWRM_ERR_CODE_NO_BUFFER", "no buffer"},
    {0x0009, "HWRM_ERR_CODE_UNSUPPORTED_OPTION_ERR", "unsupported option"},
    {0x000a, "HWRM_ERR_CODE_HOT_RESET_PROGRESS", "a hot reset is in progress"},
    {0x000b, "HWRM_ERR_CODE_HOT_RESET_FAIL", "a hot reset failed"},
    {0x000c, "HWRM_ERR_CODE_NO_FLOW_COUNTER_DURING_ALLOC", "no flow counter"},
    {0x000d, "HWRM_ERR_CODE_KEY_HASH_COLLISION", "key hash collision"},
    {0x000e, "HWRM_ERR_CODE_KEY_ALREADY_EXISTS", "key already exists"},
    {0x000f, "HWRM_ERR_CODE_HWRM_ERROR", "internal HWRM error"},
    {0x0010, "HWRM_ERR_CODE_BUSY", "firmware busy"},
    {0x0011, "HWRM_ERR_CODE_RESOURCE_LOCKED", "resource locked"},
    {0x0012, "HWRM_ERR_CODE_PF_UNAVAILABLE", "the parent PF is unavailable"},
    {0x0013, "HWRM_ERR_CODE_ENTITY_NOT_PRESENT", "entity not present"},
    {0x0014, "HWRM_ERR_CODE_SECURE_SOC_ERROR", "secure SoC error"},
    {0x8000, "HWRM_ERR_CODE_TLV_ENCAPSULATED_RESPONSE", "TLV-encapsulated response"},
    {0xfffe, "HWRM_ERR_CODE_UNKNOWN_ERR", "unknown error"},
    {0xffff, "HWRM_ERR_CODE_CMD_NOT_SUPPORTED", "command not supported by this firmware"},
}};

// FW_HEALTH_CHECK fw_status (Broadcom HSI, weka/netxtreme-bnxt_en bnxt_hsi.h).
// The abbreviations (SBI, SRT, CRT) are the HSI's; their expansion is not public.
constexpr std::array<NamedBit, 13> kFwStatusBits{{
    {0x0001, "sbi_booted"},
    {0x0002, "sbi_mismatch", true},
    {0x0004, "srt_booted"},
    {0x0008, "srt_mismatch", true},
    {0x0010, "crt_booted"},
    {0x0020, "crt_mismatch", true},
    {0x0040, "second_rt"},
    {0x0080, "fastbooted"},
    {0x0100, "dir_hdr_booted"},
    {0x0200, "dir_hdr_mismatch", true},
    {0x0400, "mbr_corrupt", true},
    {0x0800, "cfg_mismatch", true},
    {0x1000, "fru_mismatch", true},
}};

// VER_GET dev_caps_cfg (hsi.h VER_GET_RESP_DEV_CAPS_CFG_*).
constexpr std::array<NamedBit, 18> kDevCapsBits{{
    {0x00001, "secure_fw_update"},
    {0x00002, "fw_dcbx_agent"},
    {0x00004, "short_cmd_supported"},
    {0x00008, "short_cmd_required"},
    {0x00010, "kong_mailbox"},
    {0x00020, "flow_handle_64bit"},
    {0x00040, "l2_filter_types_roce_or_l2"},
    {0x00080, "virtio_vswitch_offload"},
    {0x00100, "trusted_vf"},
    {0x00200, "flow_aging"},
    {0x00400, "adv_flow_counters"},
    {0x00800, "cfa_eem"},
    {0x01000, "cfa_adv_flow_mgmt"},
    {0x02000, "cfa_tflib"},
    {0x04000, "cfa_truflow"},
    {0x08000, "secure_boot_capable"},
    {0x10000, "secure_soc_capable"},
    {0x20000, "debug_token_supported"},
}};

// include/uapi/fwctl/bnxt.h enum fwctl_bnxt_commands, as bits of uctx_caps.
constexpr std::array<NamedBit, 4> kUctxCapsBits{{
    {0x1, "inline_commands"},
    {0x2, "query_commands"},
    {0x4, "send_commands"},
    {0x8, "dma_commands"},
}};

constexpr std::array<std::string_view, 4> kSelfReset{"none", "asap", "on_pcie_reset", "on_power_cycle"};
constexpr std::array<std::string_view, 4> kNvmOptionAction{"none", "hot_reset", "warm_boot", "cold_boot"};
constexpr std::array<std::string_view, 3> kPlatform{"asic", "fpga", "palladium"};
constexpr std::array<std::string_view, 7> kEmbeddedProc{"boot", "mgmt", "netctrl", "roce", "host", "ap", "chip"};

// bnxt_en bnxt_devlink.c bnxt_dl_info_get (cxl-bnxt-layouts.md B.8).
constexpr std::array<Component, 4> kComponents{{
    {ComponentId::mgmt, "mgmt", "fw.mgmt", "hwrm_fw"},
    {ComponentId::ncsi, "ncsi", "fw.ncsi", "mgmt_fw"},
    {ComponentId::roce, "roce", "fw.roce", "roce_fw"},
    {ComponentId::netctrl, "netctrl", "", "netctrl_fw"},
}};

template <std::size_t N>
std::string enum_name(const std::array<std::string_view, N>& names, std::uint8_t value)
{
    if (value < names.size()) {
        return std::string(names[value]);
    }
    return "unknown (" + std::to_string(value) + ")";
}

}  // namespace

std::span<const HwrmErrorCode> hwrm_error_codes()
{
    return kErrorCodes;
}

const HwrmErrorCode* find_hwrm_error(std::uint16_t code)
{
    const auto table = hwrm_error_codes();
    const auto it = std::find_if(table.begin(), table.end(), [&](const HwrmErrorCode& e) { return e.code == code; });
    return it == table.end() ? nullptr : &*it;
}

std::span<const NamedBit> fw_status_bits() { return kFwStatusBits; }
std::span<const NamedBit> dev_caps_bits() { return kDevCapsBits; }
std::span<const NamedBit> uctx_caps_bits() { return kUctxCapsBits; }

DecodedBits decode_bits(std::uint32_t value, std::span<const NamedBit> table)
{
    DecodedBits out;
    std::uint32_t known = 0;
    for (const NamedBit& bit : table) {
        known |= bit.mask;
        if ((value & bit.mask) != 0) {
            out.names.emplace_back(bit.name);
            if (bit.problem) {
                out.problems.emplace_back(bit.name);
            }
        }
    }
    out.unknown = value & ~known;
    return out;
}

std::string selfrst_status_name(std::uint8_t value) { return enum_name(kSelfReset, value); }
std::string nvm_option_action_name(std::uint8_t value) { return enum_name(kNvmOptionAction, value); }
std::string chip_platform_name(std::uint8_t value) { return enum_name(kPlatform, value); }
std::string embedded_proc_name(std::uint8_t value) { return enum_name(kEmbeddedProc, value); }

std::span<const Component> components() { return kComponents; }

}  // namespace fwctl::plugins::bnxt
