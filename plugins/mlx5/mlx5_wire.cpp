#include "plugins/mlx5/mlx5_wire.hpp"

#include <cstring>

#include "collector/byte_reader.hpp"

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

}  // namespace fwctl::plugins::mlx5
