// fwctl-sim module for CXL type-3 memory devices, FWCTL_DEVICE_TYPE_CXL = 2.
//
// Emulates drivers/cxl/core/features.c (cxlctl_fw_rpc): the request is struct
// fwctl_rpc_cxl (host-order u32 opcode/flags/op_size/reserved1, then the payload),
// the reply struct fwctl_rpc_cxl_out (u32 size, u32 retval, payload). Validation
// failures are EINVAL, as in cxlctl_validate_hw_command. Get Supported Features is
// answered from the lab's `features:` list (the kernel's probe-time cache) with the
// kernel's handling of kernel-exclusive features. Get Feature goes through the
// kernel's cxl_get_feature() (chunks of the mailbox payload size; a short or failed
// chunk fails the RPC with size 0) to an emulated device that answers from each
// feature's `current`/`default`/`saved` bytes. There is no info op.
// Sources: fwctl-reference.md §2.2, cxl-bnxt-layouts.md A.1-A.4, drivers/cxl/core/
// features.c and mbox.c (cxl_internal_send_cmd), qemu hw/cxl/cxl-mailbox-utils.c.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "collector/uapi/fwctl_uapi.h"
#include "tests/sim/lab_yaml.hpp"
#include "tests/sim/sim_module.hpp"

namespace fwctl::sim {
namespace {

constexpr uint16_t kGetSupportedFeatures = 0x0500;
constexpr uint16_t kGetFeature = 0x0501;
constexpr uint16_t kSetFeature = 0x0502;
constexpr size_t kHeaderLen = sizeof(struct fwctl_rpc_cxl_hdr);   // 16
constexpr size_t kOutHeaderLen = 16;  // sizeof(struct fwctl_rpc_cxl_out): hdr + union head
constexpr size_t kEntryLen = 48;      // struct cxl_feat_entry
constexpr uint32_t kGetSupFeatsInLen = 8;
constexpr uint32_t kGetFeatInLen = 21;
constexpr uint32_t kSetFeatInHeaderLen = 32;
// CXL mailbox return codes (CXL r3.2 Table 8-34; CMD_CMD_RC_TABLE in cxlmem.h).
constexpr uint16_t kRcSuccess = 0x00;
constexpr uint16_t kRcInvalidInput = 0x02;
constexpr uint16_t kRcUnsupported = 0x03;
constexpr uint16_t kRcUnsupportedSelection = 0x1a;  // Unsupported Feature Selection Value
constexpr uint32_t kFeatureChangeable = 1u << 0;
constexpr uint32_t kFeatureDefaultSel = 1u << 5;
constexpr uint32_t kFeatureSavedSel = 1u << 6;
constexpr uint8_t kSelCurrent = 0, kSelDefault = 1, kSelSaved = 2;
constexpr uint64_t kMinPayload = 256, kMaxPayload = 1u << 20;  // cxl_pci_setup_mailbox

// Set Feature effects (CXL_CMD_*), as cxlctl_validate_set_features groups them.
constexpr uint16_t kEffectsImmediate = (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4);
constexpr uint16_t kEffectsReset = (1u << 0) | (1u << 10) | (1u << 11);
constexpr uint16_t kEffectBackground = 1u << 6;
constexpr uint16_t kEffectsReserved = 0xf000;

using Uuid = std::array<uint8_t, 16>;

// include/cxl/features.h: scrub, ECS, sPPR, hPPR and the four sparing features.
constexpr std::array<std::string_view, 8> kExclusiveUuids{
    "96dad7d6-fde8-482b-a733-75774e06db8a", "e5b13f22-2328-4a14-b8ba-b9691e893386",
    "892ba475-fad8-474e-9d3e-692c917568bb", "80ea4521-786f-4127-afb1-ec7459fb0e24",
    "96c33386-91dd-44c7-9ecb-fdaf6503bac4", "450ebf67-b135-4f97-a498-c2d57f279bed",
    "78b79636-90ac-4b64-a4ef-faac5d18a863", "34dbaff5-0552-4281-8f76-da0b5e7a76a7",
};

enum class FeatureCap { none, ro, rw };

struct CxlFeature {
    Uuid uuid{};
    uint16_t id = 0;
    uint16_t get_size = 0;
    uint16_t set_size = 0;
    uint32_t flags = 0;
    uint8_t get_ver = 1;
    uint8_t set_ver = 1;
    uint16_t effects = 0;
    // The device's Get Feature answers. `current` defaults to get_size zero bytes,
    // `default`/`saved` to `current`. A value shorter than get_size makes the device
    // answer short, which the kernel turns into size 0 with return code Success.
    Bytes current, default_value, saved;
    uint16_t error_rc = 0;  // non-zero: every Get Feature of this feature fails with it
};

struct CxlState {
    FeatureCap feature_cap = FeatureCap::rw;
    uint32_t payload_size = kMaxPayload;  // mailbox payload size (memN/payload_max)
    std::vector<CxlFeature> features;
};

// UUID text -> raw bytes in UUID_INIT order (the text's bytes in sequence).
std::optional<Uuid> parse_uuid(std::string_view text) {
    if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
        return std::nullopt;
    std::string digits;
    for (char c : text)
        if (c != '-')
            digits.push_back(c);
    auto bytes = from_hex(digits);
    if (!bytes || bytes->size() != 16)
        return std::nullopt;
    Uuid u{};
    std::copy(bytes->begin(), bytes->end(), u.begin());
    return u;
}

bool is_exclusive(const Uuid& u) {
    return std::any_of(kExclusiveUuids.begin(), kExclusiveUuids.end(),
                       [&](std::string_view text) { return parse_uuid(text) == u; });
}

uint32_t host_u32(std::span<const uint8_t> in, size_t off) {
    uint8_t raw[4] = {get_u8(in, off), get_u8(in, off + 1), get_u8(in, off + 2), get_u8(in, off + 3)};
    uint32_t v;
    std::memcpy(&v, raw, sizeof(v));
    return v;
}

void put_host_u32(Bytes& b, size_t off, uint32_t v) {
    if (b.size() < off + 4)
        b.resize(off + 4, 0);
    std::memcpy(b.data() + off, &v, sizeof(v));
}

Bytes cxl_out(uint32_t size, uint32_t retval, size_t total) {
    Bytes r(total, 0);
    put_host_u32(r, 0, size);
    put_host_u32(r, 4, retval);
    return r;
}

void put_entry(Bytes& r, size_t off, const CxlFeature& f) {
    std::copy(f.uuid.begin(), f.uuid.end(), r.begin() + static_cast<std::ptrdiff_t>(off));
    uint16_t set_size = f.set_size;
    uint32_t flags = f.flags;
    if (is_exclusive(f.uuid)) {  // the kernel hides kernel-owned features' writability
        set_size = 0;
        flags &= ~kFeatureChangeable;
    }
    put_le16(r, off + 16, f.id);
    put_le16(r, off + 18, f.get_size);
    put_le16(r, off + 20, set_size);
    put_le32(r, off + 22, flags);
    put_u8(r, off + 26, f.get_ver);
    put_u8(r, off + 27, f.set_ver);
    put_le16(r, off + 28, f.effects);
}

const CxlFeature* find_feature(const CxlState& s, std::span<const uint8_t> uuid_bytes) {
    for (const CxlFeature& f : s.features)
        if (std::equal(f.uuid.begin(), f.uuid.end(), uuid_bytes.begin(), uuid_bytes.end()))
            return &f;
    return nullptr;
}

// cxlctl_validate_set_features: the feature must exist and be changeable; immediate
// effects need DEBUG_WRITE_FULL, reset-only effects DEBUG_WRITE.
bool set_feature_allowed(const CxlState& s, std::span<const uint8_t> in, uint32_t scope) {
    const uint32_t op_size = host_u32(in, 8);
    if (op_size < 16)
        return false;
    Bytes uuid(16);
    for (size_t i = 0; i < 16; ++i)
        uuid[i] = get_u8(in, kHeaderLen + i);
    const CxlFeature* f = find_feature(s, uuid);
    if (!f || !(f->flags & kFeatureChangeable))
        return false;
    const uint16_t e = f->effects;
    if ((e & kEffectsReserved) || (e & kEffectBackground))
        return false;
    if (!(e & kEffectsImmediate) && !(e & kEffectsReset))
        return false;
    if (e & kEffectsImmediate)
        return scope >= FWCTL_RPC_DEBUG_WRITE_FULL;
    return scope >= FWCTL_RPC_DEBUG_WRITE;
}

Bytes parse_value(const YAML::Node& node, const char* key) {
    const auto text = opt_string(node, key);
    if (!text)
        return {};
    auto bytes = from_hex(*text);
    if (!bytes || bytes->size() > 0xffff)
        lab_fail(node[key], std::string("cxl feature: '") + key + "' must be hex bytes (at most 65535)");
    return *bytes;
}

CxlFeature parse_feature(const YAML::Node& node) {
    check_keys(node, {"uuid", "id", "get_size", "set_size", "flags", "effects", "get_ver", "set_ver",
                      "current", "default", "saved", "error_rc"},
               "cxl feature");
    CxlFeature f;
    const auto text = opt_string(node, "uuid");
    if (!text)
        lab_fail(node, "cxl feature: 'uuid' is required");
    const auto uuid = parse_uuid(*text);
    if (!uuid)
        lab_fail(node["uuid"], "cxl feature: '" + *text + "' is not a UUID like 96dad7d6-fde8-482b-a733-75774e06db8a");
    f.uuid = *uuid;
    f.id = static_cast<uint16_t>(opt_uint(node, "id", 0xffff).value_or(0));
    f.get_size = static_cast<uint16_t>(opt_uint(node, "get_size", 0xffff).value_or(0));
    f.set_size = static_cast<uint16_t>(opt_uint(node, "set_size", 0xffff).value_or(0));
    f.flags = static_cast<uint32_t>(opt_uint(node, "flags", UINT32_MAX).value_or(0));
    f.effects = static_cast<uint16_t>(opt_uint(node, "effects", 0xffff).value_or(0));
    f.get_ver = static_cast<uint8_t>(opt_uint(node, "get_ver", 0xff).value_or(1));
    f.set_ver = static_cast<uint8_t>(opt_uint(node, "set_ver", 0xff).value_or(1));
    f.current = node["current"].IsDefined() ? parse_value(node, "current") : Bytes(f.get_size, 0);
    f.default_value = node["default"].IsDefined() ? parse_value(node, "default") : f.current;
    f.saved = node["saved"].IsDefined() ? parse_value(node, "saved") : f.current;
    f.error_rc = static_cast<uint16_t>(opt_uint(node, "error_rc", 0xffff).value_or(0));
    return f;
}

// The emulated device's Get Feature for one mailbox command (qemu's
// cmd_features_get_feature, with the spec's code for a selection not offered).
struct DeviceAnswer {
    uint16_t rc = kRcSuccess;
    Bytes data;
};

DeviceAnswer device_get_feature(const CxlState& s, std::span<const uint8_t> uuid, uint8_t selection,
                                uint32_t offset, uint32_t count) {
    const CxlFeature* f = find_feature(s, uuid);
    if (!f)
        return {kRcUnsupported, {}};
    if (f->error_rc != 0)
        return {f->error_rc, {}};
    const Bytes* value = nullptr;
    switch (selection) {
    case kSelCurrent:
        value = &f->current;
        break;
    case kSelDefault:
        if (!(f->flags & kFeatureDefaultSel))
            return {kRcUnsupportedSelection, {}};
        value = &f->default_value;
        break;
    case kSelSaved:
        if (!(f->flags & kFeatureSavedSel))
            return {kRcUnsupportedSelection, {}};
        value = &f->saved;
        break;
    default:
        return {kRcInvalidInput, {}};
    }
    if (offset >= value->size())
        return {kRcInvalidInput, {}};
    const size_t n = std::min<size_t>(value->size() - offset, count);
    return {kRcSuccess, Bytes(value->begin() + static_cast<std::ptrdiff_t>(offset),
                              value->begin() + static_cast<std::ptrdiff_t>(offset + n))};
}

class CxlSimModule final : public SimModule {
public:
    std::string_view name() const override { return "cxl"; }
    uint32_t type_id() const override { return FWCTL_DEVICE_TYPE_CXL; }

