#include "plugins/mlx5/mlx5_nv_regs.hpp"

#include <algorithm>
#include <string>

#include "collector/hex.hpp"
#include "plugins/mlx5/mlx5_wire.hpp"

namespace fwctl::plugins::mlx5 {

namespace {

// Header dword 0, host-order bits (mlx5-layouts.md §6.2): access_mode 23..22,
// writer_id 20..16, version 15..12, host_id_valid 9, length 8..0.
NvHeader decode_header(const ImageReader& r, std::size_t at)
{
    const std::uint32_t d0 = r.dword(at, "configuration_item_header");
    NvHeader h;
    h.access_mode = static_cast<std::uint8_t>(bit_field(d0, 22, 2));
    h.writer_id = static_cast<std::uint8_t>(bit_field(d0, 16, 5));
    h.version = static_cast<std::uint8_t>(bit_field(d0, 12, 4));
    h.host_id_valid = bit_field(d0, 9, 1) != 0;
    h.length = static_cast<std::uint16_t>(bit_field(d0, 0, 9));
    h.type = r.dword(at + 4, "type");
    return h;
}

Result<std::vector<std::uint8_t>> item_data(std::span<const std::uint8_t> image, std::size_t at,
                                            std::size_t len, std::string_view what)
{
    ByteReader r(image, what);
    auto bytes = r.bytes(at, len, "configuration_item_data");
    if (!bytes) {
        return std::unexpected(bytes.error());
    }
    return std::vector<std::uint8_t>(bytes->begin(), bytes->end());
}

}  // namespace

std::string_view access_mode_name(AccessMode mode)
{
    switch (mode) {
    case AccessMode::next: return "next-boot";
    case AccessMode::current: return "current";
    case AccessMode::factory_default: return "default";
    }
    return "unknown";
}

// ---- MNVGC --------------------------------------------------------------------------

std::vector<std::uint8_t> build_mnvgc_read()
{
    const std::vector<std::uint8_t> image(mnvgc_len, 0);
    return build_access_reg_read(reg_mnvgc, image);
}

Result<NvCapabilities> decode_mnvgc(std::span<const std::uint8_t> reply)
{
    auto image = access_reg_image(reply, mnvgc_len, "mlx5 MNVGC");
    if (!image) {
        return std::unexpected(image.error());
    }
    const std::uint32_t d0 = ImageReader(*image, "mlx5 MNVGC").dword(0, "capabilities");
    return NvCapabilities{bit_field(d0, 0, 1) != 0, bit_field(d0, 1, 1) != 0, bit_field(d0, 2, 1) != 0};
}

// ---- MNVQC --------------------------------------------------------------------------

std::vector<std::uint8_t> build_mnvqc_read(std::uint32_t type)
{
    std::vector<std::uint8_t> image(mnvqc_len, 0);
    store_be32(image, 0, type);
    return build_access_reg_read(reg_mnvqc, image);
}

Result<NvItemCapability> decode_mnvqc(std::span<const std::uint8_t> reply)
{
    auto image = access_reg_image(reply, mnvqc_len, "mlx5 MNVQC");
    if (!image) {
        return std::unexpected(image.error());
    }
    const std::uint32_t d1 = ImageReader(*image, "mlx5 MNVQC").dword(4, "support");
    return NvItemCapability{bit_field(d1, 0, 1) != 0, bit_field(d1, 1, 1) != 0,
                            static_cast<std::uint8_t>(bit_field(d1, 4, 4))};
}

// ---- MNVDA --------------------------------------------------------------------------

std::vector<std::uint8_t> build_mnvda_read(std::uint32_t type, std::uint16_t length, AccessMode mode,
                                           bool host_id_valid)
{
    std::vector<std::uint8_t> image(mnvda_len, 0);
    const std::uint32_t d0 = (static_cast<std::uint32_t>(mode) << 22) | (host_id_valid ? 1u << 9 : 0u) |
                             (std::min<std::uint32_t>(length, nv_max_item_len) & 0x1ffu);
    store_be32(image, 0, d0);
    store_be32(image, 4, type);
    return build_access_reg_read(reg_mnvda, image);
}

Result<NvItem> decode_mnvda(std::span<const std::uint8_t> reply, std::uint32_t expected_type,
                            std::uint16_t requested_length)
{
    auto image = access_reg_image(reply, mnvda_len, "mlx5 MNVDA");
    if (!image) {
        return std::unexpected(image.error());
    }
    NvItem item;
    item.header = decode_header(ImageReader(*image, "mlx5 MNVDA"), 0);
    if (item.header.type != expected_type) {
        return fail(Errc::malformed_reply, "mlx5 MNVDA",
                    "reply is for item " + hex_id(item.header.type, 8) + ", not " + hex_id(expected_type, 8));
    }
    if (item.header.length > nv_max_item_len) {
        return fail(Errc::malformed_reply, "mlx5 MNVDA",
                    "item length " + std::to_string(item.header.length) + " exceeds the 256-byte data field");
    }
    const std::size_t len = item.header.length != 0 ? item.header.length : requested_length;
    auto data = item_data(*image, 12, len, "mlx5 MNVDA");
    if (!data) {
        return std::unexpected(data.error());
    }
    item.data = std::move(*data);
    return item;
}

// ---- MNVGN --------------------------------------------------------------------------

std::vector<std::uint8_t> build_mnvgn_read(std::uint32_t pointer)
{
    std::vector<std::uint8_t> image(mnvgn_len, 0);
    store_be32(image, 0, pointer);
    return build_access_reg_read(reg_mnvgn, image);
}

Result<NvNext> decode_mnvgn(std::span<const std::uint8_t> reply)
{
    auto image = access_reg_image(reply, mnvgn_len, "mlx5 MNVGN");
    if (!image) {
        return std::unexpected(image.error());
    }
    const ImageReader r(*image, "mlx5 MNVGN");
    NvNext out;
    out.pointer = r.dword(0, "nv_pointer");
    if (out.pointer == 0) {
        return out;  // the walk is over; nothing else in this reply is meaningful
    }
    NvItem item;
    item.header = decode_header(r, 0x10);
    if (item.header.length > mnvgn_max_item_len) {
        return fail(Errc::malformed_reply, "mlx5 MNVGN",
                    "item " + hex_id(item.header.type, 8) + " claims " + std::to_string(item.header.length) +
                        " bytes; the nv_data field holds 128");
    }
    auto data = item_data(*image, 0x1c, item.header.length, "mlx5 MNVGN");
    if (!data) {
        return std::unexpected(data.error());
    }
    item.data = std::move(*data);
    out.item = std::move(item);
    return out;
}

// ---- item types ---------------------------------------------------------------------

std::uint8_t type_class(std::uint32_t type) { return static_cast<std::uint8_t>(type >> 24); }

std::string_view writer_name(std::uint8_t writer_id)
{
    switch (writer_id) {  // PRM writer_id / mlxconfig enum WriterId
    case 0x0: return "UNSPECIFIED";
    case 0x1: return "CHASSIS_BMC";
    case 0x2: return "MAD";
    case 0x3: return "BMC";
    case 0x4: return "CMD_IF";
    case 0x5: return "ICMD";
    case 0x6: return "ICMD_UEFI_HII";
    case 0x7: return "ICMD_UEFI_CLP";
    case 0x8: return "ICMD_FLEXBOOT";
    case 0x9: return "ICMD_MLXCONFIG";
    case 0xa: return "ICMD_USER1";
    case 0xb: return "ICMD_USER2";
    case 0xc: return "ICMD_MLXCONFIG_SET_RAW";
    case 0xd: return "ICMD_FLEXBOOT_CLP";
    case 0x10: return "BMC_APP1";
    case 0x11: return "BMC_APP2";
    case 0x12: return "BMC_APP3";
    case 0x1f: return "OTHER";
    default: return "";
    }
}

}  // namespace fwctl::plugins::mlx5
