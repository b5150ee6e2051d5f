// The emulated ConnectX's state, parsed from a lab's `state:` map. Included only by
// mlx5_sim_module.cpp (tests/sim/CMakeLists.txt compiles that one file per vendor).
//
// Keys (all optional; tests/sim/README.md and plugins/mlx5/README.md list them):
//   psid, uid, uctx_caps, ieee_vendor_id, vsd_vendor_id, vsd      QUERY_ADAPTER / INFO
//   fw_running "28.39.1002", fw_stored "28.41.1000" (absent: nothing staged). Without
//       fw_running, MGIR, MCQS and MCQI are not emulated (BAD_OP, syndrome 0x1, as the
//       module answered every ACCESS_REG before; tests/sim/sim_abi_probe.cpp relies on it)
//   fw_update_state idle|in_progress|applied|active|active_pending_reset|failed|canceled|busy
//       (default: active_pending_reset with fw_stored, else idle)
//   build_date "2023-11-06", build_time "17:43" (the defaults), ini_version, uptime_s, device_id,
//   signed_fw, secured                                             MGIR
//   temperature_c, max_temperature_c, temperature_threshold_c,
//   temperature_sensor                                             MTMP sensor 0; without
//       temperature_c, MTMP is not emulated (BAD_OP)
//   nv_capabilities {read_default, read_current}                   MNVGC (default both true)
//   nv_items: [{type, default, current, next_boot, version, writer_id, readable}]
//       the items the firmware has; `next_boot` given = stored in flash (MNVGN lists it),
//       else next-boot is the default; `current` defaults to next-boot. Hex data, the
//       same length for all three (<= 256 bytes; <= 128 when stored).
//   refuse {MNVDA: BAD_OP, MTMP: BAD_PARAM, ...} or [MNVDA, ...] (BAD_OP)
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collector/uapi/fwctl_uapi.h"
#include "tests/sim/lab_yaml.hpp"
#include "tests/sim/sim_bytes.hpp"

namespace fwctl::sim::mlx5_sim {

// Register ids this firmware answers (mlx5-layouts.md §2; MTMP from the kernel enum).
constexpr uint16_t kRegMtmp = 0x900a, kRegMgir = 0x9020, kRegMnvda = 0x9024, kRegMnvqc = 0x9030,
                   kRegMnvgc = 0x9034, kRegMnvgn = 0x9035, kRegMcqs = 0x9060, kRegMcqi = 0x9061;

struct RegisterName {
    const char* name;
    uint16_t id;
};
constexpr RegisterName kRegisters[] = {{"MTMP", kRegMtmp},   {"MGIR", kRegMgir},   {"MNVDA", kRegMnvda},
                                       {"MNVQC", kRegMnvqc}, {"MNVGC", kRegMnvgc}, {"MNVGN", kRegMnvgn},
                                       {"MCQS", kRegMcqs},   {"MCQI", kRegMcqi}};

struct NvItemState {
    uint32_t type = 0;
    uint8_t version = 0;
    uint8_t writer_id = 0x9;  // ICMD_MLXCONFIG, as after `mlxconfig set`
    bool readable = true;     // MNVQC support_rd
    bool stored = false;      // in flash: listed by MNVGN
    Bytes factory, current, next;
};

struct Mlx5State {
    uint16_t uid = 1;
    uint32_t uctx_caps = FWCTL_MLX5_UCTX_CAP_TOOLS_RESOURCES;
    std::string psid;                 // QUERY_ADAPTER vsd_contd_psid
    uint32_t ieee_vendor_id = 0x0002c9;
    uint16_t vsd_vendor_id = 0x15b3;
    std::string vsd;                  // QUERY_ADAPTER vsd[208]

    std::optional<uint32_t> fw_running, fw_stored;  // MCQI version dwords
    uint8_t fw_update_state = 0;
    uint16_t build_year = 2023;  // MGIR build date and time
    uint8_t build_month = 11, build_day = 6, build_hour = 17, build_minute = 43;
    uint32_t ini_version = 0, uptime_s = 0;
    uint16_t device_id = 0x1021;
    bool signed_fw = true, secured = false;

    std::optional<double> temperature_c, max_temperature_c, threshold_c;
    std::string temperature_sensor;

    bool read_default = true, read_current = true;
    std::vector<NvItemState> nv_items;
    std::map<uint16_t, uint8_t> refuse;  // register id -> mailbox status
};

inline const NvItemState* find_nv_item(const Mlx5State& s, uint32_t type) {
    for (const NvItemState& item : s.nv_items)
        if (item.type == type)
            return &item;
    return nullptr;
}

// "28.39.1002" -> 0x1c2703ea (major << 24 | minor << 16 | subminor).
inline uint32_t parse_fw_version(const YAML::Node& node, const char* what) {
    const std::string text = as_string(node, what);
    unsigned major = 0, minor = 0, sub = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%u.%u.%u%c", &major, &minor, &sub, &tail) != 3 || major > 0xff ||
        minor > 0xff || sub > 0xffff)
        lab_fail(node, std::string(what) + ": expected MAJOR.MINOR.SUBMINOR (255.255.65535 at most)");
    return major << 24 | minor << 16 | sub;
}

