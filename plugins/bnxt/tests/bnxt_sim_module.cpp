// fwctl-sim module for Broadcom NetXtreme (bnxt), FWCTL_DEVICE_TYPE_BNXT = 3.
//
// Emulates drivers/fwctl/bnxt/main.c (bnxtctl_fw_rpc): the request is a raw
// little-endian HWRM message (16-byte struct input header), in_len 16..128 and
// out_len >= 8 or EINVAL; req_type not allowed at the scope -> EPERM. The response
// buffer is kvzalloc'ed with the caller's out_len and never shortened, so the reply is
// exactly out_len bytes, zero past firmware's data. Firmware errors are in-band
// (error_code); when bnxt_en fails a message before firmware answers, the driver
// stores the negative errno in error_code of the otherwise zero buffer.
//
// The firmware answers VER_GET, NVM_GET_DEV_INFO, FW_QSTATUS, FW_HEALTH_CHECK and
// TEMP_MONITOR_QUERY from the lab's `state:` in the hsi.h layouts (each response
// ends with `valid` = 1). A query whose state section is absent is answered with
// HWRM_ERR_CODE_CMD_NOT_SUPPORTED, like firmware without the command.
// Sources: cxl-bnxt-layouts.md B.1-B.6, include/linux/bnxt/hsi.h.
#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <limits>
#include <map>

#include "collector/uapi/fwctl_uapi.h"
#include "tests/sim/lab_yaml.hpp"
#include "tests/sim/sim_module.hpp"