    std::any parse_state(const YAML::Node& node) const override {
        CxlState s;
        if (!node.IsDefined() || node.IsNull())
            return s;
        check_keys(node, {"features", "feature_cap", "payload_size"}, "cxl state");
        if (auto p = opt_uint(node, "payload_size", kMaxPayload)) {
            if (*p < kMinPayload)
                lab_fail(node["payload_size"], "cxl state: payload_size must be 256 .. 1048576");
            s.payload_size = static_cast<uint32_t>(*p);
        }
        if (auto cap = opt_string(node, "feature_cap")) {
            if (*cap == "none")
                s.feature_cap = FeatureCap::none;
            else if (*cap == "ro")
                s.feature_cap = FeatureCap::ro;
            else if (*cap != "rw")
                lab_fail(node["feature_cap"], "cxl state: feature_cap must be none, ro or rw");
        }
        const YAML::Node features = node["features"];
        if (features.IsDefined() && !features.IsNull()) {
            if (!features.IsSequence())
                lab_fail(features, "cxl state: features must be a list");
            for (const auto& f : features)
                s.features.push_back(parse_feature(f));
        }
        return s;
    }

    std::optional<Bytes> info(const DeviceState&) const override { return std::nullopt; }

    std::string describe(std::span<const uint8_t> in) const override {
        switch (static_cast<uint16_t>(host_u32(in, 0))) {
        case kGetSupportedFeatures:
            return "GET_SUPPORTED_FEATURES";
        case kGetFeature: {
            // The selection makes the log say which value was read.
            static constexpr std::string_view kSel[] = {"current", "default", "saved"};
            const uint8_t sel = get_u8(in, kHeaderLen + 20);
            return "GET_FEATURE:" + (sel < 3 ? std::string(kSel[sel]) : "sel" + std::to_string(sel));
        }
        case kSetFeature:
            return "SET_FEATURE";
        default:
            return "0x" + to_hex(std::span(in).first(std::min<size_t>(in.size(), 4)));
        }
    }

