#include "plugins/bnxt/bnxt_wire.hpp"

#include "collector/byte_reader.hpp"

namespace fwctl::plugins::bnxt {

namespace {

std::string dotted(std::initializer_list<unsigned> parts)
{
    std::string out;
    for (unsigned p : parts) {
        if (!out.empty()) {
            out += '.';
        }
        out += std::to_string(p);
    }
    return out;
}

}  // namespace

Result<OutputHeader> decode_output_header(std::span<const std::uint8_t> reply)
{
    ByteReader r(reply, "bnxt HWRM response");
    OutputHeader h;
    auto e = r.le16(0, "error_code");
    auto t = r.le16(2, "req_type");
    auto s = r.le16(4, "seq_id");
    auto l = r.le16(6, "resp_len");
    if (!e || !t || !s || !l) {
        return fail(Errc::truncated_reply, "bnxt HWRM response",
                    "reply of " + std::to_string(reply.size()) + " bytes is shorter than the 8-byte header");
    }
    h.error_code = *e, h.req_type = *t, h.seq_id = *s, h.resp_len = *l;
    return h;
}

std::vector<std::uint8_t> build_ver_get()
{
    std::vector<std::uint8_t> in(ver_get_in_len, 0);
    in[0] = hwrm_ver_get & 0xff;
    in[1] = hwrm_ver_get >> 8;
    in[2] = 0xff, in[3] = 0xff;  // cmpl_ring: none
    in[6] = 0xff, in[7] = 0xff;  // target_id: default target
    in[16] = hsi_major, in[17] = hsi_minor, in[18] = hsi_update;
    return in;
}

Result<VersionInfo> decode_ver_get(std::span<const std::uint8_t> reply)
{
    ByteReader r(reply, "bnxt HWRM_VER_GET");
    if (reply.size() < 128) {
        return fail(Errc::truncated_reply, "bnxt HWRM_VER_GET",
                    "reply of " + std::to_string(reply.size()) + " bytes; at least 128 expected");
    }
    VersionInfo v;
    auto u8 = [&](std::size_t off) { return r.u8(off, "version byte").value_or(0); };
    auto le16 = [&](std::size_t off) { return r.le16(off, "version field").value_or(0); };

    v.hwrm_interface = dotted({u8(8), u8(9), u8(10)});
    const unsigned spec_code = (u8(8) << 16) | (u8(9) << 8) | u8(10);
    // bnxt_en: the 16-bit fields exist from spec 1.8.3 on and win when set.
    if (spec_code > 0x10803 && r.has(136, 8) && le16(136) != 0) {
        v.firmware = dotted({le16(136), le16(138), le16(140), le16(142)});
    } else {
        v.firmware = dotted({u8(12), u8(13), u8(14), u8(15)});
    }
    if (r.has(144, 8) && le16(144) != 0) {
        v.mgmt_firmware = dotted({le16(144), le16(146), le16(148), le16(150)});
    } else {
        v.mgmt_firmware = dotted({u8(16), u8(17), u8(18), u8(19)});
    }
    v.hwrm_fw_name = r.text(32, 16, "hwrm_fw_name").value_or("");
    v.package = r.text(80, 16, "active_pkg_name").value_or("");
    v.chip_num = le16(112);
    v.chip_rev = u8(114);
    v.chip_metal = u8(115);
    v.device_not_ready = (u8(124) & 0x1) != 0;
    return v;
}

}  // namespace fwctl::plugins::bnxt
