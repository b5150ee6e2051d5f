#include "plugins/cxl/cxl_wire.hpp"

#include <cstring>

#include "collector/byte_reader.hpp"

namespace fwctl::plugins::cxl {

namespace {

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

struct KnownFeature {
    const char* uuid;
    const char* name;
};

// include/cxl/features.h: the features the kernel itself knows.
constexpr KnownFeature known_features[] = {
    {"96dad7d6-fde8-482b-a733-75774e06db8a", "Patrol Scrub Control"},
    {"e5b13f22-2328-4a14-b8ba-b9691e893386", "DDR5 ECS Control"},
    {"892ba475-fad8-474e-9d3e-692c917568bb", "Soft PPR"},
    {"80ea4521-786f-4127-afb1-ec7459fb0e24", "Hard PPR"},
    {"96c33386-91dd-44c7-9ecb-fdaf6503bac4", "Cacheline Sparing"},
    {"450ebf67-b135-4f97-a498-c2d57f279bed", "Row Sparing"},
    {"78b79636-90ac-4b64-a4ef-faac5d18a863", "Bank Sparing"},
    {"34dbaff5-0552-4281-8f76-da0b5e7a76a7", "Rank Sparing"},
};

}  // namespace

std::vector<std::uint8_t> build_get_supported_features(std::uint32_t entry_bytes, std::uint16_t start)
{
    std::vector<std::uint8_t> in(request_len, 0);
    put_host_u32(in, 0, opcode_get_supported_features);
    put_host_u32(in, 8, get_supported_features_op_size);
    // cxl_mbox_get_sup_feats_in, little endian: count (bytes of entries), start_idx.
    in[16] = static_cast<std::uint8_t>(entry_bytes);
    in[17] = static_cast<std::uint8_t>(entry_bytes >> 8);
    in[18] = static_cast<std::uint8_t>(entry_bytes >> 16);
    in[19] = static_cast<std::uint8_t>(entry_bytes >> 24);
    in[20] = static_cast<std::uint8_t>(start);
    in[21] = static_cast<std::uint8_t>(start >> 8);
    return in;
}

std::size_t supported_features_reply_len(std::uint32_t entries)
{
    // The driver writes 8 trailing bytes beyond header + entries (24 + 48n).
    return 24 + std::size_t{feature_entry_len} * entries;
}

Result<SupportedFeatures> decode_supported_features(std::span<const std::uint8_t> reply)
{
    if (reply.size() < 8) {
        return fail(Errc::truncated_reply, "CXL Get Supported Features",
                    "reply of " + std::to_string(reply.size()) + " bytes is shorter than the 8-byte header");
    }
    SupportedFeatures out;
    const std::uint32_t size = host_u32(reply, 0);
    out.retval = host_u32(reply, 4);
    if (out.retval != 0) {
        return out;  // the caller reports the device's return code
    }
    if (size < 8 || size > reply.size() - 8) {  // size counts the bytes after the 8-byte envelope
        return fail(Errc::malformed_reply, "CXL Get Supported Features",
                    "payload size " + std::to_string(size) + " does not fit the " +
                        std::to_string(reply.size()) + "-byte reply");
    }
    ByteReader r(reply.subspan(8, size), "CXL Get Supported Features");
    auto num = r.le16(0, "num_entries");
    auto total = r.le16(2, "supported_feats");
    if (!num || !total) {
        return std::unexpected(!num ? num.error() : total.error());
    }
    out.total = *total;
    if (std::size_t{*num} * feature_entry_len > size - 8) {
        return fail(Errc::malformed_reply, "CXL Get Supported Features",
                    "num_entries " + std::to_string(*num) + " exceeds the payload of " +
                        std::to_string(size) + " bytes");
    }
    for (std::size_t i = 0; i < *num; ++i) {
        const std::size_t base = 8 + i * feature_entry_len;
        FeatureEntry e;
        auto uuid = r.bytes(base, 16, "uuid");
        if (!uuid) {
            return std::unexpected(uuid.error());
        }
        std::memcpy(e.uuid.data(), uuid->data(), 16);
        e.id = r.le16(base + 16, "id").value_or(0);
        e.get_size = r.le16(base + 18, "get_feat_size").value_or(0);
        e.set_size = r.le16(base + 20, "set_feat_size").value_or(0);
        e.flags = r.le32(base + 22, "flags").value_or(0);
        e.get_version = r.u8(base + 26, "get_feat_ver").value_or(0);
        e.set_version = r.u8(base + 27, "set_feat_ver").value_or(0);
        e.effects = r.le16(base + 28, "effects").value_or(0);
        out.entries.push_back(e);
    }
    return out;
}

std::string uuid_text(const std::array<std::uint8_t, 16>& uuid)
{
    static constexpr char xdigits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < uuid.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out += '-';
        }
        out += xdigits[uuid[i] >> 4];
        out += xdigits[uuid[i] & 0xf];
    }
    return out;
}

std::string_view known_feature_name(const std::array<std::uint8_t, 16>& uuid)
{
    const std::string text = uuid_text(uuid);
    for (const auto& f : known_features) {
        if (text == f.uuid) {
            return f.name;
        }
    }
    return "";
}

}  // namespace fwctl::plugins::cxl
