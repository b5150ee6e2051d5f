#include "plugins/mlx5/mlx5_fw_regs.hpp"

#include <array>
#include <cstdio>

#include "plugins/mlx5/mlx5_wire.hpp"

namespace fwctl::plugins::mlx5 {

namespace {

bool is_bcd(std::uint32_t value, int digits)
{
    for (int i = 0; i < digits; ++i) {
        if (((value >> (4 * i)) & 0xf) > 9) {
            return false;
        }
    }
    return true;
}

unsigned from_bcd(std::uint32_t value, int digits)
{
    unsigned out = 0;
    for (int i = digits - 1; i >= 0; --i) {
        out = out * 10 + ((value >> (4 * i)) & 0xf);
    }
    return out;
}

}  // namespace

std::string format_fw_version(std::uint32_t version)
{
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%u.%u.%04u", (version >> 24) & 0xffu, (version >> 16) & 0xffu,
                  version & 0xffffu);
    return text.data();
}

// ---- MGIR ---------------------------------------------------------------------------

std::vector<std::uint8_t> build_mgir_read()
{
    const std::vector<std::uint8_t> image(mgir_len, 0);  // MGIR has no index fields
    return build_access_reg_read(reg_mgir, image);
}

Result<MgirInfo> decode_mgir(std::span<const std::uint8_t> reply)
{
    auto image = access_reg_image(reply, mgir_len, "mlx5 MGIR");
    if (!image) {
        return std::unexpected(image.error());
    }
    const ImageReader r(*image, "mlx5 MGIR");
    MgirInfo m;
    // hardware_info @0x00
    const std::uint32_t hw0 = r.dword(0x00, "device_hw_revision");
    m.device_hw_revision = static_cast<std::uint16_t>(bit_field(hw0, 16, 16));
    m.device_id = static_cast<std::uint16_t>(bit_field(hw0, 0, 16));
    m.uptime_s = r.dword(0x1c, "uptime");
    // fw_info @0x20
    const std::uint32_t fw0 = r.dword(0x20, "fw_info");
    m.signed_fw = bit_field(fw0, 25, 1) != 0;
    m.secured = bit_field(fw0, 24, 1) != 0;
    m.major = static_cast<std::uint8_t>(bit_field(fw0, 16, 8));
    m.minor = static_cast<std::uint8_t>(bit_field(fw0, 8, 8));
    m.sub_minor = static_cast<std::uint8_t>(bit_field(fw0, 0, 8));
    m.build_id = r.dword(0x24, "build_id");
    const std::uint32_t date = r.dword(0x28, "build date");
    m.bcd_month = static_cast<std::uint8_t>(bit_field(date, 24, 8));
    m.bcd_day = static_cast<std::uint8_t>(bit_field(date, 16, 8));
    m.bcd_year = static_cast<std::uint16_t>(bit_field(date, 0, 16));
    m.bcd_hour = static_cast<std::uint16_t>(bit_field(r.dword(0x2c, "build hour"), 0, 16));
    auto psid = r.text(0x30, 16, "psid");
    if (!psid) {
        return std::unexpected(psid.error());
    }
    m.psid = *psid;
    m.ini_file_version = r.dword(0x40, "ini_file_version");
    m.extended_major = r.dword(0x44, "extended_major");
    m.extended_minor = r.dword(0x48, "extended_minor");
    m.extended_sub_minor = r.dword(0x4c, "extended_sub_minor");
    return m;
}

bool mgir_has_extended_version(const MgirInfo& m)
{
    return m.extended_major != 0 || m.extended_minor != 0 || m.extended_sub_minor != 0;
}

std::string mgir_version(const MgirInfo& m)
{
    std::array<char, 48> text{};
    if (mgir_has_extended_version(m)) {
        std::snprintf(text.data(), text.size(), "%u.%u.%04u", m.extended_major, m.extended_minor,
                      m.extended_sub_minor);
    } else {
        std::snprintf(text.data(), text.size(), "%u.%u.%04u", unsigned{m.major}, unsigned{m.minor},
                      unsigned{m.sub_minor});
    }
    return text.data();
}

std::optional<std::string> mgir_build_date(const MgirInfo& m)
{
    if (!is_bcd(m.bcd_year, 4) || !is_bcd(m.bcd_month, 2) || !is_bcd(m.bcd_day, 2)) {
        return std::nullopt;
    }
    unsigned year = from_bcd(m.bcd_year, 4);
    const unsigned month = from_bcd(m.bcd_month, 2);
    const unsigned day = from_bcd(m.bcd_day, 2);
    if (year < 100) {
        year += 2000;  // the PRM's own example writes 2004 as 0x04
    }
    if (month < 1 || month > 12 || day < 1 || day > 31) {
        return std::nullopt;
    }
    // Room for any unsigned values: the compiler cannot see that BCD keeps the
    // year to four digits, and -Wformat-truncation says so under _FORTIFY_SOURCE.
    std::array<char, 40> text{};
    std::snprintf(text.data(), text.size(), "%04u-%02u-%02u", year, month, day);
    return std::string(text.data());
}

std::optional<std::string> mgir_build_time(const MgirInfo& m)
{
    if (!is_bcd(m.bcd_hour, 4)) {
        return std::nullopt;
    }
    const unsigned hours = from_bcd(m.bcd_hour >> 8, 2);
    const unsigned minutes = from_bcd(m.bcd_hour & 0xff, 2);
    if (hours > 23 || minutes > 59) {
        return std::nullopt;
    }
    std::array<char, 8> text{};
    std::snprintf(text.data(), text.size(), "%02u:%02u", hours, minutes);
    return std::string(text.data());
}

