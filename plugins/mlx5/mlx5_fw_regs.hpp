// Firmware identity and health registers, read with ACCESS_REG (op_mod 1):
// MGIR (general information), MCQS/MCQI (firmware components and their versions)
// and MTMP (temperature). Offsets are relative to the register image, which sits
// at byte 0x10 of the mailbox. Layouts: /work/shared/mlx5-layouts.md §4-5 (mstflint
// reg_access_hca, kernel mlx5_ifc.h), MTMP from the kernel's mlx5_ifc_mtmp_reg_bits.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collector/error.hpp"

namespace fwctl::plugins::mlx5 {

// "%d.%d.%04d" of major (bits 31..24), minor (23..16) and subminor (15..0), as
// the kernel's mlx5_fw_version_query / devlink "fw.version" prints it.
std::string format_fw_version(std::uint32_t version);

// ---- MGIR (0x9020), 160 bytes -------------------------------------------------------
std::vector<std::uint8_t> build_mgir_read();

struct MgirInfo {
    std::uint16_t device_hw_revision = 0;
    std::uint16_t device_id = 0;          // PCI device id
    std::uint32_t uptime_s = 0;           // seconds since the last reset
    bool signed_fw = false, secured = false;
    std::uint8_t major = 0, minor = 0, sub_minor = 0;  // 8-bit fields: sub_minor is truncated
    std::uint32_t build_id = 0;
    std::uint8_t bcd_month = 0, bcd_day = 0;
    std::uint16_t bcd_year = 0, bcd_hour = 0;  // hour as BCD hhmm
    std::string psid;
    std::uint32_t ini_file_version = 0;
    std::uint32_t extended_major = 0, extended_minor = 0, extended_sub_minor = 0;
};
Result<MgirInfo> decode_mgir(std::span<const std::uint8_t> reply);

// The version MGIR states: the 32-bit extended fields when any is set, else the
// 8-bit ones (whose sub_minor cannot hold e.g. 1002).
std::string mgir_version(const MgirInfo& m);
bool mgir_has_extended_version(const MgirInfo& m);
// "2023-11-06" from the BCD date; nullopt when unset or not valid BCD. A one-byte
// year (the PRM's example "0x04" for 2004) is read as 20yy.
std::optional<std::string> mgir_build_date(const MgirInfo& m);
// "17:43" from the BCD hhmm field; nullopt when not valid BCD.
std::optional<std::string> mgir_build_time(const MgirInfo& m);

// ---- MCQS (0x9060), 16 bytes --------------------------------------------------------
inline constexpr std::uint16_t component_boot_image = 0x1;  // MCQS identifier BOOT_IMG
inline constexpr std::uint8_t update_state_idle = 0;
inline constexpr std::uint8_t update_state_active_pending_reset = 4;

std::vector<std::uint8_t> build_mcqs_read(std::uint16_t component_index);

struct McqsInfo {
    bool last_index = false;
    std::uint16_t component_index = 0;
    std::uint16_t identifier = 0;
    std::uint8_t update_state = 0;  // component_update_state
};
Result<McqsInfo> decode_mcqs(std::span<const std::uint8_t> reply);
std::string_view update_state_name(std::uint8_t state);  // "idle", "active_pending_reset", ...

// ---- MCQI (0x9061), info_type VERSION ----------------------------------------------
// read_pending false: the running image; true: the stored (pending) one.
std::vector<std::uint8_t> build_mcqi_version_read(std::uint16_t component_index, bool read_pending);

struct McqiVersion {
    std::uint32_t version = 0;
    std::string version_string;  // may be empty
};
Result<McqiVersion> decode_mcqi_version(std::span<const std::uint8_t> reply);

// ---- MTMP (0x900A), 32 bytes --------------------------------------------------------
// Sensor 0 is the device (ASIC) sensor. The request leaves mte and mtr zero:
// mtr = 1 would reset the recorded maximum even on a READ (mlx5 hwmon does that).
std::vector<std::uint8_t> build_mtmp_read(std::uint16_t sensor_index);

struct MtmpInfo {
    std::uint16_t sensor_index = 0;
    std::int16_t temperature = 0;       // units of 0.125 degree Celsius, signed
    bool max_temperature_enabled = false;  // mte
    std::int16_t max_temperature = 0;
    std::int16_t threshold_hi = 0;
    std::string sensor_name;
};
Result<MtmpInfo> decode_mtmp(std::span<const std::uint8_t> reply);
double mtmp_celsius(std::int16_t raw);

}  // namespace fwctl::plugins::mlx5