inline double parse_celsius(const YAML::Node& node, const char* what) {
    const std::string text = as_string(node, what);
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v) || v < -4096 || v > 4095)
        lab_fail(node, std::string(what) + ": expected degrees Celsius, e.g. 52.5");
    return v;
}

inline uint8_t parse_update_state(const YAML::Node& node) {
    static const char* const kNames[] = {"idle", "in_progress", "applied", "active",
                                         "active_pending_reset", "failed", "canceled", "busy"};
    const std::string text = as_string(node, "fw_update_state");
    for (uint8_t i = 0; i < 8; ++i)
        if (text == kNames[i])
            return i;
    lab_fail(node, "fw_update_state: unknown state '" + text + "'");
}

inline uint8_t parse_status(const YAML::Node& node) {
    static const std::pair<const char*, uint8_t> kStatuses[] = {
        {"INTERNAL_ERROR", 0x1}, {"BAD_OP", 0x2},        {"BAD_PARAM", 0x3},      {"BAD_SYS_STATE", 0x4},
        {"BAD_RESOURCE", 0x5},   {"RESOURCE_BUSY", 0x6}, {"EXCEED_LIMIT", 0x8}, {"NO_RESOURCES", 0xf}};
    const std::string text = as_string(node, "refuse status");
    for (const auto& [name, value] : kStatuses)
        if (text == name)
            return value;
    const uint64_t v = as_uint(node, 0xff, "refuse status");
    if (v == 0)
        lab_fail(node, "refuse status: 0 is success, not a refusal");
    return static_cast<uint8_t>(v);
}

inline uint16_t parse_register(const YAML::Node& node) {
    const std::string text = as_string(node, "refuse register");
    for (const RegisterName& r : kRegisters)
        if (text == r.name)
            return r.id;
    lab_fail(node, "refuse: unknown register '" + text + "'");
}

inline Bytes parse_hex(const YAML::Node& node, const char* what) {
    auto bytes = from_hex(as_string(node, what));
    if (!bytes)
        lab_fail(node, std::string(what) + ": not a hex string");
    return *bytes;
}

inline NvItemState parse_nv_item(const YAML::Node& n) {
    check_keys(n, {"type", "default", "current", "next_boot", "version", "writer_id", "readable"}, "nv_items entry");
    NvItemState item;
    if (!n["type"].IsDefined() || !n["default"].IsDefined())
        lab_fail(n, "nv_items entry: needs type and default");
    item.type = static_cast<uint32_t>(as_uint(n["type"], 0xffffffff, "type"));
    item.factory = parse_hex(n["default"], "default");
    item.stored = n["next_boot"].IsDefined();
    item.next = item.stored ? parse_hex(n["next_boot"], "next_boot") : item.factory;
    item.current = n["current"].IsDefined() ? parse_hex(n["current"], "current") : item.next;
    item.version = static_cast<uint8_t>(opt_uint(n, "version", 0xf).value_or(0));
    item.writer_id = static_cast<uint8_t>(opt_uint(n, "writer_id", 0x1f).value_or(item.writer_id));
    item.readable = opt_bool(n, "readable").value_or(true);
    if (item.factory.empty() || item.factory.size() > 256 || item.factory.size() % 4 != 0)
        lab_fail(n["default"], "nv_items entry: data must be 4..256 bytes, whole dwords");
    if (item.current.size() != item.factory.size() || item.next.size() != item.factory.size())
        lab_fail(n, "nv_items entry: default, current and next_boot must have the same length");
    if (item.stored && item.factory.size() > 128)
        lab_fail(n, "nv_items entry: a stored item must fit MNVGN's 128-byte nv_data");
    return item;
}

inline void parse_build(Mlx5State& s, const YAML::Node& node) {
    if (auto date = opt_string(node, "build_date")) {
        unsigned y = 0, m = 0, d = 0;
        char tail = 0;
        if (std::sscanf(date->c_str(), "%u-%u-%u%c", &y, &m, &d, &tail) != 3 || y > 9999 || m < 1 || m > 12 ||
            d < 1 || d > 31)
            lab_fail(node["build_date"], "build_date: expected YYYY-MM-DD");
        s.build_year = static_cast<uint16_t>(y);
        s.build_month = static_cast<uint8_t>(m);
        s.build_day = static_cast<uint8_t>(d);
    }
    if (auto time = opt_string(node, "build_time")) {
        unsigned h = 0, m = 0;
        char tail = 0;
        if (std::sscanf(time->c_str(), "%u:%u%c", &h, &m, &tail) != 2 || h > 23 || m > 59)
            lab_fail(node["build_time"], "build_time: expected HH:MM");
        s.build_hour = static_cast<uint8_t>(h);
        s.build_minute = static_cast<uint8_t>(m);
    }
}

