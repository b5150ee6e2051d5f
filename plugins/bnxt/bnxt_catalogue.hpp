// What bnxt numbers mean, as data: HWRM error codes, status bits and enums
// from include/linux/bnxt/hsi.h, and how bnxt_en's devlink names the
// firmware components. One table per fact, all in bnxt_catalogue.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fwctl::plugins::bnxt {

// ret_codes: HWRM_ERR_CODE_* and a few words on what each means.
struct HwrmErrorCode {
    std::uint16_t code;
    std::string_view name;     // "HWRM_ERR_CODE_RESOURCE_ACCESS_DENIED"
    std::string_view meaning;  // "access denied"
};
std::span<const HwrmErrorCode> hwrm_error_codes();
const HwrmErrorCode* find_hwrm_error(std::uint16_t code);

// A named bit of a flags word; `problem` marks bits that mean something is wrong.
struct NamedBit {
    std::uint32_t mask;
    std::string_view name;
    bool problem = false;
};
std::span<const NamedBit> fw_status_bits();  // FW_HEALTH_CHECK fw_status
std::span<const NamedBit> dev_caps_bits();   // VER_GET dev_caps_cfg
std::span<const NamedBit> uctx_caps_bits();  // FWCTL_INFO struct fwctl_info_bnxt

// Names of the set bits, in table order; bits the table does not know are
// collected in `unknown`.
struct DecodedBits {
    std::vector<std::string> names;
    std::vector<std::string> problems;  // the subset marked `problem`
    std::uint32_t unknown = 0;
};
DecodedBits decode_bits(std::uint32_t value, std::span<const NamedBit> table);

// Enum values as report words; "unknown (N)" for values not in the HSI.
std::string selfrst_status_name(std::uint8_t value);            // FW_QSTATUS selfrst_status
std::string nvm_option_action_name(std::uint8_t value);         // FW_QSTATUS nvm_option_action_status
std::string chip_platform_name(std::uint8_t value);             // VER_GET chip_platform_type
std::string embedded_proc_name(std::uint8_t value);             // FW_QSTATUS embedded_proc_type

// A firmware component: its report key, bnxt_en's devlink name and the HSI
// field prefix it comes from. devlink calls VER_GET's hwrm_fw "fw.mgmt" and
// its mgmt_fw "fw.ncsi"; netctrl has no devlink name.
enum class ComponentId { mgmt, ncsi, roce, netctrl };
struct Component {
    ComponentId id;
    std::string_view key;      // report key: "mgmt"
    std::string_view devlink;  // "fw.mgmt"; empty when devlink shows none
    std::string_view hsi;      // "hwrm_fw"
};
std::span<const Component> components();

}  // namespace fwctl::plugins::bnxt
