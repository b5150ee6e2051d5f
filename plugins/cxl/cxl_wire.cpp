#include "plugins/cxl/cxl_wire.hpp"

#include <cstring>

#include "collector/byte_reader.hpp"
#include "collector/hex.hpp"

namespace fwctl::plugins::cxl {

namespace {

constexpr std::string_view supported_what = "CXL Get Supported Features";
constexpr std::string_view get_feature_what = "CXL Get Feature";

// The envelope's u32s are host order (struct fwctl_rpc_cxl has no __le types).
void put_host_u32(std::vector<std::uint8_t>& out, std::size_t offset, std::uint32_t value)
{
    std::memcpy(out.data() + offset, &value, 4);
}

std::uint32_t host_u32(std::span<const std::uint8_t> bytes, std::size_t offset)
{
    std::uint32_t value = 0;
    std::memcpy(&value, bytes.data() + offset, 4);
    return value;
}

void put_le16(std::vector<std::uint8_t>& out, std::size_t offset, std::uint16_t value)
{
    out[offset] = static_cast<std::uint8_t>(value);
    out[offset + 1] = static_cast<std::uint8_t>(value >> 8);
}

void put_le32(std::vector<std::uint8_t>& out, std::size_t offset, std::uint32_t value)
{
    put_le16(out, offset, static_cast<std::uint16_t>(value));
    put_le16(out, offset + 2, static_cast<std::uint16_t>(value >> 16));
}

std::vector<std::uint8_t> envelope(std::uint32_t opcode, std::uint32_t op_size)
{
    std::vector<std::uint8_t> in(request_len, 0);
    put_host_u32(in, 0, opcode);
    put_host_u32(in, 8, op_size);  // flags (4) and reserved1 (12) stay 0
    return in;
}

// The CXL mailbox return codes, indexed by value (CXL r3.2 Table 8-34; the same order
// as CMD_CMD_RC_TABLE in drivers/cxl/cxlmem.h).
constexpr std::string_view return_code_names[] = {
    "Success",
    "Background Command Started",
    "Invalid Input",
    "Unsupported",
    "Internal Error",
    "Retry Required",
    "Busy",
    "Media Disabled",
    "FW Transfer in Progress",
    "FW Transfer Out of Order",
    "FW Verification Failed",
    "Invalid Slot",
    "Activation Failed, FW Rolled Back",
    "Activation Failed, Cold Reset Required",
    "Invalid Handle",
    "Invalid Physical Address",
    "Inject Poison Limit Reached",
    "Permanent Media Failure",
    "Aborted",
    "Invalid Security State",
    "Incorrect Passphrase",
    "Unsupported Mailbox or CCI",
    "Invalid Payload Length",
    "Invalid Log",
    "Interrupted",
    "Unsupported Feature Version",
    "Unsupported Feature Selection Value",
    "Feature Transfer in Progress",
    "Feature Transfer Out of Order",
    "Resources Exhausted",
    "Invalid Extent List",
};

}  // namespace

// --- Get Supported Features ------------------------------------------------------

std::vector<std::uint8_t> build_get_supported_features(std::uint32_t entries, std::uint16_t start)
{
    auto in = envelope(opcode_get_supported_features, get_supported_features_op_size);
    // struct cxl_mbox_get_sup_feats_in at 16: __le32 count (bytes), __le16 start_idx.
    put_le32(in, 16, entries * feature_entry_len);
    put_le16(in, 20, start);
    return in;
}

std::size_t supported_features_reply_len(std::uint32_t entries)
{
    // cxlctl_get_supported_features: sizeof(fwctl_rpc_cxl_out) + 8 + 48n, i.e. 8
    // bytes more than header and entries; the decoder trusts `size`, not this.
    return reply_struct_len + 8 + std::size_t{feature_entry_len} * entries;
}

Result<SupportedFeatures> decode_supported_features(std::span<const std::uint8_t> reply)
{
    if (reply.size() < reply_header_len) {
        return fail(Errc::truncated_reply, std::string(supported_what),
                    "reply of " + std::to_string(reply.size()) + " bytes is shorter than the 8-byte header");
    }
    SupportedFeatures out;
    const std::uint32_t size = host_u32(reply, 0);
    out.retval = host_u32(reply, 4);
    if (out.retval != 0) {
        return out;  // the caller reports the device's return code
    }
    // size counts the bytes after the 8-byte envelope header: 8 + 48n.
    if (size < 8 || size > reply.size() - reply_header_len) {
        return fail(Errc::malformed_reply, std::string(supported_what),
                    "payload size " + std::to_string(size) + " does not fit the " +
                        std::to_string(reply.size()) + "-byte reply");
    }
    ByteReader r(reply.subspan(reply_header_len, size), supported_what);
    auto num = r.le16(0, "num_entries");
    auto total = r.le16(2, "supported_feats");
    if (!num || !total) {
        return std::unexpected(!num ? num.error() : total.error());
    }
    out.total = *total;
    if (std::size_t{*num} * feature_entry_len > size - 8) {
        return fail(Errc::malformed_reply, std::string(supported_what),
                    "num_entries " + std::to_string(*num) + " exceeds the payload of " + std::to_string(size) +
                        " bytes");
    }
    for (std::size_t i = 0; i < *num; ++i) {
        const std::size_t base = 8 + i * feature_entry_len;
        // Bounds were checked above for the whole entry; each read is checked anyway.
        auto uuid = r.bytes(base, 16, "uuid");
        auto id = r.le16(base + 16, "id");
        auto get_size = r.le16(base + 18, "get_feat_size");
        auto set_size = r.le16(base + 20, "set_feat_size");
        auto flags = r.le32(base + 22, "flags");
        auto get_ver = r.u8(base + 26, "get_feat_ver");
        auto set_ver = r.u8(base + 27, "set_feat_ver");
        auto effects = r.le16(base + 28, "effects");
        if (!uuid || !id || !get_size || !set_size || !flags || !get_ver || !set_ver || !effects) {
            return fail(Errc::truncated_reply, std::string(supported_what),
                        "entry " + std::to_string(i) + " lies beyond the payload");
        }
        FeatureEntry e;
        std::memcpy(e.uuid.data(), uuid->data(), e.uuid.size());
        e.id = *id;
        e.get_size = *get_size;
        e.set_size = *set_size;
        e.flags = *flags;
        e.get_version = *get_ver;
        e.set_version = *set_ver;
        e.effects = *effects;
        out.entries.push_back(e);
    }
    return out;
}

std::string_view reset_persistence_name(std::uint32_t flags)
{
    switch ((flags >> 1) & 0x7u) {
    case 0: return "none";
    case 1: return "cxl_reset";
    case 2: return "hot_reset";
    case 3: return "warm_reset";
    case 4: return "cold_reset";
    default: return "reserved";
    }
}

// --- Get Feature -----------------------------------------------------------------

std::string_view selection_name(Selection s)
{
    switch (s) {
    case Selection::current: return "current";
    case Selection::default_value: return "default";
    case Selection::saved: return "saved";
    }
    return "unknown";
}

std::vector<std::uint8_t> build_get_feature(const Uuid& uuid, std::uint16_t offset, std::uint16_t count,
                                            Selection selection)
{
    auto in = envelope(opcode_get_feature, get_feature_op_size);
    // struct cxl_mbox_get_feat_in at 16: uuid[16], __le16 offset, __le16 count, u8 selection.
    std::memcpy(in.data() + 16, uuid.data(), uuid.size());
    put_le16(in, 32, offset);
    put_le16(in, 34, count);
    in[get_feature_selection_offset] = static_cast<std::uint8_t>(selection);
    return in;
}

std::size_t get_feature_reply_len(std::uint16_t count)
{
    return reply_struct_len + std::size_t{count};
}

Result<FeatureData> decode_get_feature(std::span<const std::uint8_t> reply, std::uint16_t count)
{
    if (reply.size() < reply_header_len) {
        return fail(Errc::truncated_reply, std::string(get_feature_what),
                    "reply of " + std::to_string(reply.size()) + " bytes is shorter than the 8-byte header");
    }
    FeatureData out;
    const std::uint32_t size = host_u32(reply, 0);
    out.retval = host_u32(reply, 4);
    if (out.retval != 0) {
        return out;  // the kernel reports size 0 with the device's code
    }
    if (size > count) {
        return fail(Errc::malformed_reply, std::string(get_feature_what),
                    "size " + std::to_string(size) + " exceeds the " + std::to_string(count) + " bytes asked for");
    }
    ByteReader r(reply, get_feature_what);
    auto data = r.bytes(reply_header_len, size, "feature data");
    if (!data) {
        return std::unexpected(data.error());
    }
    out.data.assign(data->begin(), data->end());
    return out;
}

// --- text ----------------------------------------------------------------------

std::string uuid_text(const Uuid& uuid)
{
    std::string out;
    for (std::size_t i = 0; i < uuid.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out += '-';
        }
        out += hex_bytes(std::span(uuid).subspan(i, 1));
    }
    return out;
}

std::string return_code_text(std::uint32_t retval)
{
    const std::string code = hex_id(retval, 4);
    if (retval < std::size(return_code_names)) {
        return code + " " + std::string(return_code_names[retval]);
    }
    return code + " (unknown return code)";
}

}  // namespace fwctl::plugins::cxl