// ---- MCQS ---------------------------------------------------------------------------

std::vector<std::uint8_t> build_mcqs_read(std::uint16_t component_index)
{
    std::vector<std::uint8_t> image(mcqs_len, 0);
    store_be16(image, 2, component_index);  // dword 0 LSB 15..0; device_index 0 = this device
    return build_access_reg_read(reg_mcqs, image);
}

Result<McqsInfo> decode_mcqs(std::span<const std::uint8_t> reply)
{
    auto image = access_reg_image(reply, mcqs_len, "mlx5 MCQS");
    if (!image) {
        return std::unexpected(image.error());
    }
    const ImageReader r(*image, "mlx5 MCQS");
    const std::uint32_t d0 = r.dword(0x00, "component_index");
    McqsInfo out;
    out.last_index = bit_field(d0, 31, 1) != 0;
    out.component_index = static_cast<std::uint16_t>(bit_field(d0, 0, 16));
    out.identifier = static_cast<std::uint16_t>(bit_field(r.dword(0x04, "identifier"), 0, 16));
    out.update_state = static_cast<std::uint8_t>(bit_field(r.dword(0x08, "component_update_state"), 0, 4));
    return out;
}

std::string_view update_state_name(std::uint8_t state)
{
    switch (state) {  // kernel fw.c enum of MCQS component_update_state
    case 0: return "idle";
    case 1: return "in_progress";
    case 2: return "applied";
    case 3: return "active";
    case 4: return "active_pending_reset";
    case 5: return "failed";
    case 6: return "canceled";
    case 7: return "busy";
    default: return "unknown";
    }
}

// ---- MCQI ---------------------------------------------------------------------------

std::vector<std::uint8_t> build_mcqi_version_read(std::uint16_t component_index, bool read_pending)
{
    std::vector<std::uint8_t> image(mcqi_len, 0);
    store_be32(image, 0x00, (read_pending ? 0x80000000u : 0u) | component_index);
    store_be32(image, 0x08, 0x1);  // info_type VERSION
    store_be32(image, 0x10, 0);    // offset
    store_be32(image, 0x14, mcqi_version_data_len);  // data_size
    return build_access_reg_read(reg_mcqi, image);
}

Result<McqiVersion> decode_mcqi_version(std::span<const std::uint8_t> reply)
{
    auto image = access_reg_image(reply, mcqi_len, "mlx5 MCQI");
    if (!image) {
        return std::unexpected(image.error());
    }
    const ImageReader r(*image, "mlx5 MCQI");
    const std::uint32_t info_type = bit_field(r.dword(0x08, "info_type"), 0, 5);
    if (info_type != 0x1) {
        return fail(Errc::malformed_reply, "mlx5 MCQI",
                    "info_type " + std::to_string(info_type) + " in a VERSION reply");
    }
    const std::uint32_t data_size = bit_field(r.dword(0x14, "data_size"), 0, 16);
    if (data_size > mcqi_version_data_len) {
        return fail(Errc::malformed_reply, "mlx5 MCQI",
                    "data_size " + std::to_string(data_size) + " exceeds the 124-byte VERSION record");
    }
    constexpr std::size_t data = 0x18;
    const std::uint32_t string_len = bit_field(r.dword(data + 0x00, "version_string_length"), 0, 8);
    if (string_len > 92) {
        return fail(Errc::malformed_reply, "mlx5 MCQI",
                    "version_string_length " + std::to_string(string_len) + " exceeds the 92-byte field");
    }
    McqiVersion out;
    out.version = r.dword(data + 0x04, "version");
    auto text = r.text(data + 0x20, string_len, "version_string");
    if (!text) {
        return std::unexpected(text.error());
    }
    out.version_string = *text;
    return out;
}

// ---- MTMP ---------------------------------------------------------------------------

std::vector<std::uint8_t> build_mtmp_read(std::uint16_t sensor_index)
{
    std::vector<std::uint8_t> image(mtmp_len, 0);
    store_be32(image, 0x00, sensor_index & 0xfffu);  // mte/mtr (byte 0x08) stay 0
    return build_access_reg_read(reg_mtmp, image);
}

Result<MtmpInfo> decode_mtmp(std::span<const std::uint8_t> reply)
{
    auto image = access_reg_image(reply, mtmp_len, "mlx5 MTMP");
    if (!image) {
        return std::unexpected(image.error());
    }
    const ImageReader r(*image, "mlx5 MTMP");
    MtmpInfo out;
    out.sensor_index = static_cast<std::uint16_t>(bit_field(r.dword(0x00, "sensor_index"), 0, 12));
    out.temperature = static_cast<std::int16_t>(bit_field(r.dword(0x04, "temperature"), 0, 16));
    const std::uint32_t d2 = r.dword(0x08, "max_temperature");
    out.max_temperature_enabled = bit_field(d2, 31, 1) != 0;
    out.max_temperature = static_cast<std::int16_t>(bit_field(d2, 0, 16));
    out.threshold_hi = static_cast<std::int16_t>(bit_field(r.dword(0x0c, "temp_threshold_hi"), 0, 16));
    auto name = r.text(0x18, 8, "sensor_name");
    if (!name) {
        return std::unexpected(name.error());
    }
    out.sensor_name = *name;
    return out;
}

double mtmp_celsius(std::int16_t raw) { return static_cast<double>(raw) * 0.125; }

}  // namespace fwctl::plugins::mlx5
