// The clean run the fault matrix is generated from: the base lab is run once
// with the RPC log on, and every RPC it sent becomes a site where a fault can
// be injected. Nothing here lists RPCs by hand, so a plugin that learns a new
// query is covered by the matrix the day it sends it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace faults {

using nlohmann::ordered_json;

// One RPC of the clean run.
struct RpcSite {
    std::string device;       // base device in the lab, e.g. fwctl0
    std::uint32_t type_id = 0;
    std::string type_name;    // the plugin's name, e.g. mlx5
    std::string op;           // the emulator's name for it, e.g. ACCESS_REG:read:0x9020
    std::string rule;         // the allowlist rule that let it through
    std::string request_hex;  // as the driver saw it (after the mlx5 uid rewrite)
    std::uint32_t out_len = 0;
    std::size_t order = 0;    // 0, 1, ... among this device's RPCs
};

struct CleanRun {
    std::filesystem::path lab;
    ordered_json lab_doc;          // the lab file itself, to copy devices from
    ordered_json report;           // the report of the clean run
    std::vector<RpcSite> rpcs;     // in the order they were sent
    std::map<std::string, std::uint32_t> type_of;  // device -> FWCTL_INFO type
    std::vector<std::string> rules_never_sent;     // "mlx5 RULE": allowlist rules the lab does not reach

    const ordered_json& device_report(const std::string& name) const;
    const ordered_json& lab_device(const std::string& name) const;
    // Devices whose clean report has no error and that sent at least one RPC.
    std::vector<std::string> subjects() const;
};

// Runs fwctl-report --format json on `lab` under fwctl-sim with --log.
CleanRun run_clean(const std::filesystem::path& lab);

}  // namespace faults
