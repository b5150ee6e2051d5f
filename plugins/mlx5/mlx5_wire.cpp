#include "plugins/mlx5/mlx5_wire.hpp"

#include <algorithm>
#include <cstring>

#include "collector/byte_reader.hpp"
#include "collector/hex.hpp"

namespace fwctl::plugins::mlx5 {

Result<Info> decode_info(std::span<const std::uint8_t> data)
{
    if (data.size() < 8) {
        return fail(Errc::truncated_reply, "mlx5 FWCTL_INFO",
                    "expected 8 bytes of fwctl_info_mlx5, got " + std::to_string(data.size()));
    }
    Info info;
    std::memcpy(&info.uid, data.data(), 4);  // host order, as the kernel wrote it
    std::memcpy(&info.uctx_caps, data.data() + 4, 4);
    info.tools_resources = (info.uctx_caps & 0x4u) != 0;
    return info;
}

Result<MailboxStatus> decode_status(std::span<const std::uint8_t> reply)
{
    ByteReader r(reply, "mlx5 mailbox");
    if (reply.size() < mailbox_header_len) {
        return fail(Errc::truncated_reply, "mlx5 mailbox",
                    "reply of " + std::to_string(reply.size()) + " bytes is shorter than the 16-byte header");
    }
    auto status = r.u8(0, "status");
    auto syndrome = r.be32(4, "syndrome");
    if (!status || !syndrome) {
        return std::unexpected(!status ? status.error() : syndrome.error());
    }
    return MailboxStatus{*status, *syndrome};
}

std::string_view status_name(std::uint8_t status)
{
    switch (status) {  // MLX5_CMD_STAT_*
    case 0x00: return "OK";
    case 0x01: return "INTERNAL_ERROR";
    case 0x02: return "BAD_OP";
    case 0x03: return "BAD_PARAM";
    case 0x04: return "BAD_SYS_STATE";
    case 0x05: return "BAD_RESOURCE";
    case 0x06: return "RESOURCE_BUSY";
    case 0x08: return "EXCEED_LIMIT";
    case 0x09: return "BAD_RESOURCE_STATE";
    case 0x0a: return "BAD_INDEX";
    case 0x0f: return "NO_RESOURCES";
    case 0x50: return "BAD_INPUT_LEN";
    case 0x51: return "BAD_OUTPUT_LEN";
    default: return "UNKNOWN_STATUS";
    }
}

std::string describe_status(std::uint8_t status, std::uint32_t syndrome)
{
    return std::string(status_name(status)) + " (" + hex_id(status, 2) + "), syndrome " + hex_id(syndrome, 8);
}

std::vector<std::uint8_t> build_query_adapter()
{
    std::vector<std::uint8_t> in(query_adapter_in_len, 0);
    in[0] = static_cast<std::uint8_t>(opcode_query_adapter >> 8);
    in[1] = static_cast<std::uint8_t>(opcode_query_adapter & 0xff);
    return in;  // uid (bytes 2-3) is filled in by the kernel; op_mod 0
}

Result<AdapterInfo> decode_query_adapter(std::span<const std::uint8_t> reply)
{
    ByteReader r(reply, "mlx5 QUERY_ADAPTER");
    constexpr std::size_t block = 0x10;  // query_adapter_struct follows the header
    AdapterInfo out;
    auto oui = r.be32(block + 0x18, "ieee_vendor_id");
    auto vsd_vendor = r.be16(block + 0x1e, "vsd_vendor_id");
    auto psid = r.text(block + 0xf0, 16, "vsd_contd_psid");
    if (!oui) return std::unexpected(oui.error());
    if (!vsd_vendor) return std::unexpected(vsd_vendor.error());
    if (!psid) return std::unexpected(psid.error());
    out.ieee_vendor_id = *oui & 0x00ffffffu;
    out.vsd_vendor_id = *vsd_vendor;
    out.psid = *psid;
    return out;
}

void store_be16(std::span<std::uint8_t> out, std::size_t offset, std::uint16_t value)
{
    if (offset <= out.size() && out.size() - offset >= 2) {
        out[offset] = static_cast<std::uint8_t>(value >> 8);
        out[offset + 1] = static_cast<std::uint8_t>(value);
    }
}

void store_be32(std::span<std::uint8_t> out, std::size_t offset, std::uint32_t value)
{
    store_be16(out, offset, static_cast<std::uint16_t>(value >> 16));
    store_be16(out, offset + 2, static_cast<std::uint16_t>(value));
}

std::vector<std::uint8_t> build_access_reg_read(std::uint16_t register_id,
                                                std::span<const std::uint8_t> image)
{
    // mlx5_ifc_access_register_in_bits: opcode @0x00, op_mod @0x06, register_id @0x0a,
    // argument @0x0c (0 for every register read here), register_data @0x10.
    std::vector<std::uint8_t> in(mailbox_header_len + image.size(), 0);
    store_be16(in, 0, opcode_access_reg);
    store_be16(in, 6, access_reg_op_mod_read);
    store_be16(in, 10, register_id);
    std::copy(image.begin(), image.end(), in.begin() + mailbox_header_len);
    return in;
}

Result<std::span<const std::uint8_t>> access_reg_image(std::span<const std::uint8_t> reply,
                                                       std::size_t len, std::string_view what)
{
    ByteReader r(reply, what);
    return r.bytes(mailbox_header_len, len, "register_data");
}

}  // namespace fwctl::plugins::mlx5
