// CXL wire formats for fwctl (include/uapi/fwctl/cxl.h, include/uapi/cxl/features.h):
// a host-order envelope around little-endian CXL mailbox payloads. Pure functions:
// request builders and reply decoders, no I/O, no exceptions.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collector/error.hpp"

namespace fwctl::plugins::cxl {

using Uuid = std::array<std::uint8_t, 16>;

// --- the envelope (struct fwctl_rpc_cxl / fwctl_rpc_cxl_out) ---------------------

inline constexpr std::uint32_t request_len = 48;       // sizeof(struct fwctl_rpc_cxl)
inline constexpr std::uint32_t reply_header_len = 8;   // u32 size, u32 retval
inline constexpr std::uint32_t reply_struct_len = 16;  // sizeof(struct fwctl_rpc_cxl_out)

// --- Get Supported Features (opcode 0x0500) --------------------------------------

inline constexpr std::uint32_t opcode_get_supported_features = 0x0500;
inline constexpr std::uint32_t get_supported_features_op_size = 8;
inline constexpr std::uint32_t feature_entry_len = 48;  // struct cxl_feat_entry
// Entries asked for per request; more are read by paging with start_idx.
inline constexpr std::uint32_t features_per_request = 128;
// Features read at most; a device reporting more is listed up to here (noted).
inline constexpr std::uint32_t max_features = 1024;
inline constexpr std::uint32_t max_supported_features_reply_len = 24 + feature_entry_len * features_per_request;

// `entries` entries wanted (count = 48 x entries bytes), from index `start`.
std::vector<std::uint8_t> build_get_supported_features(std::uint32_t entries, std::uint16_t start);
// The driver's reply length: 16-byte fwctl_rpc_cxl_out + 8-byte header + 48 per entry.
std::size_t supported_features_reply_len(std::uint32_t entries);

struct FeatureEntry {
    Uuid uuid{};
    std::uint16_t id = 0;
    std::uint16_t get_size = 0;
    std::uint16_t set_size = 0;
    std::uint32_t flags = 0;
    std::uint8_t get_version = 0;
    std::uint8_t set_version = 0;
    std::uint16_t effects = 0;
};

struct SupportedFeatures {
    std::uint32_t retval = 0;           // CXL mailbox return code; 0 = success
    std::uint16_t total = 0;            // supported_feats: all features of the device
    std::vector<FeatureEntry> entries;  // the ones in this reply
};
Result<SupportedFeatures> decode_supported_features(std::span<const std::uint8_t> reply);

// Attribute flags of a feature entry (CXL r3.2 Table 8-109; uapi CXL_FEATURE_F_*).
inline constexpr std::uint32_t feature_changeable = 1u << 0;
inline constexpr std::uint32_t feature_persist_fw_update = 1u << 4;
inline constexpr std::uint32_t feature_default_selection = 1u << 5;
inline constexpr std::uint32_t feature_saved_selection = 1u << 6;
// Bits 3:1, "deepest reset persistence" (not in the mainline uapi; QEMU, CXL r3.1).
std::string_view reset_persistence_name(std::uint32_t flags);

// --- Get Feature (opcode 0x0501) -------------------------------------------------

inline constexpr std::uint32_t opcode_get_feature = 0x0501;
inline constexpr std::uint32_t get_feature_op_size = 21;  // struct cxl_mbox_get_feat_in
inline constexpr std::size_t get_feature_selection_offset = 16 + 20;
// Bytes asked for per request; larger features are paged with `offset`.
inline constexpr std::uint16_t feature_bytes_per_request = 4096;
inline constexpr std::uint32_t max_get_feature_reply_len = reply_struct_len + feature_bytes_per_request;

enum class Selection : std::uint8_t { current = 0, default_value = 1, saved = 2 };
std::string_view selection_name(Selection s);  // "current", "default", "saved"

std::vector<std::uint8_t> build_get_feature(const Uuid& uuid, std::uint16_t offset, std::uint16_t count,
                                            Selection selection);
// The reply buffer to give: the driver's out_len on success (16 + count), which also
// meets the kernel's rule out_len >= 8 + count.
std::size_t get_feature_reply_len(std::uint16_t count);

struct FeatureData {
    std::uint32_t retval = 0;        // CXL mailbox return code; 0 = success
    std::vector<std::uint8_t> data;  // `size` bytes of feature data (empty on failure)
};
// `count` is what was asked for: a size above it is a lying length and is rejected.
Result<FeatureData> decode_get_feature(std::span<const std::uint8_t> reply, std::uint16_t count);

// --- text ----------------------------------------------------------------------

std::string uuid_text(const Uuid& uuid);  // canonical 8-4-4-4-12, wire byte order
// "0x0003 Unsupported" (CXL r3.2 Table 8-34; the kernel's CMD_CMD_RC_TABLE).
std::string return_code_text(std::uint32_t retval);

}  // namespace fwctl::plugins::cxl