namespace fwctl::sim {
namespace {

constexpr size_t kInputHeaderLen = 16;   // struct input
constexpr size_t kOutputHeaderLen = 8;   // struct output
constexpr size_t kMaxReqLen = 128;       // HWRM_MAX_REQ_LEN
constexpr size_t kVerGetOutLen = 176;    // struct hwrm_ver_get_output
constexpr size_t kQstatusOutLen = 16;    // struct hwrm_fw_qstatus_output
constexpr size_t kHealthOutLen = 16;     // hwrm_fw_health_check_output (Broadcom HSI)
constexpr size_t kTempOutLen = 24;       // struct hwrm_temp_monitor_query_output
constexpr uint16_t kVerGet = 0x0000;
constexpr uint16_t kFwQstatus = 0x00c1;
constexpr uint16_t kFwHealthCheck = 0x00c2;
constexpr uint16_t kTempMonitorQuery = 0x00e0;
constexpr uint16_t kNvmGetDevInfo = 0xfff6;
constexpr uint16_t kErrNotSupported = 0xffff;  // HWRM_ERR_CODE_CMD_NOT_SUPPORTED
constexpr uint8_t kFlagExtVerAvail = 1u << 1;  // VER_GET flags: 16-bit versions valid
constexpr uint32_t kUctxCaps = 0x7;            // INLINE | QUERY | SEND commands

struct Version4 {
    uint16_t part[4] = {0, 0, 0, 0};
};

// NVM_GET_DEV_INFO: flash geometry and the stored (flashed) versions.
struct NvmState {
    uint16_t manufacturer_id = 0;
    uint16_t device_id = 0;
    uint32_t sector_size = 0, nvram_size = 0, reserved_size = 0, available_size = 0;
    Version4 cfg_version;                 // nvm_cfg_ver_{maj,min,upd}
    std::optional<std::string> pkg_name;  // present: FW_VER_VALID set
    Version4 hwrm_fw, mgmt_fw, roce_fw, netctrl_fw, srt2_fw, security_soc_fw;
    size_t layout = 96;                   // reply size: 32, 80, 88 or 96 (HSI revisions)
};

struct TempState {
    std::optional<uint8_t> chip, phy, optical_module;  // absent: not available / OM not present
    std::optional<std::array<uint8_t, 4>> thresholds;  // warning, critical, fatal, shutdown
};

struct BnxtState {
    Version4 fw_version;                 // hwrm_fw (8- and 16-bit)
    Version4 mgmt_fw_version;            // default: fw_version
    Version4 netctrl_fw_version;
    Version4 roce_fw_version;
    Version4 hwrm_intf{{1, 10, 3, 0}};   // the firmware's HWRM interface version
    std::string active_pkg_name;
    std::string hwrm_fw_name;
    uint16_t chip_num = 0;
    uint8_t chip_rev = 0;
    uint8_t chip_metal = 0;
    uint32_t dev_caps_cfg = 0;
    bool ext_ver_avail = true;
    std::optional<NvmState> nvm;
    std::optional<std::array<uint8_t, 2>> fw_qstatus;  // selfrst_status, nvm_option_action_status
    std::optional<uint32_t> fw_status;                 // FW_HEALTH_CHECK
    std::optional<TempState> temperature;
    std::map<uint16_t, uint16_t> hwrm_errors;  // req_type -> firmware error_code
    std::map<uint16_t, int> driver_errors;     // req_type -> errno bnxt_en fails with
};

struct BnxtOp {
    uint16_t req_type;
    const char* name;
    uint32_t min_scope;
};

// bnxtctl_validate_rpc, the commands with known req_type values.
constexpr BnxtOp kOps[] = {
    // scope >= CONFIGURATION: destructive, accepted without taint. A read-only tool
    // must never send these; the RPC log names them so tests can prove it.
    {0x0011, "FUNC_RESET", 0},
    {0x00c0, "FW_RESET", 0},
    {0x00c3, "FW_SYNC", 0},
    {0x00c8, "FW_SET_TIME", 0},
    {0xff15, "DBG_ERASE_NVM", 0},
    {0xffee, "NVM_FACTORY_DEFAULTS", 0},
    {0xfff0, "NVM_FLUSH", 0},
    {0xfff5, "NVM_VERIFY_UPDATE", 0},
    {0xfff7, "NVM_ERASE_DIR_ENTRY", 0},
    {0xfff8, "NVM_MOD_DIR_ENTRY", 0},
    {0xfff9, "NVM_FIND_DIR_ENTRY", 0},
    // scope >= DEBUG_READ_ONLY
    {0x0000, "VER_GET", 1},
    {0x000c, "ERROR_RECOVERY_QCFG", 1},
    {0x0015, "FUNC_QCAPS", 1},
    {0x0016, "FUNC_QCFG", 1},
    {0x0027, "PORT_PHY_QCFG", 1},
    {0x00be, "FW_LIVEPATCH_QUERY", 1},
    {0x00c1, "FW_QSTATUS", 1},
    {0x00c2, "FW_HEALTH_CHECK", 1},
    {0x00c9, "FW_GET_TIME", 1},
    {0x00e0, "TEMP_MONITOR_QUERY", 1},
    {0xfff6, "NVM_GET_DEV_INFO", 1},
    {0xfffb, "NVM_GET_DIR_INFO", 1},
};

const BnxtOp* find_op(uint16_t req_type) {
    for (const BnxtOp& op : kOps)
        if (op.req_type == req_type)
            return &op;
    return nullptr;
}

const BnxtOp* find_op(std::string_view name) {
    for (const BnxtOp& op : kOps)
        if (name == op.name)
            return &op;
    return nullptr;
}

// ---------------------------------------------------------------- lab state

// "230.0.156.0" (or fewer parts) -> {230, 0, 156, 0}
std::optional<Version4> parse_version(std::string_view text) {
    Version4 v;
    size_t part = 0;
    while (true) {
        const size_t dot = text.find('.');
        const std::string_view field = text.substr(0, dot);
        uint16_t value = 0;
        auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
        if (field.empty() || ec != std::errc() || end != field.data() + field.size() || part == 4)
            return std::nullopt;
        v.part[part++] = value;
        if (dot == std::string_view::npos)
            return v;
        text.remove_prefix(dot + 1);
    }
}

Version4 version_key(const YAML::Node& node, const char* key, Version4 fallback) {
    const auto text = opt_string(node, key);
    if (!text)
        return fallback;
    const auto v = parse_version(*text);
    if (!v)
        lab_fail(node[key], std::string("bnxt state: ") + key + " must look like 230.0.156.0");
    return *v;
}

std::string short_text(const YAML::Node& node, const char* key) {
    const std::string text = opt_string(node, key).value_or("");
    if (text.size() > 16)
        lab_fail(node[key], std::string("bnxt state: ") + key + " is longer than 16 characters");
    return text;
}

template <class T>
T uint_key(const YAML::Node& node, const char* key, T fallback = 0) {
    return static_cast<T>(opt_uint(node, key, std::numeric_limits<T>::max()).value_or(fallback));
}

NvmState parse_nvm(const YAML::Node& node) {
    check_keys(node, {"flash_manufacturer_id", "flash_device_id", "sector_size", "nvram_size",
                      "reserved_size", "available_size", "cfg_version", "pkg_name", "hwrm_fw_version",
                      "mgmt_fw_version", "roce_fw_version", "netctrl_fw_version", "srt2_fw_version",
                      "security_soc_fw_version", "layout"},
               "bnxt state nvm");
    NvmState n;
    n.manufacturer_id = uint_key<uint16_t>(node, "flash_manufacturer_id");
    n.device_id = uint_key<uint16_t>(node, "flash_device_id");
    n.sector_size = uint_key<uint32_t>(node, "sector_size");
    n.nvram_size = uint_key<uint32_t>(node, "nvram_size");
    n.reserved_size = uint_key<uint32_t>(node, "reserved_size");
    n.available_size = uint_key<uint32_t>(node, "available_size");
    n.cfg_version = version_key(node, "cfg_version", {});
    if (node["pkg_name"].IsDefined())
        n.pkg_name = short_text(node, "pkg_name");
    n.hwrm_fw = version_key(node, "hwrm_fw_version", {});
    n.mgmt_fw = version_key(node, "mgmt_fw_version", {});
    n.roce_fw = version_key(node, "roce_fw_version", {});
    n.netctrl_fw = version_key(node, "netctrl_fw_version", {});
    n.srt2_fw = version_key(node, "srt2_fw_version", {});
    n.security_soc_fw = version_key(node, "security_soc_fw_version", {});
    n.layout = uint_key<size_t>(node, "layout", 96);
    if (n.layout != 32 && n.layout != 80 && n.layout != 88 && n.layout != 96)
        lab_fail(node["layout"], "bnxt state nvm: layout must be 32, 80, 88 or 96 (reply bytes)");
    return n;
}

TempState parse_temperature(const YAML::Node& node) {
    check_keys(node, {"chip", "phy", "optical_module", "thresholds"}, "bnxt state temperature");
    TempState t;
    for (auto [key, field] : {std::pair{"chip", &t.chip}, std::pair{"phy", &t.phy},
                              std::pair{"optical_module", &t.optical_module}})
        if (const auto v = opt_uint(node, key, 0xff))
            *field = static_cast<uint8_t>(*v);
    if (const YAML::Node list = node["thresholds"]; list.IsDefined()) {
        if (!list.IsSequence() || list.size() != 4)
            lab_fail(list, "bnxt state temperature: thresholds must be [warning, critical, fatal, shutdown]");
        std::array<uint8_t, 4> values{};
        for (size_t i = 0; i < 4; ++i)
            values[i] = static_cast<uint8_t>(as_uint(list[i], 0xff, "threshold"));
        t.thresholds = values;
    }
    return t;
}

// {FW_HEALTH_CHECK: 3, ...}: command names as in the RPC log.
template <class Value, class Parse>
std::map<uint16_t, Value> per_command(const YAML::Node& node, const char* what, Parse parse) {
    std::map<uint16_t, Value> out;
    if (!node.IsDefined())
        return out;
    expect_map(node, what);
    for (const auto& kv : node) {
        const std::string name = kv.first.as<std::string>();
        const BnxtOp* op = find_op(name);
        if (op == nullptr)
            lab_fail(kv.first, std::string(what) + ": unknown command '" + name + "'");
        out[op->req_type] = parse(kv.second);
    }
    return out;
}

// ---------------------------------------------------------------- replies

void put_ver8(Bytes& r, size_t off, const Version4& v) {
    for (size_t i = 0; i < 4; ++i)
        put_u8(r, off + i, static_cast<uint8_t>(v.part[i]));
}

void put_ver16(Bytes& r, size_t off, const Version4& v) {
    for (size_t i = 0; i < 4; ++i)
        put_le16(r, off + 2 * i, v.part[i]);
}

void put_output_header(Bytes& r, std::span<const uint8_t> in, uint16_t error_code,
                       uint16_t resp_len) {
    put_le16(r, 0, error_code);
    put_le16(r, 2, get_le16(in, 0));  // req_type echoed
    put_le16(r, 4, get_le16(in, 4));  // seq_id echoed
    put_le16(r, 6, resp_len);
}

// A response of `len` bytes: header, then fields, and `valid` = 1 as its last byte.
Bytes response(std::span<const uint8_t> in, size_t len) {
    Bytes r(len, 0);
    put_output_header(r, in, 0, static_cast<uint16_t>(len));
    put_u8(r, len - 1, 1);  // valid = HWRM_RESP_VALID_KEY
    return r;
}

Bytes error_reply(std::span<const uint8_t> in, uint16_t error_code) {
    Bytes r(kOutputHeaderLen, 0);
    put_output_header(r, in, error_code, static_cast<uint16_t>(kOutputHeaderLen));
    return r;
}

// struct hwrm_ver_get_output (cxl-bnxt-layouts.md B.3)
Bytes ver_get_reply(const BnxtState& s, std::span<const uint8_t> in) {
    Bytes r = response(in, kVerGetOutLen);
    put_ver8(r, 8, s.hwrm_intf);
    put_ver8(r, 12, s.fw_version);          // hwrm_fw_{maj,min,bld,rsvd}_8b
    put_ver8(r, 16, s.mgmt_fw_version);     // mgmt_fw_*_8b
    put_ver8(r, 20, s.netctrl_fw_version);  // netctrl_fw_*_8b
    put_le32(r, 24, s.dev_caps_cfg);
    put_ver8(r, 28, s.roce_fw_version);     // roce_fw_*_8b
    put_ascii(r, 32, s.hwrm_fw_name, 16);
    put_ascii(r, 80, s.active_pkg_name, 16);
    put_le16(r, 112, s.chip_num);
    put_u8(r, 114, s.chip_rev);
    put_u8(r, 115, s.chip_metal);
    put_le16(r, 118, static_cast<uint16_t>(kMaxReqLen));  // max_req_win_len
    put_le16(r, 120, 704);                                // max_resp_len (HWRM_MAX_RESP_LEN)
    put_le16(r, 122, 500);                                // def_req_timeout, ms
    put_u8(r, 124, s.ext_ver_avail ? kFlagExtVerAvail : 0);
    put_u8(r, 127, 1);                                    // always_1
    if (s.ext_ver_avail) {
        put_ver16(r, 128, s.hwrm_intf);
        put_ver16(r, 136, s.fw_version);          // hwrm_fw_{major,minor,build,patch}
        put_ver16(r, 144, s.mgmt_fw_version);     // mgmt_fw_*
        put_ver16(r, 152, s.netctrl_fw_version);  // netctrl_fw_*
        put_ver16(r, 160, s.roce_fw_version);     // roce_fw_*
    }
    put_le16(r, 168, static_cast<uint16_t>(kMaxReqLen));  // max_ext_req_len
    put_le16(r, 170, 60);                                 // max_req_timeout, s
    return r;
}

// struct hwrm_nvm_get_dev_info_output (hsi.h: 96 bytes; older HSIs 32, 80, 88).
Bytes nvm_get_dev_info_reply(const NvmState& n, std::span<const uint8_t> in) {
    Bytes r = response(in, n.layout);
    put_le16(r, 8, n.manufacturer_id);
    put_le16(r, 10, n.device_id);
    put_le32(r, 12, n.sector_size);
    put_le32(r, 16, n.nvram_size);
    put_le32(r, 20, n.reserved_size);
    put_le32(r, 24, n.available_size);
    for (size_t i = 0; i < 3; ++i)
        put_u8(r, 28 + i, static_cast<uint8_t>(n.cfg_version.part[i]));
    if (n.layout < 80)
        return r;  // byte 31 is `valid` in the 32-byte layout
    put_u8(r, 31, n.pkg_name ? 0x1 : 0x0);  // flags: FW_VER_VALID
    if (n.pkg_name) {
        put_ascii(r, 32, *n.pkg_name, 16);
        put_ver16(r, 48, n.hwrm_fw);
        put_ver16(r, 56, n.mgmt_fw);
        put_ver16(r, 64, n.roce_fw);
        if (n.layout >= 88)
            put_ver16(r, 72, n.netctrl_fw);
        if (n.layout >= 96) {
            put_ver16(r, 80, n.srt2_fw);
            put_ver8(r, 88, n.security_soc_fw);  // u8 major, minor, build, patch
        }
    }
    return r;
}

Bytes fw_qstatus_reply(const std::array<uint8_t, 2>& q, std::span<const uint8_t> in) {
    Bytes r = response(in, kQstatusOutLen);
    put_u8(r, 8, q[0]);  // selfrst_status
    put_u8(r, 9, q[1]);  // nvm_option_action_status
    return r;
}

Bytes fw_health_check_reply(uint32_t fw_status, std::span<const uint8_t> in) {
    Bytes r = response(in, kHealthOutLen);
    put_le32(r, 8, fw_status);
    return r;
}

Bytes temp_monitor_reply(const TempState& t, std::span<const uint8_t> in) {
    Bytes r = response(in, kTempOutLen);
    unsigned flags = 0;
    flags |= t.chip ? 0u : 0x1u;            // TEMP_NOT_AVAILABLE
    flags |= t.phy ? 0u : 0x2u;             // PHY_TEMP_NOT_AVAILABLE
    flags |= t.optical_module ? 0u : 0x4u;  // OM_NOT_PRESENT
    put_u8(r, 8, t.chip.value_or(0));
    put_u8(r, 9, t.phy.value_or(0));
    put_u8(r, 10, t.optical_module.value_or(0));
    if (t.thresholds) {
        flags |= 0x20u;  // THRESHOLD_VALUES_AVAILABLE
        for (size_t i = 0; i < 4; ++i)
            put_u8(r, 15 + i, (*t.thresholds)[i]);
    }
    put_u8(r, 11, static_cast<uint8_t>(flags));
    return r;
}

// The firmware's answer to an allowed command.
Bytes firmware_reply(const BnxtState& s, uint16_t req_type, std::span<const uint8_t> in) {
    if (const auto it = s.hwrm_errors.find(req_type); it != s.hwrm_errors.end())
        return error_reply(in, it->second);
    switch (req_type) {
    case kVerGet:
        return ver_get_reply(s, in);
    case kNvmGetDevInfo:
        if (s.nvm)
            return nvm_get_dev_info_reply(*s.nvm, in);
        break;
    case kFwQstatus:
        if (s.fw_qstatus)
            return fw_qstatus_reply(*s.fw_qstatus, in);
        break;
    case kFwHealthCheck:
        if (s.fw_status)
            return fw_health_check_reply(*s.fw_status, in);
        break;
    case kTempMonitorQuery:
        if (s.temperature)
            return temp_monitor_reply(*s.temperature, in);
        break;
    default:
        break;
    }
    return error_reply(in, kErrNotSupported);
}

class BnxtSimModule final : public SimModule {
public:
    std::string_view name() const override { return "bnxt"; }
    uint32_t type_id() const override { return FWCTL_DEVICE_TYPE_BNXT; }

