#include "plugins/cxl/cxl_features.hpp"

#include <array>

#include "collector/byte_reader.hpp"

namespace fwctl::plugins::cxl {

namespace {

// include/cxl/features.h. All eight are kernel-exclusive (cxl_exclusive_feats[]):
// the kernel owns their settings through EDAC and refuses Set Feature on them.
constexpr std::array<KnownFeature, 8> catalogue{{
    {"96dad7d6-fde8-482b-a733-75774e06db8a", "Patrol Scrub Control", "patrol_scrub", "ras", Layout::patrol_scrub, true},
    {"e5b13f22-2328-4a14-b8ba-b9691e893386", "DDR5 ECS Control", "ecs", "ras", Layout::ecs, true},
    {"892ba475-fad8-474e-9d3e-692c917568bb", "Soft PPR", "sppr", "memory_repair", Layout::ppr, true},
    {"80ea4521-786f-4127-afb1-ec7459fb0e24", "Hard PPR", "hppr", "memory_repair", Layout::ppr, true},
    {"96c33386-91dd-44c7-9ecb-fdaf6503bac4", "Cacheline Sparing", "cacheline_sparing", "memory_repair", Layout::sparing, true},
    {"450ebf67-b135-4f97-a498-c2d57f279bed", "Row Sparing", "row_sparing", "memory_repair", Layout::sparing, true},
    {"78b79636-90ac-4b64-a4ef-faac5d18a863", "Bank Sparing", "bank_sparing", "memory_repair", Layout::sparing, true},
    {"34dbaff5-0552-4281-8f76-da0b5e7a76a7", "Rank Sparing", "rank_sparing", "memory_repair", Layout::sparing, true},
}};

// Minimum readable sizes: struct cxl_scrub_rd_attrbs (4), cxl_ecs_rd_attrbs with one
// FRU (5), cxl_memdev_ppr_rd_attrbs (20), cxl_memdev_sparing_rd_attrbs (19).
constexpr std::size_t patrol_scrub_len = 4;
constexpr std::size_t ecs_header_len = 1;
constexpr std::size_t ecs_fru_len = 4;
constexpr std::size_t ppr_len = 20;
constexpr std::size_t sparing_len = 19;

bool bit(std::uint32_t value, unsigned n) { return ((value >> n) & 1u) != 0; }

class FieldList {
public:
    explicit FieldList(std::string_view key) : key_(key) {}
    void add(std::string_view name, FieldValue value, std::string description)
    {
        fields_.push_back({std::string(key_) + "." + std::string(name), std::move(value), std::move(description)});
    }
    std::vector<Field> take() { return std::move(fields_); }

private:
    std::string_view key_;
    std::vector<Field> fields_;
};

std::unexpected<Error> too_short(const KnownFeature& f, std::size_t got, std::size_t need)
{
    return fail(Errc::malformed_reply, std::string(f.name),
                std::to_string(got) + " bytes do not hold the " + std::to_string(need) + "-byte readable attributes");
}

// edac.c: struct cxl_scrub_rd_attrbs (CXL r3.2 Table 8-222).
Result<std::vector<Field>> decode_patrol_scrub(const KnownFeature& f, std::span<const std::uint8_t> data)
{
    if (data.size() < patrol_scrub_len) {
        return too_short(f, data.size(), patrol_scrub_len);
    }
    ByteReader r(data, f.name);
    const std::uint8_t cap = r.u8(0, "scrub_cycle_cap").value_or(0);
    const std::uint16_t cycle = r.le16(1, "scrub_cycle_hours").value_or(0);
    const std::uint8_t flags = r.u8(3, "scrub_flags").value_or(0);
    FieldList out(f.key);
    out.add("cycle_changeable", bit(cap, 0),
            "Whether the device lets the scrub cycle be changed (scrub_cycle_cap bit 0).");
    out.add("realtime_report_capable", bit(cap, 1),
            "Whether the device can report scrub results in real time (scrub_cycle_cap bit 1).");
    out.add("scrub_cycle_hours", std::int64_t{cycle & 0xffu},
            "Hours the patrol scrub takes to cover the whole memory once (scrub_cycle_hours bits 7:0).");
    out.add("min_scrub_cycle_hours", std::int64_t{cycle >> 8},
            "Shortest scrub cycle, in hours, the device supports (scrub_cycle_hours bits 15:8).");
    out.add("enabled", bit(flags, 0), "Whether background patrol scrub is on (scrub_flags bit 0).");
    return out.take();
}

FieldValue ecs_log_entry_type(std::uint8_t log_cap)
{
    switch (log_cap & 0x3u) {
    case 0: return std::string("per_dram");
    case 1: return std::string("per_media_fru");
    default: return "reserved (" + std::to_string(log_cap & 0x3u) + ")";
    }
}

// ecs_config bits 2:0 index the threshold table of edac.c (ecs_supp_threshold).
FieldValue ecs_threshold(std::uint16_t config)
{
    switch (config & 0x7u) {
    case 3: return std::int64_t{256};
    case 4: return std::int64_t{1024};
    case 5: return std::int64_t{4096};
    default: return "reserved (index " + std::to_string(config & 0x7u) + ")";
    }
}

// edac.c: struct cxl_ecs_rd_attrbs (CXL r3.2 Table 8-225): 1 byte, then 4 per media FRU.
Result<std::vector<Field>> decode_ecs(const KnownFeature& f, std::span<const std::uint8_t> data)
{
    if (data.size() < ecs_header_len + ecs_fru_len) {
        return too_short(f, data.size(), ecs_header_len + ecs_fru_len);
    }
    if ((data.size() - ecs_header_len) % ecs_fru_len != 0) {
        return fail(Errc::malformed_reply, std::string(f.name),
                    std::to_string(data.size()) + " bytes are not 1 + 4 x media FRUs");
    }
    const std::size_t frus = (data.size() - ecs_header_len) / ecs_fru_len;
    if (frus > max_ecs_frus) {
        return fail(Errc::malformed_reply, std::string(f.name),
                    std::to_string(frus) + " media FRUs are more than the " + std::to_string(max_ecs_frus) +
                        " this tool decodes");
    }
    ByteReader r(data, f.name);
    FieldList out(f.key);
    out.add("log_entry_type", ecs_log_entry_type(r.u8(0, "ecs_log_cap").value_or(0)),
            "Whether ECS error counts are logged per DRAM (per_dram) or per memory media FRU (per_media_fru) "
            "(ecs_log_cap bits 1:0).");
    for (std::size_t i = 0; i < frus; ++i) {
        const std::size_t base = ecs_header_len + i * ecs_fru_len;
        const std::uint8_t cap = r.u8(base, "ecs_cap").value_or(0);
        const std::uint16_t config = r.le16(base + 1, "ecs_config").value_or(0);
        const std::string fru = "fru" + std::to_string(i);
        const std::string who = "Media FRU " + std::to_string(i) + ": ";
        out.add(fru + ".realtime_report_capable", bit(cap, 0),
                who + "whether the device can report ECS results in real time (ecs_cap bit 0).");
        out.add(fru + ".threshold_count", ecs_threshold(config),
                who + "error count per Gb of memory at which ECS reports (ecs_config bits 2:0).");
        out.add(fru + ".count_mode", std::string(bit(config, 3) ? "codewords" : "rows"),
                who + "whether ECS counts rows or codewords with errors (ecs_config bit 3).");
    }
    return out.take();
}

// edac.c: struct cxl_memdev_repair_rd_attrbs_hdr, the 16 bytes that start every
// memory repair feature (op_cap/op_mode bit 0: device-initiated repair).
void add_repair_header(FieldList& out, const ByteReader& r)
{
    const std::uint16_t op_cap = r.le16(1, "op_cap").value_or(0);
    const std::uint16_t op_mode = r.le16(3, "op_mode").value_or(0);
    out.add("device_initiated_capable", bit(op_cap, 0),
            "Whether the device can start this repair on its own (op_cap bit 0).");
    out.add("device_initiated_enabled", bit(op_mode, 0),
            "Whether the device starts this repair on its own (op_mode bit 0).");
}

// edac.c: struct cxl_memdev_ppr_rd_attrbs (sPPR Table 8-128, hPPR Table 8-131).
Result<std::vector<Field>> decode_ppr(const KnownFeature& f, std::span<const std::uint8_t> data)
{
    if (data.size() < ppr_len) {
        return too_short(f, data.size(), ppr_len);
    }
    ByteReader r(data, f.name);
    const std::uint8_t ppr_flags = r.u8(16, "ppr_flags").value_or(0);
    const std::uint16_t restriction = r.le16(17, "restriction_flags").value_or(0);
    const std::uint8_t op_mode = r.u8(19, "ppr_op_mode").value_or(0);
    FieldList out(f.key);
    add_repair_header(out, r);
    out.add("dpa_supported", bit(ppr_flags, 0),
            "Whether the repair accepts a device physical address (ppr_flags bit 0).");
    out.add("nibble_mask_supported", bit(ppr_flags, 1),
            "Whether the repair accepts a nibble mask (ppr_flags bit 1).");
    out.add("sparing_event_record_supported", bit(ppr_flags, 2),
            "Whether the device can log a memory sparing event record after the repair (ppr_flags bit 2).");
    out.add("boot_time_ppr_capable", bit(ppr_flags, 3),
            "Whether the device can run device-initiated PPR at boot (ppr_flags bit 3).");
    out.add("media_accessible_during_repair", !bit(restriction, 0),
            "Whether memory stays accessible while the repair runs (restriction_flags bit 0 clear).");
    out.add("data_retained_during_repair", !bit(restriction, 2),
            "Whether memory contents survive the repair (restriction_flags bit 2 clear).");
    out.add("sparing_event_record_enabled", bit(op_mode, 0),
            "Whether a memory sparing event record is logged after the repair (ppr_op_mode bit 0).");
    out.add("boot_time_ppr_enabled", bit(op_mode, 1),
            "Whether device-initiated PPR at boot is on (ppr_op_mode bit 1).");
    return out.take();
}

// edac.c: struct cxl_memdev_sparing_rd_attrbs (CXL r3.2 Table 8-134).
Result<std::vector<Field>> decode_sparing(const KnownFeature& f, std::span<const std::uint8_t> data)
{
    if (data.size() < sparing_len) {
        return too_short(f, data.size(), sparing_len);
    }
    ByteReader r(data, f.name);
    const std::uint16_t restriction = r.le16(17, "restriction_flags").value_or(0);
    FieldList out(f.key);
    add_repair_header(out, r);
    out.add("safe_when_in_use", !bit(restriction, 0),
            "Whether sparing is safe while the memory is in use (restriction_flags bit 0 clear).");
    out.add("hard_sparing_supported", bit(restriction, 1),
            "Whether permanent (hard) sparing is supported (restriction_flags bit 1).");
    out.add("soft_sparing_supported", bit(restriction, 2),
            "Whether temporary (soft) sparing is supported (restriction_flags bit 2).");
    return out.take();
}

}  // namespace

std::span<const KnownFeature> known_features() { return catalogue; }

const KnownFeature* find_known_feature(const Uuid& uuid)
{
    const std::string text = uuid_text(uuid);
    for (const auto& f : catalogue) {
        if (text == f.uuid) {
            return &f;
        }
    }
    return nullptr;
}

Result<std::vector<Field>> decode_feature(const KnownFeature& feature, std::span<const std::uint8_t> data)
{
    switch (feature.layout) {
    case Layout::patrol_scrub: return decode_patrol_scrub(feature, data);
    case Layout::ecs: return decode_ecs(feature, data);
    case Layout::ppr: return decode_ppr(feature, data);
    case Layout::sparing: return decode_sparing(feature, data);
    }
    return fail(Errc::internal, std::string(feature.name), "no decoder for this layout");
}

}  // namespace fwctl::plugins::cxl
