#include "plugins/mlx5/mlx5_config_entries.hpp"

#include "collector/byte_reader.hpp"
#include "collector/hex.hpp"

namespace fwctl::plugins::mlx5 {

namespace {

// The report's key for each access mode.
constexpr std::array<const char*, 3> value_key{"next_boot", "current", "default"};

const char* key_of(AccessMode mode) { return value_key[static_cast<std::size_t>(mode)]; }

struct Value {
    Tree value = nullptr;
    std::string unavailable;    // why value is null
    bool from_default = false;  // the item does not set the parameter; this is the default
};

std::optional<std::uint32_t> read_field(const std::vector<std::uint8_t>& data, FieldPos pos)
{
    auto dword = ByteReader(data, "mlx5 configuration item").be32(pos.dword, "parameter");
    if (!dword) {
        return std::nullopt;
    }
    return (*dword >> pos.lsb) & (pos.width >= 32 ? 0xffffffffu : ((1u << pos.width) - 1u));
}

Tree typed(const ParamSpec& p, std::uint32_t raw)
{
    switch (p.kind) {
    case ValueKind::boolean: return Tree(raw != 0);
    case ValueKind::integer: return Tree(raw);
    case ValueKind::enumeration:
        for (const ValueName& v : p.values) {
            if (v.value == raw) {
                return Tree(std::string(v.name));
            }
        }
        return Tree(raw);  // a value the catalogue has no name for
    }
    return Tree(raw);
}

std::string too_short(const std::vector<std::uint8_t>& data)
{
    return "the firmware's copy of the item holds only " + std::to_string(data.size()) +
           " bytes, which do not include this parameter";
}

Value decode(const ParamSpec& p, const ItemReading& r, AccessMode mode, const Value* default_value)
{
    const ValueSlot& slot = r.slot(mode);
    if (!slot.data) {
        return {nullptr, slot.unavailable};
    }
    if (p.valid && mode != AccessMode::factory_default) {
        const auto valid = read_field(*slot.data, *p.valid);
        if (!valid) {
            return {nullptr, too_short(*slot.data)};
        }
        if (*valid == 0) {
            if (default_value != nullptr && !default_value->value.is_null()) {
                return {default_value->value, {}, true};
            }
            return {nullptr,
                    "the item does not set this parameter (its valid bit is 0), so the firmware default "
                    "applies, and the default is unavailable: " +
                        (default_value != nullptr ? default_value->unavailable : std::string("not read"))};
        }
    }
    const auto raw = read_field(*slot.data, p.field);
    if (!raw) {
        return {nullptr, too_short(*slot.data)};
    }
    return {typed(p, *raw), {}};
}

Tree raw_value(const ValueSlot& slot) { return slot.data ? Tree(hex_bytes(*slot.data)) : Tree(nullptr); }

// differs_from_default: next-boot (or current when next-boot is unknown) vs default;
// pending_change: next-boot vs current. Null when a needed value is missing.
void add_comparisons(Tree& entry, const Tree& def, const Tree& cur, const Tree& next)
{
    const Tree& effective = next.is_null() ? cur : next;
    entry["differs_from_default"] =
        effective.is_null() || def.is_null() ? Tree(nullptr) : Tree(effective != def);
    entry["pending_change"] = next.is_null() || cur.is_null() ? Tree(nullptr) : Tree(next != cur);
}

// `stored_value`: the next-boot value comes from the stored item itself (not from
// the default because the item leaves the parameter unset), so its writer set it.
void add_status(Tree& entry, const ItemReading& r, const Tree& unavailable, const Tree& follows_default,
                bool stored_value)
{
    entry["status"] = std::string(item_status_name(r.status));
    if (!follows_default.empty()) {
        entry["follows_default"] = follows_default;
    }
    if (!unavailable.empty()) {
        entry["unavailable"] = unavailable;
    }
    if (!r.firmware_status.empty()) {
        entry["firmware_status"] = r.firmware_status;
    }
    if (r.writer_id && stored_value) {
        if (auto name = writer_name(*r.writer_id); !name.empty() && *r.writer_id != 0) {
            entry["written_by"] = std::string(name);
        }
    }
}

Tree param_entry(const ItemSpec& item, const ParamSpec& p, const ItemReading& r)
{
    const Value def = decode(p, r, AccessMode::factory_default, nullptr);
    const Value cur = decode(p, r, AccessMode::current, &def);
    const Value next = decode(p, r, AccessMode::next, &def);

    Tree entry = Tree::object();
    entry["name"] = std::string(p.name);
    entry["item"] = std::string(item.item);
    entry["id"] = hex_id(item.type, 8);
    entry["category"] = std::string(category_name(p.category));
    entry["description"] = std::string(p.description);
    entry["default"] = def.value;
    entry["current"] = cur.value;
    entry["next_boot"] = next.value;
    add_comparisons(entry, def.value, cur.value, next.value);

    Tree unavailable = Tree::object();
    Tree follows_default = Tree::array();
    for (auto [mode, v] : {std::pair{AccessMode::factory_default, &def}, std::pair{AccessMode::current, &cur},
                           std::pair{AccessMode::next, &next}}) {
        if (v->value.is_null()) {
            unavailable[key_of(mode)] = v->unavailable;
        }
        if (v->from_default) {
            follows_default.push_back(key_of(mode));
        }
    }
    add_status(entry, r, unavailable, follows_default, !next.from_default);
    return entry;
}

Tree raw_entry(const ItemReading& r)
{
    Tree entry = Tree::object();
    entry["name"] = nullptr;
    entry["item"] = nullptr;
    entry["id"] = hex_id(r.type, 8);
    const Tree def = raw_value(r.slot(AccessMode::factory_default));
    const Tree cur = raw_value(r.slot(AccessMode::current));
    const Tree next = raw_value(r.slot(AccessMode::next));
    entry["default"] = def;
    entry["current"] = cur;
    entry["next_boot"] = next;
    add_comparisons(entry, def, cur, next);
    Tree unavailable = Tree::object();
    for (AccessMode mode : {AccessMode::factory_default, AccessMode::current, AccessMode::next}) {
        if (!r.slot(mode).data) {
            unavailable[key_of(mode)] = r.slot(mode).unavailable;
        }
    }
    add_status(entry, r, unavailable, Tree::array(), true);
    return entry;
}

}  // namespace

std::string_view item_status_name(ItemStatus status)
{
    switch (status) {
    case ItemStatus::ok: return "ok";
    case ItemStatus::not_supported: return "not_supported";
    case ItemStatus::bad_parameter: return "bad_parameter";
    case ItemStatus::unavailable: return "unavailable";
    case ItemStatus::error: return "error";
    }
    return "error";
}

bool ItemReading::has_any_value() const
{
    for (const ValueSlot& s : values) {
        if (s.data) {
            return true;
        }
    }
    return false;
}

void append_config_entries(Tree& config, const ItemReading& reading)
{
    if (reading.spec == nullptr) {
        config.push_back(raw_entry(reading));
        return;
    }
    for (const ParamSpec& p : reading.spec->params) {
        config.push_back(param_entry(*reading.spec, p, reading));
    }
}

}  // namespace fwctl::plugins::mlx5
