#include "plugins/bnxt/bnxt_wire.hpp"

#include "collector/byte_reader.hpp"
#include "collector/hex.hpp"
#include "plugins/bnxt/bnxt_catalogue.hpp"

namespace fwctl::plugins::bnxt {

namespace {

// struct input: req_type, cmpl_ring, seq_id, target_id, resp_addr; the rest
// of the request (the command's own fields) is zero unless set by the caller.
std::vector<std::uint8_t> request(std::uint16_t req_type, std::uint32_t length)
{
    std::vector<std::uint8_t> in(length, 0);
    in[0] = static_cast<std::uint8_t>(req_type & 0xff);
    in[1] = static_cast<std::uint8_t>(req_type >> 8);
    in[2] = 0xff, in[3] = 0xff;  // cmpl_ring: none (the kernel's HWRM layer completes it)
    in[6] = 0xff, in[7] = 0xff;  // target_id: the default target (this function's firmware)
    return in;                   // seq_id 0; resp_addr 0, the kernel supplies the buffer
}

// The fields a response carries: its first resp_len bytes without the last
// one, which is `valid` in every layout (hsi.h: "the last byte of a
// response"). A field lies in the reply only if it ends before `valid`, so an
// older, shorter layout never has its `valid` byte read as a newer field.
std::span<const std::uint8_t> fields_of(std::span<const std::uint8_t> data)
{
    return data.empty() ? data : data.first(data.size() - 1);
}

Version4 version16(const ByteReader& r, std::size_t off)
{
    Version4 v;
    for (std::size_t i = 0; i < 4; ++i) {
        v.part[i] = r.le16(off + 2 * i, "version").value_or(0);
    }
    return v;
}

Version4 version8(const ByteReader& r, std::size_t off)
{
    Version4 v;
    for (std::size_t i = 0; i < 4; ++i) {
        v.part[i] = r.u8(off + i, "version").value_or(0);
    }
    return v;
}

// `fields` bytes of fields were written, `need` are needed: both reported as
// resp_len, the number the firmware sent (fields plus the valid byte).
std::unexpected<Error> too_short(std::string_view what, std::size_t fields, std::size_t need,
                                 std::string_view layout)
{
    return fail(Errc::truncated_reply, std::string(what),
                "resp_len " + std::to_string(fields + 1) + " is too short; " + std::string(layout) +
                    " needs at least " + std::to_string(need + 1));
}

}  // namespace

// ---------------------------------------------------------------- requests

std::vector<std::uint8_t> build_ver_get()
{
    auto in = request(hwrm_ver_get, ver_get_in_len);
    in[16] = hsi_major, in[17] = hsi_minor, in[18] = hsi_update;  // hwrm_intf_{maj,min,upd}
    return in;
}

std::vector<std::uint8_t> build_nvm_get_dev_info()
{
    return request(hwrm_nvm_get_dev_info, nvm_get_dev_info_in_len);  // byte 16 flags = 0: the NIC's NVM
}

std::vector<std::uint8_t> build_fw_qstatus(std::uint8_t embedded_proc_type)
{
    auto in = request(hwrm_fw_qstatus, fw_qstatus_in_len);
    in[16] = embedded_proc_type;
    return in;
}

std::vector<std::uint8_t> build_fw_health_check() { return request(hwrm_fw_health_check, fw_health_check_in_len); }

std::vector<std::uint8_t> build_temp_monitor_query()
{
    return request(hwrm_temp_monitor_query, temp_monitor_query_in_len);
}

// ---------------------------------------------------------- common header

Result<OutputHeader> decode_output_header(std::span<const std::uint8_t> reply)
{
    if (reply.size() < output_header_len) {
        return fail(Errc::truncated_reply, "bnxt HWRM response",
                    "reply of " + std::to_string(reply.size()) + " bytes is shorter than the 8-byte header");
    }
    ByteReader r(reply, "bnxt HWRM response");
    OutputHeader h;
    h.error_code = r.le16(0, "error_code").value_or(0);
    h.req_type = r.le16(2, "req_type").value_or(0);
    h.seq_id = r.le16(4, "seq_id").value_or(0);
    h.resp_len = r.le16(6, "resp_len").value_or(0);
    return h;
}

HwrmFailure classify_error_code(std::uint16_t error_code)
{
    HwrmFailure f;
    f.error_code = error_code;
    // Known HWRM codes first; then -1..-4095 as the driver's negative errno.
    if (find_hwrm_error(error_code) == nullptr && error_code > 0xf000) {
        f.before_firmware = true;
        f.sys_errno = 0x10000 - error_code;
    }
    return f;
}

Result<std::span<const std::uint8_t>> response_data(std::span<const std::uint8_t> reply,
                                                    std::uint16_t req_type, std::string_view what)
{
    auto header = decode_output_header(reply);
    if (!header) {
        return fail(Errc::truncated_reply, std::string(what), header.error().detail);
    }
    if (header->error_code != 0) {
        const HwrmFailure f = classify_error_code(header->error_code);
        if (f.before_firmware) {
            return fail(Errc::device_status, std::string(what),
                        "bnxt_en failed the request before firmware answered (error_code " +
                            hex_id(f.error_code, 4) + " = -" + std::to_string(f.sys_errno) + ")",
                        f.sys_errno);
        }
        const HwrmErrorCode* known = find_hwrm_error(f.error_code);
        const std::string name = known != nullptr ? std::string(known->name) + ": " + std::string(known->meaning)
                                                  : "not a code this tool knows";
        return fail(Errc::device_status, std::string(what),
                    "firmware refused the request: error_code " + hex_id(f.error_code, 4) + " (" + name + ")");
    }
    if (header->req_type != req_type) {
        return fail(Errc::malformed_reply, std::string(what),
                    "the reply is for req_type " + hex_id(header->req_type, 4) + ", not " + hex_id(req_type, 4));
    }
    if (header->resp_len < output_header_len || header->resp_len > reply.size()) {
        return fail(Errc::malformed_reply, std::string(what),
                    "resp_len " + std::to_string(header->resp_len) + " lies outside 8.." +
                        std::to_string(reply.size()) + ", the bytes received");
    }
    return reply.first(header->resp_len);
}

// ------------------------------------------------------------- versions

std::string Version4::text() const
{
    return std::to_string(part[0]) + "." + std::to_string(part[1]) + "." + std::to_string(part[2]) + "." +
           std::to_string(part[3]);
}

bool Version4::is_zero() const { return part[0] == 0 && part[1] == 0 && part[2] == 0 && part[3] == 0; }

std::uint32_t VerGet::spec_code() const
{
    return (std::uint32_t{hwrm_interface[0]} << 16) | (std::uint32_t{hwrm_interface[1]} << 8) | hwrm_interface[2];
}

Version4 VerGet::devlink_version(const ComponentVersion& c) const
{
    return ext_ver_avail() && c.extended ? *c.extended : c.legacy;
}

std::string VerGet::ethtool_firmware_version() const
{
    // bnxt_hwrm_ver_get: the 16-bit fields exist from spec 1.8.3 on and win when set.
    const bool use16 = spec_code() > 0x10803 && hwrm_fw.extended && hwrm_fw.extended->part[0] != 0;
    std::string text = (use16 ? *hwrm_fw.extended : hwrm_fw.legacy).text();
    if (!active_pkg_name.empty()) {
        text += "/pkg " + active_pkg_name;
    }
    return text;
}

// ------------------------------------------------------------- decoders

Result<VerGet> decode_ver_get(std::span<const std::uint8_t> reply)
{
    constexpr std::string_view what = "HWRM_VER_GET";
    auto data = response_data(reply, hwrm_ver_get, what);
    FWCTL_TRY(data);
    const auto fields = fields_of(*data);
    ByteReader r(fields, what);
    if (!r.has(0, 127)) {  // hwrm_ver_get_output up to always_1 (the valid byte of HSI 1.8)
        return too_short(what, fields.size(), 127, "the 128-byte VER_GET layout");
    }
    VerGet v;
    for (std::size_t i = 0; i < 3; ++i) {
        v.hwrm_interface[i] = r.u8(8 + i, "hwrm_intf").value_or(0);
    }
    v.hwrm_fw.legacy = version8(r, 12);
    v.mgmt_fw.legacy = version8(r, 16);
    v.netctrl_fw.legacy = version8(r, 20);
    v.dev_caps_cfg = r.le32(24, "dev_caps_cfg").value_or(0);
    v.roce_fw.legacy = version8(r, 28);
    v.hwrm_fw_name = r.text(32, 16, "hwrm_fw_name").value_or("");
    v.mgmt_fw_name = r.text(48, 16, "mgmt_fw_name").value_or("");
    v.netctrl_fw_name = r.text(64, 16, "netctrl_fw_name").value_or("");
    v.active_pkg_name = r.text(80, 16, "active_pkg_name").value_or("");
    v.roce_fw_name = r.text(96, 16, "roce_fw_name").value_or("");
    v.chip_num = r.le16(112, "chip_num").value_or(0);
    v.chip_rev = r.u8(114, "chip_rev").value_or(0);
    v.chip_metal = r.u8(115, "chip_metal").value_or(0);
    v.chip_bond_id = r.u8(116, "chip_bond_id").value_or(0);
    v.chip_platform_type = r.u8(117, "chip_platform_type").value_or(0);
    v.flags = r.u8(124, "flags").value_or(0);
    if (r.has(136, 32)) {  // 176-byte layout: 16-bit versions at 136 (hwrm_fw), 144, 152, 160
        v.hwrm_fw.extended = version16(r, 136);
        v.mgmt_fw.extended = version16(r, 144);
        v.netctrl_fw.extended = version16(r, 152);
        v.roce_fw.extended = version16(r, 160);
    }
    return v;
}

Result<NvmDevInfo> decode_nvm_get_dev_info(std::span<const std::uint8_t> reply)
{
    constexpr std::string_view what = "HWRM_NVM_GET_DEV_INFO";
    auto data = response_data(reply, hwrm_nvm_get_dev_info, what);
    FWCTL_TRY(data);
    const auto fields = fields_of(*data);
    ByteReader r(fields, what);
    if (!r.has(0, 31)) {  // up to nvm_cfg_ver_upd: the oldest (32-byte) layout
        return too_short(what, fields.size(), 31, "the 32-byte NVM_GET_DEV_INFO layout");
    }
    NvmDevInfo n;
    n.resp_len = static_cast<std::uint16_t>(data->size());
    n.manufacturer_id = r.le16(8, "manufacturer_id").value_or(0);
    n.device_id = r.le16(10, "device_id").value_or(0);
    n.sector_size = r.le32(12, "sector_size").value_or(0);
    n.nvram_size = r.le32(16, "nvram_size").value_or(0);
    n.reserved_size = r.le32(20, "reserved_size").value_or(0);
    n.available_size = r.le32(24, "available_size").value_or(0);
    for (std::size_t i = 0; i < 3; ++i) {
        n.nvm_cfg_ver[i] = r.u8(28 + i, "nvm_cfg_ver").value_or(0);
    }
    // In the 32-byte layout byte 31 is `valid`, already cut off by fields_of().
    n.flags = r.u8(31, "flags").value_or(0);
    if ((n.flags & 0x1) != 0 && r.has(32, 40)) {  // FW_VER_VALID, 80-byte layout: pkg_name..roce_fw
        n.pkg_name = r.text(32, 16, "pkg_name").value_or("");
        n.hwrm_fw = version16(r, 48);
        n.mgmt_fw = version16(r, 56);
        n.roce_fw = version16(r, 64);
        if (r.has(72, 8)) {  // 88-byte layout
            n.netctrl_fw = version16(r, 72);
        }
        if (r.has(80, 12)) {  // 96-byte layout
            n.srt2_fw = version16(r, 80);
            n.security_soc_fw = version8(r, 88);
        }
    }
    return n;
}

Result<FwQstatus> decode_fw_qstatus(std::span<const std::uint8_t> reply)
{
    constexpr std::string_view what = "HWRM_FW_QSTATUS";
    auto data = response_data(reply, hwrm_fw_qstatus, what);
    FWCTL_TRY(data);
    const auto fields = fields_of(*data);
    ByteReader r(fields, what);
    if (!r.has(8, 2)) {
        return too_short(what, fields.size(), 10, "FW_QSTATUS");
    }
    FwQstatus q;
    q.selfrst_status = r.u8(8, "selfrst_status").value_or(0);
    q.nvm_option_action_status = r.u8(9, "nvm_option_action_status").value_or(0);
    return q;
}

Result<FwHealthCheck> decode_fw_health_check(std::span<const std::uint8_t> reply)
{
    constexpr std::string_view what = "HWRM_FW_HEALTH_CHECK";
    auto data = response_data(reply, hwrm_fw_health_check, what);
    FWCTL_TRY(data);
    const auto fields = fields_of(*data);
    ByteReader r(fields, what);
    if (!r.has(8, 4)) {
        return too_short(what, fields.size(), 12, "FW_HEALTH_CHECK");
    }
    return FwHealthCheck{r.le32(8, "fw_status").value_or(0)};
}

Result<TempMonitor> decode_temp_monitor_query(std::span<const std::uint8_t> reply)
{
    constexpr std::string_view what = "HWRM_TEMP_MONITOR_QUERY";
    auto data = response_data(reply, hwrm_temp_monitor_query, what);
    FWCTL_TRY(data);
    const auto fields = fields_of(*data);
    ByteReader r(fields, what);
    if (!r.has(8, 4)) {  // temp, phy_temp, om_temp, flags: the 16-byte layout
        return too_short(what, fields.size(), 12, "TEMP_MONITOR_QUERY");
    }
    TempMonitor t;
    t.flags = r.u8(11, "flags").value_or(0);
    const auto reading = [&](std::size_t off, bool unavailable) -> std::optional<std::uint8_t> {
        if (unavailable) {
            return std::nullopt;
        }
        return r.u8(off, "temperature").value_or(0);
    };
    t.optical_module_present = (t.flags & 0x4) == 0;
    t.chip = reading(8, (t.flags & 0x1) != 0);
    t.phy = reading(9, (t.flags & 0x2) != 0);
    t.optical_module = reading(10, !t.optical_module_present || (t.flags & 0x8) != 0);
    if (r.has(12, 7)) {  // 24-byte layout: *_temp2 and the thresholds
        t.extended_valid = (t.flags & 0x10) != 0;
        t.thresholds_valid = (t.flags & 0x20) != 0;
        t.chip2 = r.u8(12, "temp2").value_or(0);
        t.phy2 = r.u8(13, "phy_temp2").value_or(0);
        t.optical_module2 = r.u8(14, "om_temp2").value_or(0);
        t.warn = r.u8(15, "warn_threshold").value_or(0);
        t.critical = r.u8(16, "critical_threshold").value_or(0);
        t.fatal = r.u8(17, "fatal_threshold").value_or(0);
        t.shutdown = r.u8(18, "shutdown_threshold").value_or(0);
    }
    return t;
}

}  // namespace fwctl::plugins::bnxt