    std::any parse_state(const YAML::Node& node) const override {
        BnxtState s;
        if (!node.IsDefined() || node.IsNull())
            return s;
        check_keys(node, {"fw_version", "mgmt_fw_version", "netctrl_fw_version", "roce_fw_version",
                          "hwrm_intf", "active_pkg_name", "hwrm_fw_name", "chip_num", "chip_rev",
                          "chip_metal", "dev_caps_cfg", "ext_ver_avail", "nvm", "fw_qstatus",
                          "fw_health_check", "temperature", "hwrm_errors", "driver_errors"},
                   "bnxt state");
        s.fw_version = version_key(node, "fw_version", s.fw_version);
        s.mgmt_fw_version = version_key(node, "mgmt_fw_version", s.fw_version);
        s.netctrl_fw_version = version_key(node, "netctrl_fw_version", {});
        s.roce_fw_version = version_key(node, "roce_fw_version", {});
        s.hwrm_intf = version_key(node, "hwrm_intf", s.hwrm_intf);
        s.active_pkg_name = short_text(node, "active_pkg_name");
        s.hwrm_fw_name = short_text(node, "hwrm_fw_name");
        s.chip_num = uint_key<uint16_t>(node, "chip_num");
        s.chip_rev = uint_key<uint8_t>(node, "chip_rev");
        s.chip_metal = uint_key<uint8_t>(node, "chip_metal");
        s.dev_caps_cfg = uint_key<uint32_t>(node, "dev_caps_cfg");
        s.ext_ver_avail = opt_bool(node, "ext_ver_avail").value_or(true);
        if (node["nvm"].IsDefined())
            s.nvm = parse_nvm(node["nvm"]);
        if (const YAML::Node q = node["fw_qstatus"]; q.IsDefined()) {
            check_keys(q, {"selfrst_status", "nvm_option_action_status"}, "bnxt state fw_qstatus");
            s.fw_qstatus = std::array<uint8_t, 2>{uint_key<uint8_t>(q, "selfrst_status"),
                                                  uint_key<uint8_t>(q, "nvm_option_action_status")};
        }
        if (const YAML::Node h = node["fw_health_check"]; h.IsDefined()) {
            check_keys(h, {"fw_status"}, "bnxt state fw_health_check");
            s.fw_status = uint_key<uint32_t>(h, "fw_status");
        }
        if (node["temperature"].IsDefined())
            s.temperature = parse_temperature(node["temperature"]);
        s.hwrm_errors = per_command<uint16_t>(node["hwrm_errors"], "bnxt state hwrm_errors",
                                              [](const YAML::Node& v) {
                                                  return static_cast<uint16_t>(as_uint(v, 0xffff, "error_code"));
                                              });
        s.driver_errors = per_command<int>(node["driver_errors"], "bnxt state driver_errors",
                                           [](const YAML::Node& v) {
                                               const std::string name = as_string(v, "errno");
                                               const auto err = errno_from_name(name);
                                               if (!err)
                                                   lab_fail(v, "bnxt state driver_errors: unknown errno '" +
                                                                   name + "'");
                                               return *err;
                                           });
        return s;
    }