inline Mlx5State parse_mlx5_state(const YAML::Node& node) {
    Mlx5State s;
    if (!node.IsDefined() || node.IsNull())
        return s;
    check_keys(node,
               {"psid", "uid", "uctx_caps", "ieee_vendor_id", "vsd_vendor_id", "vsd", "fw_running", "fw_stored",
                "fw_update_state", "build_date", "build_time", "ini_version", "uptime_s", "device_id",
                "signed_fw", "secured", "temperature_c", "max_temperature_c", "temperature_threshold_c",
                "temperature_sensor", "nv_capabilities", "nv_items", "refuse"},
               "mlx5 state");
    s.psid = opt_string(node, "psid").value_or("");
    if (s.psid.size() > 16)
        lab_fail(node["psid"], "mlx5 state: psid is longer than 16 characters");
    s.uid = static_cast<uint16_t>(opt_uint(node, "uid", 0xffff).value_or(s.uid));
    s.uctx_caps = static_cast<uint32_t>(opt_uint(node, "uctx_caps", UINT32_MAX).value_or(s.uctx_caps));
    s.ieee_vendor_id = static_cast<uint32_t>(opt_uint(node, "ieee_vendor_id", 0xffffff).value_or(s.ieee_vendor_id));
    s.vsd_vendor_id = static_cast<uint16_t>(opt_uint(node, "vsd_vendor_id", 0xffff).value_or(s.vsd_vendor_id));
    s.vsd = opt_string(node, "vsd").value_or("");
    if (s.vsd.size() > 208)
        lab_fail(node["vsd"], "mlx5 state: vsd is longer than 208 characters");

    if (node["fw_running"].IsDefined())
        s.fw_running = parse_fw_version(node["fw_running"], "fw_running");
    if (node["fw_stored"].IsDefined())
        s.fw_stored = parse_fw_version(node["fw_stored"], "fw_stored");
    s.fw_update_state = node["fw_update_state"].IsDefined() ? parse_update_state(node["fw_update_state"])
                        : s.fw_stored                        ? uint8_t{4}
                                                             : uint8_t{0};
    parse_build(s, node);
    s.ini_version = static_cast<uint32_t>(opt_uint(node, "ini_version", UINT32_MAX).value_or(0));
    s.uptime_s = static_cast<uint32_t>(opt_uint(node, "uptime_s", UINT32_MAX).value_or(0));
    s.device_id = static_cast<uint16_t>(opt_uint(node, "device_id", 0xffff).value_or(s.device_id));
    s.signed_fw = opt_bool(node, "signed_fw").value_or(s.signed_fw);
    s.secured = opt_bool(node, "secured").value_or(s.secured);

    if (node["temperature_c"].IsDefined())
        s.temperature_c = parse_celsius(node["temperature_c"], "temperature_c");
    if (node["max_temperature_c"].IsDefined())
        s.max_temperature_c = parse_celsius(node["max_temperature_c"], "max_temperature_c");
    if (node["temperature_threshold_c"].IsDefined())
        s.threshold_c = parse_celsius(node["temperature_threshold_c"], "temperature_threshold_c");
    s.temperature_sensor = opt_string(node, "temperature_sensor").value_or("");
    if (s.temperature_sensor.size() > 8)
        lab_fail(node["temperature_sensor"], "temperature_sensor: at most 8 characters");

    if (const YAML::Node caps = node["nv_capabilities"]; caps.IsDefined()) {
        check_keys(caps, {"read_default", "read_current"}, "nv_capabilities");
        s.read_default = opt_bool(caps, "read_default").value_or(true);
        s.read_current = opt_bool(caps, "read_current").value_or(true);
    }
    if (const YAML::Node items = node["nv_items"]; items.IsDefined()) {
        if (!items.IsSequence())
            lab_fail(items, "nv_items: expected a list");
        for (const YAML::Node& n : items) {
            NvItemState item = parse_nv_item(n);
            if (find_nv_item(s, item.type))
                lab_fail(n, "nv_items: type listed twice");
            s.nv_items.push_back(std::move(item));
        }
    }
    if (const YAML::Node refuse = node["refuse"]; refuse.IsDefined()) {
        if (refuse.IsSequence()) {
            for (const YAML::Node& r : refuse)
                s.refuse[parse_register(r)] = 0x2;  // BAD_OP: the register is not supported
        } else {
            expect_map(refuse, "refuse");
            for (const auto& kv : refuse)
                s.refuse[parse_register(kv.first)] = parse_status(kv.second);
        }
    }
    return s;
}

}  // namespace fwctl::sim::mlx5_sim
