#include "tests/faults/reply_shapes.hpp"

#include <algorithm>

namespace faults {

namespace {

void put_le16(Bytes& b, std::size_t at, std::uint16_t v)
{
    b[at] = static_cast<std::uint8_t>(v);
    b[at + 1] = static_cast<std::uint8_t>(v >> 8);
}

void put_le32(Bytes& b, std::size_t at, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i) {
        b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
    }
}

void put_be32(Bytes& b, std::size_t at, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i) {
        b[at + i] = static_cast<std::uint8_t>(v >> (8 * (3 - i)));
    }
}

// mlx5 (PRM mailbox, big endian): status at byte 0, syndrome at 4..7, 16-byte header.
constexpr std::size_t mlx5_header = 16;

Bytes mlx5_in_band_error(const Bytes&, std::uint32_t out_len)
{
    Bytes r(out_len, 0);
    r[0] = 0x01;  // INTERNAL_ERROR
    put_be32(r, 4, 0x0badf00d);
    return r;
}

Bytes mlx5_length_overflow(const Bytes&, std::uint32_t out_len)
{
    Bytes r(out_len, 0xff);
    for (std::size_t i = 0; i < 8; ++i) {
        r[i] = 0;  // status 0, syndrome 0: "success"
    }
    return r;
}

// CXL (struct fwctl_rpc_cxl_out, host order): u32 size, u32 retval, 16-byte struct.
constexpr std::size_t cxl_header = 8;

Bytes cxl_in_band_error(const Bytes&, std::uint32_t out_len)
{
    Bytes r(std::min<std::uint32_t>(out_len, 16), 0);
    put_le32(r, 0, 0);
    put_le32(r, 4, 0x04);  // CXL return code Internal Error
    return r;
}

Bytes cxl_length_overflow(const Bytes&, std::uint32_t out_len)
{
    Bytes r(out_len, 0xff);
    put_le32(r, 0, 0xffffffffu);  // payload size far beyond the buffer (and 32-bit wrap)
    put_le32(r, 4, 0);            // success
    return r;
}

// bnxt (HWRM, little endian): error_code, req_type, seq_id, resp_len; 8-byte header.
constexpr std::size_t bnxt_header = 8;

void bnxt_echo(Bytes& r, const Bytes& request, std::uint16_t error_code, std::uint16_t resp_len)
{
    put_le16(r, 0, error_code);
    r[2] = request.at(0), r[3] = request.at(1);  // req_type
    r[4] = request.at(4), r[5] = request.at(5);  // seq_id
    put_le16(r, 6, resp_len);
}

Bytes bnxt_in_band_error(const Bytes& request, std::uint32_t out_len)
{
    Bytes r(out_len, 0);
    bnxt_echo(r, request, 0x000f, bnxt_header);  // HWRM_ERR_CODE_HWRM_ERROR
    return r;
}

Bytes bnxt_length_overflow(const Bytes& request, std::uint32_t out_len)
{
    Bytes r(out_len, 0xff);
    bnxt_echo(r, request, 0, 0xffff);
    return r;
}

}  // namespace

std::optional<ReplyShape> reply_shape(std::uint32_t type_id)
{
    switch (type_id) {
    case 1: return ReplyShape{mlx5_header, mlx5_in_band_error, mlx5_length_overflow};
    case 2: return ReplyShape{cxl_header, cxl_in_band_error, cxl_length_overflow};
    case 3: return ReplyShape{bnxt_header, bnxt_in_band_error, bnxt_length_overflow};
    default: return std::nullopt;
    }
}

}  // namespace faults
