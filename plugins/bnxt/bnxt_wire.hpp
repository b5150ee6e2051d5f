// bnxt wire formats: HWRM requests and responses, little endian
// (include/linux/bnxt/hsi.h). Pure functions over byte spans.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "collector/error.hpp"

namespace fwctl::plugins::bnxt {

inline constexpr std::uint16_t hwrm_ver_get = 0x0000;
inline constexpr std::uint32_t ver_get_in_len = 24;
inline constexpr std::uint32_t ver_get_out_len = 176;
inline constexpr std::uint32_t hwrm_max_resp_len = 704;
// The HSI version this decoder was written against (sent in VER_GET).
inline constexpr std::uint8_t hsi_major = 1, hsi_minor = 10, hsi_update = 3;

// struct output: the 8-byte header of every response.
struct OutputHeader {
    std::uint16_t error_code = 0;  // 0 = success; fwctl may store a negative errno here
    std::uint16_t req_type = 0;
    std::uint16_t seq_id = 0;
    std::uint16_t resp_len = 0;
};
Result<OutputHeader> decode_output_header(std::span<const std::uint8_t> reply);

std::vector<std::uint8_t> build_ver_get();

struct VersionInfo {
    std::string firmware;        // "230.0.156.0" as bnxt_en prints it
    std::string package;         // active_pkg_name, may be empty
    std::string hwrm_interface;  // "1.10.3"
    std::string mgmt_firmware;
    std::string hwrm_fw_name;
    std::uint16_t chip_num = 0;
    std::uint8_t chip_rev = 0;
    std::uint8_t chip_metal = 0;
    bool device_not_ready = false;
};
Result<VersionInfo> decode_ver_get(std::span<const std::uint8_t> reply);

}  // namespace fwctl::plugins::bnxt
