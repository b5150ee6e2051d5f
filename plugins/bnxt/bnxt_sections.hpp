// Turns decoded bnxt replies into the report's info, firmware and health
// trees and the notes that explain what is missing. Pure functions: the
// plugin sends the requests, these decide what the report says.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "collector/error.hpp"
#include "collector/snapshot.hpp"
#include "plugins/bnxt/bnxt_wire.hpp"

namespace fwctl::plugins::bnxt {

// A section and, when something is missing or odd, one note saying why.
struct Section {
    Tree tree;
    std::string note;  // "" when there is nothing to explain
};

// FWCTL_INFO: struct fwctl_info_bnxt { u32 uctx_caps; } in host order.
std::optional<std::uint32_t> uctx_caps_of(std::span<const std::uint8_t> info);
Section info_section(std::span<const std::uint8_t> info);

// VER_GET (running versions, chip) and NVM_GET_DEV_INFO (stored versions, flash).
Section firmware_section(const Result<VerGet>& ver, const Result<NvmDevInfo>& nvm);

// FW_HEALTH_CHECK, FW_QSTATUS (for `processor`) and TEMP_MONITOR_QUERY.
Section health_section(const Result<FwHealthCheck>& check, const Result<FwQstatus>& qstatus,
                       std::uint8_t processor, const Result<TempMonitor>& temperature);

// Why `config` stays empty, for this device's driver capabilities.
std::string config_note(std::optional<std::uint32_t> uctx_caps);

}  // namespace fwctl::plugins::bnxt
