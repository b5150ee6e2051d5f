// mlx5 wire formats: PRM command mailboxes, big endian (include/linux/mlx5/mlx5_ifc.h).
// This file holds the envelope shared by every request: FWCTL_INFO, the mailbox
// header and status, QUERY_ADAPTER, and the ACCESS_REG read wrapper. The register
// images themselves are in mlx5_fw_regs.hpp (MGIR, MCQS, MCQI, MTMP) and
// mlx5_nv_regs.hpp (MNVGC, MNVQC, MNVDA, MNVGN).
// Pure functions over byte spans: no I/O, no exceptions, every read bounds-checked.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collector/byte_reader.hpp"
#include "collector/error.hpp"

namespace fwctl::plugins::mlx5 {

inline constexpr std::uint16_t opcode_query_adapter = 0x101;
inline constexpr std::uint16_t opcode_access_reg = 0x805;
inline constexpr std::uint16_t access_reg_op_mod_read = 1;  // MLX5_ACCESS_REGISTER_IN_OP_MOD_READ; 0 is WRITE
inline constexpr std::uint32_t mailbox_header_len = 16;
inline constexpr std::uint32_t query_adapter_in_len = 16;
inline constexpr std::uint32_t query_adapter_out_len = 0x110;  // header + 256-byte param block

// Register ids (kernel MLX5_REG_* enum; mstflint reg_access.c for MGIR, MNVQC, MNVGC, MNVGN).
inline constexpr std::uint16_t reg_mtmp = 0x900a;
inline constexpr std::uint16_t reg_mgir = 0x9020;
inline constexpr std::uint16_t reg_mnvda = 0x9024;
inline constexpr std::uint16_t reg_mnvqc = 0x9030;
inline constexpr std::uint16_t reg_mnvgc = 0x9034;
inline constexpr std::uint16_t reg_mnvgn = 0x9035;
inline constexpr std::uint16_t reg_mcqs = 0x9060;
inline constexpr std::uint16_t reg_mcqi = 0x9061;

// Register image sizes in bytes (the request and reply carry the image after 16 bytes).
inline constexpr std::uint32_t mtmp_len = 0x20;
inline constexpr std::uint32_t mgir_len = 0xa0;
inline constexpr std::uint32_t mnvda_len = 12 + 256;
inline constexpr std::uint32_t mnvqc_len = 8;
inline constexpr std::uint32_t mnvgc_len = 16;
inline constexpr std::uint32_t mnvgn_len = 0x9c;
inline constexpr std::uint32_t mcqs_len = 16;
inline constexpr std::uint32_t mcqi_version_data_len = 124;  // mlx5_ifc_mcqi_version_bits
inline constexpr std::uint32_t mcqi_len = 0x18 + mcqi_version_data_len;

// The whole ACCESS_REG mailbox for a register image of `register_len` bytes.
constexpr std::uint32_t access_reg_len(std::uint32_t register_len) { return mailbox_header_len + register_len; }

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
inline constexpr std::uint8_t status_bad_op = 0x02;     // MLX5_CMD_STAT_BAD_OP_ERR
inline constexpr std::uint8_t status_bad_param = 0x03;  // MLX5_CMD_STAT_BAD_PARAM_ERR
Result<MailboxStatus> decode_status(std::span<const std::uint8_t> reply);
std::string_view status_name(std::uint8_t status);  // "BAD_OP", ...
// "BAD_PARAM (0x03), syndrome 0x001f2a3b": how the report shows a firmware refusal.
std::string describe_status(std::uint8_t status, std::uint32_t syndrome);

std::vector<std::uint8_t> build_query_adapter();

struct AdapterInfo {
    std::string psid;                 // vsd_contd_psid: the board id, e.g. MT_0000000838
    std::uint32_t ieee_vendor_id = 0; // 24-bit OUI
    std::uint16_t vsd_vendor_id = 0;
};
Result<AdapterInfo> decode_query_adapter(std::span<const std::uint8_t> reply);

// ACCESS_REG read (op_mod 1) of `register_id`, with `image` (the register's index
// fields filled in, the rest zero) at byte 0x10. The uid (bytes 2-3) is the kernel's.
std::vector<std::uint8_t> build_access_reg_read(std::uint16_t register_id,
                                                std::span<const std::uint8_t> image);

// The register image of an ACCESS_REG reply (from byte 0x10), which must hold
// at least `len` bytes.
Result<std::span<const std::uint8_t>> access_reg_image(std::span<const std::uint8_t> reply,
                                                       std::size_t len, std::string_view what);

// Field `width` bits wide whose lowest bit is `lsb` in a host-order dword.
constexpr std::uint32_t bit_field(std::uint32_t dword, unsigned lsb, unsigned width)
{
    const std::uint32_t mask = width >= 32 ? 0xffffffffu : ((1u << width) - 1u);
    return (dword >> lsb) & mask;
}

// Reads one register image whose length access_reg_image() has already checked,
// so every fixed offset below lies inside it (dword() reads 0 past the end anyway).
class ImageReader {
public:
    ImageReader(std::span<const std::uint8_t> image, std::string_view what) : r_(image, what) {}
    std::uint32_t dword(std::size_t offset, std::string_view field) const
    {
        return r_.be32(offset, field).value_or(0);
    }
    Result<std::string> text(std::size_t offset, std::size_t len, std::string_view field) const
    {
        return r_.text(offset, len, field);
    }

private:
    ByteReader r_;
};

// Big-endian stores into a request image being built (the caller sized it).
void store_be16(std::span<std::uint8_t> out, std::size_t offset, std::uint16_t value);
void store_be32(std::span<std::uint8_t> out, std::size_t offset, std::uint32_t value);

}  // namespace fwctl::plugins::mlx5