    std::expected<Bytes, int> rpc(const DeviceState& dev, uint32_t scope,
                                  std::span<const uint8_t> in, uint32_t out_len) const override {
        const auto& s = module_state<CxlState>(dev);
        // The kernel keeps only the low 16 bits of the u32 opcode.
        const auto opcode = static_cast<uint16_t>(host_u32(in, 0));
        switch (opcode) {
        case kGetSupportedFeatures:
            if (s.feature_cap < FeatureCap::ro)
                return std::unexpected(EINVAL);
            return get_supported_features(s, in);
        case kGetFeature:
            if (s.feature_cap < FeatureCap::ro)
                return std::unexpected(EINVAL);
            return get_feature(s, in, out_len);
        case kSetFeature:
            if (s.feature_cap < FeatureCap::rw || !set_feature_allowed(s, in, scope))
                return std::unexpected(EINVAL);
            return set_feature(in);
        default:
            return std::unexpected(EINVAL);
        }
    }

private:
    // cxlctl_get_supported_features
    static std::expected<Bytes, int> get_supported_features(const CxlState& s,
                                                            std::span<const uint8_t> in) {
        if (host_u32(in, 8) != kGetSupFeatsInLen)
            return std::unexpected(EINVAL);
        const uint32_t count = get_le32(in, kHeaderLen);
        const uint16_t start = get_le16(in, kHeaderLen + 4);
        const size_t total = s.features.size();
        if (start >= total)
            return std::unexpected(EINVAL);
        const size_t n = std::min<size_t>(count / kEntryLen, total - start);
        // rpc_out->size = 8 + 48n; the driver's out_len = sizeof(out) + 8 + 48n.
        Bytes r = cxl_out(static_cast<uint32_t>(8 + kEntryLen * n), 0, kOutHeaderLen + 8 + kEntryLen * n);
        put_le16(r, 8, static_cast<uint16_t>(n));
        put_le16(r, 10, static_cast<uint16_t>(total));
        for (size_t i = 0; i < n; ++i)
            put_entry(r, kOutHeaderLen + kEntryLen * i, s.features[start + i]);
        return r;
    }

