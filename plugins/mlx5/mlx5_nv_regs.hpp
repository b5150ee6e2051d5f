// Non-volatile configuration registers, read with ACCESS_REG (op_mod 1):
// MNVGC (general capabilities), MNVQC (per-item capabilities), MNVDA (one item,
// selected by its type and an access mode) and MNVGN (walk the items stored in
// flash). Layouts: /work/shared/mlx5-layouts.md §6-8 (kernel nv_param.c, mstflint
// reg_access_hca / tools_open); MNVGN from mstflint tools_open_mnvgn and mlxconfig's
// GenericCommander::backupCfgs (pointer walk). Offsets are relative to the register
// image at byte 0x10 of the mailbox.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "collector/error.hpp"

namespace fwctl::plugins::mlx5 {

// configuration_item_header.access_mode (PRM; kernel MLX5_ACCESS_MODE_*; mlxconfig
// QueryNext/QueryCurrent/QueryDefault).
enum class AccessMode : std::uint8_t { next = 0, current = 1, factory_default = 2 };
std::string_view access_mode_name(AccessMode mode);  // "next-boot", "current", "default"

inline constexpr std::uint16_t nv_max_item_len = 256;  // MNVDA configuration_item_data
inline constexpr std::uint16_t mnvgn_max_item_len = 128;  // MNVGN nv_data

// The 12-byte configuration item header (MNVDA @0x00, MNVGN @0x10).
struct NvHeader {
    std::uint8_t access_mode = 0;
    std::uint8_t writer_id = 0;
    std::uint8_t version = 0;
    bool host_id_valid = false;
    std::uint16_t length = 0;  // data bytes, header not counted
    std::uint32_t type = 0;    // type_class in bits 31..24
};

struct NvItem {
    NvHeader header;
    std::vector<std::uint8_t> data;
};

// ---- MNVGC (0x9034) -------------------------------------------------------------
std::vector<std::uint8_t> build_mnvgc_read();
struct NvCapabilities {
    bool read_factory = false;  // nvda_read_factory_settings: access_mode 2 works
    bool read_current = false;  // nvda_read_current_settings: access_mode 1 works
    bool priv_nv_other_host = false;
};
Result<NvCapabilities> decode_mnvgc(std::span<const std::uint8_t> reply);

// ---- MNVQC (0x9030) -------------------------------------------------------------
std::vector<std::uint8_t> build_mnvqc_read(std::uint32_t type);
struct NvItemCapability {
    bool support_rd = false;
    bool support_wr = false;
    std::uint8_t version = 0;  // the highest item version the firmware supports
};
Result<NvItemCapability> decode_mnvqc(std::span<const std::uint8_t> reply);

// ---- MNVDA (0x9024) -------------------------------------------------------------
// Reads item `type` in `mode`, asking for `length` data bytes (the item's size, as
// the kernel's mlx5_nv_param_read does).
std::vector<std::uint8_t> build_mnvda_read(std::uint32_t type, std::uint16_t length, AccessMode mode,
                                           bool host_id_valid = false);
// The item in a reply. The header's length (<= 256, else the reply is rejected)
// says how many data bytes are valid; 0 means "as requested". A reply for another
// type is rejected.
Result<NvItem> decode_mnvda(std::span<const std::uint8_t> reply, std::uint32_t expected_type,
                            std::uint16_t requested_length);

// ---- MNVGN (0x9035) -------------------------------------------------------------
// The walk starts at pointer 0; each reply names one stored item and the pointer
// to pass next. A reply with pointer 0 carries no item and ends the walk.
std::vector<std::uint8_t> build_mnvgn_read(std::uint32_t pointer);
struct NvNext {
    std::uint32_t pointer = 0;
    std::optional<NvItem> item;  // present when pointer != 0
};
// Rejects an item whose header claims more than the 128-byte nv_data field.
Result<NvNext> decode_mnvgn(std::span<const std::uint8_t> reply);

// ---- item types -----------------------------------------------------------------
std::uint8_t type_class(std::uint32_t type);
std::string_view writer_name(std::uint8_t writer_id);  // "ICMD_MLXCONFIG", ... ("" if unknown)

}  // namespace fwctl::plugins::mlx5
