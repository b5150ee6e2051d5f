// mlx5 wire formats: PRM command mailboxes, big endian (include/linux/mlx5/mlx5_ifc.h).
// Pure functions over byte spans: no I/O, no exceptions, every read bounds-checked.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collector/error.hpp"

namespace fwctl::plugins::mlx5 {

inline constexpr std::uint16_t opcode_query_adapter = 0x101;
inline constexpr std::uint32_t mailbox_header_len = 16;
inline constexpr std::uint32_t query_adapter_in_len = 16;
inline constexpr std::uint32_t query_adapter_out_len = 0x110;  // header + 256-byte param block

// struct fwctl_info_mlx5 (host byte order, like every uAPI struct).
struct Info {
    std::uint32_t uid = 0;
    std::uint32_t uctx_caps = 0;
    bool tools_resources = false;  // uctx cap 0x4: firmware allows global queries
};
Result<Info> decode_info(std::span<const std::uint8_t> data);

// Output mailbox header: byte 0 status, bytes 4-7 syndrome.
struct MailboxStatus {
    std::uint8_t status = 0;
    std::uint32_t syndrome = 0;
};
Result<MailboxStatus> decode_status(std::span<const std::uint8_t> reply);
std::string_view status_name(std::uint8_t status);  // "BAD_OP", ...

std::vector<std::uint8_t> build_query_adapter();

struct AdapterInfo {
    std::string psid;                 // vsd_contd_psid: the board id, e.g. MT_0000000838
    std::uint32_t ieee_vendor_id = 0; // 24-bit OUI
    std::uint16_t vsd_vendor_id = 0;
};
Result<AdapterInfo> decode_query_adapter(std::span<const std::uint8_t> reply);

}  // namespace fwctl::plugins::mlx5
