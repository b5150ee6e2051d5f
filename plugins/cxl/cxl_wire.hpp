// CXL wire formats for fwctl (include/uapi/fwctl/cxl.h, include/uapi/cxl/features.h):
// a host-order envelope around little-endian CXL mailbox payloads. Pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collector/error.hpp"

namespace fwctl::plugins::cxl {

inline constexpr std::uint32_t opcode_get_supported_features = 0x0500;
inline constexpr std::uint32_t get_supported_features_op_size = 8;
inline constexpr std::uint32_t request_len = 48;  // sizeof(struct fwctl_rpc_cxl)
inline constexpr std::uint32_t feature_entry_len = 48;
inline constexpr std::uint32_t reply_header_len = 8 + 8;  // fwctl_rpc_cxl_out + get_sup_feats_out
inline constexpr std::uint32_t max_features = 1024;     // far above any real device
inline constexpr std::uint32_t max_reply_len = 24 + feature_entry_len * max_features;

std::vector<std::uint8_t> build_get_supported_features(std::uint32_t entry_bytes, std::uint16_t start);
std::size_t supported_features_reply_len(std::uint32_t entries);

struct FeatureEntry {
    std::array<std::uint8_t, 16> uuid{};
    std::uint16_t id = 0;
    std::uint16_t get_size = 0;
    std::uint16_t set_size = 0;
    std::uint32_t flags = 0;
    std::uint8_t get_version = 0;
    std::uint8_t set_version = 0;
    std::uint16_t effects = 0;
};

struct SupportedFeatures {
    std::uint32_t retval = 0;         // CXL mailbox return code; 0 = success
    std::uint16_t total = 0;          // supported_feats: all features of the device
    std::vector<FeatureEntry> entries;  // the ones in this reply
};
Result<SupportedFeatures> decode_supported_features(std::span<const std::uint8_t> reply);

std::string uuid_text(const std::array<std::uint8_t, 16>& uuid);  // canonical 8-4-4-4-12
std::string_view known_feature_name(const std::array<std::uint8_t, 16>& uuid);  // "" if unknown

}  // namespace fwctl::plugins::cxl