    std::optional<Bytes> info(const DeviceState&) const override {
        Bytes out;
        put_le32(out, 0, kUctxCaps);  // struct fwctl_info_bnxt, host order (x86: LE)
        return out;
    }

    std::string describe(std::span<const uint8_t> in) const override {
        const uint16_t req_type = get_le16(in, 0);
        if (const BnxtOp* op = find_op(req_type))
            return op->name;
        return "0x" + to_hex(std::span(in).first(std::min<size_t>(in.size(), 2)));
    }

    std::expected<Bytes, int> rpc(const DeviceState& dev, uint32_t scope,
                                  std::span<const uint8_t> in, uint32_t out_len) const override {
        if (in.size() < kInputHeaderLen || in.size() > kMaxReqLen || out_len < kOutputHeaderLen)
            return std::unexpected(EINVAL);
        const uint16_t req_type = get_le16(in, 0);
        const BnxtOp* op = find_op(req_type);
        if (!op || scope < op->min_scope)
            return std::unexpected(EPERM);

        const BnxtState& s = module_state<BnxtState>(dev);
        Bytes reply;
        if (const auto it = s.driver_errors.find(req_type); it != s.driver_errors.end()) {
            // bnxt_send_msg() failed before firmware answered: the zeroed response
            // buffer comes back with only error_code = cpu_to_le16(-errno).
            put_le16(reply, 0, static_cast<uint16_t>(-it->second));
        } else {
            reply = firmware_reply(s, req_type, in);
        }
        reply.resize(out_len, 0);  // the driver returns its whole out_len-sized buffer
        return reply;
    }
};

}  // namespace

const SimModule& bnxt_sim_module() {
    static const BnxtSimModule module;
    return module;
}

}  // namespace fwctl::sim
