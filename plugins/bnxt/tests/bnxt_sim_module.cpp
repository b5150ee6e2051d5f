// fwctl-sim module for Broadcom NetXtreme (bnxt), FWCTL_DEVICE_TYPE_BNXT = 3.
//
// Emulates drivers/fwctl/bnxt/main.c (bnxtctl_fw_rpc): the request is a raw
// little-endian HWRM message (16-byte struct input header), in_len 16..128 and
// out_len >= 8 or EINVAL; req_type not allowed at the scope -> EPERM. The response
// buffer is allocated with the caller's out_len and never shortened, so the reply is
// exactly out_len bytes, zero past firmware's data. Firmware errors are in-band
// (error_code). Sources: fwctl-reference.md §2.4, cxl-bnxt-layouts.md B.1-B.3.
#include <algorithm>
#include <cerrno>
#include <charconv>

#include "collector/uapi/fwctl_uapi.h"
#include "tests/sim/lab_yaml.hpp"
#include "tests/sim/sim_module.hpp"

namespace fwctl::sim {
namespace {

constexpr size_t kInputHeaderLen = 16;   // struct input
constexpr size_t kOutputHeaderLen = 8;   // struct output
constexpr size_t kMaxReqLen = 128;       // HWRM_MAX_REQ_LEN
constexpr size_t kVerGetOutLen = 176;    // struct hwrm_ver_get_output
constexpr uint16_t kVerGet = 0x0000;
constexpr uint16_t kErrNotSupported = 0xffff;  // HWRM_ERR_CODE_CMD_NOT_SUPPORTED
constexpr uint8_t kFlagExtVerAvail = 1u << 1;  // VER_GET flags: 16-bit versions valid
constexpr uint32_t kUctxCaps = 0x7;            // INLINE | QUERY | SEND commands

struct Version4 {
    uint16_t part[4] = {0, 0, 0, 0};
};

struct BnxtState {
    Version4 fw_version;                 // hwrm_fw (8- and 16-bit) and mgmt_fw
    Version4 hwrm_intf{{1, 10, 3, 0}};   // the firmware's HWRM interface version
    std::string active_pkg_name;
    std::string hwrm_fw_name;
    uint16_t chip_num = 0;
    uint8_t chip_rev = 0;
    uint8_t chip_metal = 0;
    uint32_t dev_caps_cfg = 0;
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

// struct hwrm_ver_get_output (cxl-bnxt-layouts.md B.3)
Bytes ver_get_reply(const BnxtState& s, std::span<const uint8_t> in) {
    Bytes r(kVerGetOutLen, 0);
    put_output_header(r, in, 0, static_cast<uint16_t>(kVerGetOutLen));
    put_ver8(r, 8, s.hwrm_intf);
    put_ver8(r, 12, s.fw_version);    // hwrm_fw_{maj,min,bld,rsvd}_8b
    put_ver8(r, 16, s.fw_version);    // mgmt_fw_*_8b
    put_le32(r, 24, s.dev_caps_cfg);
    put_ascii(r, 32, s.hwrm_fw_name, 16);
    put_ascii(r, 80, s.active_pkg_name, 16);
    put_le16(r, 112, s.chip_num);
    put_u8(r, 114, s.chip_rev);
    put_u8(r, 115, s.chip_metal);
    put_le16(r, 118, static_cast<uint16_t>(kMaxReqLen));  // max_req_win_len
    put_le16(r, 120, 704);                                // max_resp_len (HWRM_MAX_RESP_LEN)
    put_le16(r, 122, 500);                                // def_req_timeout, ms
    put_u8(r, 124, kFlagExtVerAvail);
    put_u8(r, 127, 1);                                    // always_1
    put_ver16(r, 128, s.hwrm_intf);
    put_ver16(r, 136, s.fw_version);  // hwrm_fw_{major,minor,build,patch}
    put_ver16(r, 144, s.fw_version);  // mgmt_fw_*
    put_le16(r, 168, static_cast<uint16_t>(kMaxReqLen));  // max_ext_req_len
    put_le16(r, 170, 60);                                 // max_req_timeout, s
    put_u8(r, kVerGetOutLen - 1, 1);                      // valid = HWRM_RESP_VALID_KEY
    return r;
}

class BnxtSimModule final : public SimModule {
public:
    std::string_view name() const override { return "bnxt"; }
    uint32_t type_id() const override { return FWCTL_DEVICE_TYPE_BNXT; }

    std::any parse_state(const YAML::Node& node) const override {
        BnxtState s;
        if (!node.IsDefined() || node.IsNull())
            return s;
        check_keys(node, {"fw_version", "hwrm_intf", "active_pkg_name", "hwrm_fw_name", "chip_num",
                          "chip_rev", "chip_metal", "dev_caps_cfg"},
                   "bnxt state");
        s.fw_version = version_key(node, "fw_version", s.fw_version);
        s.hwrm_intf = version_key(node, "hwrm_intf", s.hwrm_intf);
        s.active_pkg_name = opt_string(node, "active_pkg_name").value_or("");
        s.hwrm_fw_name = opt_string(node, "hwrm_fw_name").value_or("");
        for (const char* key : {"active_pkg_name", "hwrm_fw_name"})
            if (opt_string(node, key).value_or("").size() > 16)
                lab_fail(node[key], std::string("bnxt state: ") + key + " is longer than 16 characters");
        s.chip_num = static_cast<uint16_t>(opt_uint(node, "chip_num", 0xffff).value_or(0));
        s.chip_rev = static_cast<uint8_t>(opt_uint(node, "chip_rev", 0xff).value_or(0));
        s.chip_metal = static_cast<uint8_t>(opt_uint(node, "chip_metal", 0xff).value_or(0));
        s.dev_caps_cfg = static_cast<uint32_t>(opt_uint(node, "dev_caps_cfg", UINT32_MAX).value_or(0));
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

        Bytes reply;
        if (req_type == kVerGet) {
            reply = ver_get_reply(module_state<BnxtState>(dev), in);
        } else {
            reply.resize(kOutputHeaderLen);
            put_output_header(reply, in, kErrNotSupported, static_cast<uint16_t>(kOutputHeaderLen));
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