    // cxlctl_get_feature + cxl_get_feature: the kernel splits `count` into mailbox
    // commands of at most the payload size. A failed chunk reports the device's code;
    // a chunk answered short fails cxl_internal_send_cmd (-EIO, min_out) while the
    // code stays Success; either way the RPC reports size 0 and the driver's out_len
    // is sizeof(fwctl_rpc_cxl_out). On success out_len is 16 + count.
    static std::expected<Bytes, int> get_feature(const CxlState& s, std::span<const uint8_t> in,
                                                 uint32_t out_len) {
        if (host_u32(in, 8) != kGetFeatInLen)
            return std::unexpected(EINVAL);
        const uint16_t offset = get_le16(in, kHeaderLen + 16);
        const uint16_t count = get_le16(in, kHeaderLen + 18);
        const uint8_t selection = get_u8(in, kHeaderLen + 20);
        if (count == 0 || out_len < 8u + count)
            return std::unexpected(EINVAL);
        Bytes uuid(16);
        for (size_t i = 0; i < uuid.size(); ++i)
            uuid[i] = get_u8(in, kHeaderLen + i);
        Bytes data;
        while (data.size() < count) {
            const uint32_t chunk = std::min<uint32_t>(count - static_cast<uint32_t>(data.size()), s.payload_size);
            const auto pos = static_cast<uint16_t>(offset + data.size());  // __le16 in the kernel too
            const DeviceAnswer a = device_get_feature(s, uuid, selection, pos, chunk);
            if (a.rc != kRcSuccess)
                return cxl_out(0, a.rc, kOutHeaderLen);
            if (a.data.size() < chunk)  // includes an empty answer
                return cxl_out(0, kRcSuccess, kOutHeaderLen);
            data.insert(data.end(), a.data.begin(), a.data.end());
        }
        Bytes r = cxl_out(count, kRcSuccess, kOutHeaderLen + count);
        std::copy(data.begin(), data.end(), r.begin() + 8);
        return r;
    }

    // cxlctl_set_feature: kernel-owned features are refused even when changeable;
    // otherwise the (emulated) device accepts the write.
    static std::expected<Bytes, int> set_feature(std::span<const uint8_t> in) {
        if (host_u32(in, 8) <= kSetFeatInHeaderLen)
            return std::unexpected(EINVAL);
        Uuid uuid{};
        for (size_t i = 0; i < uuid.size(); ++i)
            uuid[i] = get_u8(in, kHeaderLen + i);
        if (is_exclusive(uuid))
            return std::unexpected(EPERM);
        return cxl_out(0, 0, kOutHeaderLen);
    }
};

}  // namespace

const SimModule& cxl_sim_module() {
    static const CxlSimModule module;
    return module;
}

}  // namespace fwctl::sim
