#include "plugins/cxl/cxl_config.hpp"

#include <array>
#include <optional>

#include "collector/hex.hpp"
#include "plugins/cxl/cxl_features.hpp"

namespace fwctl::plugins::cxl {

namespace {

constexpr std::string_view next_boot_meaning =
    " next_boot is the saved value (Get Feature selection 2), which the device keeps across reset.";

// Worse outcomes win when the selections of one feature end differently.
int severity(std::string_view status)
{
    static constexpr std::array<std::string_view, 5> order{"ok", "unavailable", "not_supported", "bad_parameter",
                                                           "error"};
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order[i] == status) {
            return static_cast<int>(i);
        }
    }
    return static_cast<int>(order.size()) - 1;
}

// The entry's status: that of the current value, or worse if a requested default or
// saved read failed. A selection the feature does not offer is not a failure.
std::string entry_status(const FeatureReads& reads)
{
    std::string worst = reads.current.status;
    for (const ValueRead* v : {&reads.default_value, &reads.saved}) {
        if (v->status != "unavailable" && severity(v->status) > severity(worst)) {
            worst = v->status;
        }
    }
    return worst;
}

Tree to_tree(const FieldValue& v)
{
    return std::visit([](const auto& x) { return Tree(x); }, v);
}

Tree optional_tree(const std::optional<Tree>& v) { return v ? *v : Tree(nullptr); }

Tree compare(const std::optional<Tree>& a, const std::optional<Tree>& b)
{
    if (!a || !b) {
        return nullptr;
    }
    return *a != *b;
}

std::optional<Tree> hex_of(const ValueRead& v)
{
    if (!v.data) {
        return std::nullopt;
    }
    return Tree(hex_bytes(*v.data));
}

struct Values {
    std::optional<Tree> default_value, current, next_boot;
};

struct EntryText {
    Tree name;
    Tree item;
    std::string category;
    std::string description;
};

Tree make_entry(const FeatureEntry& feature, const EntryText& text, const Values& values,
                const FeatureReads& reads, const Tree& raw)
{
    Tree e = Tree::object();
    e["name"] = text.name;
    e["item"] = text.item;
    e["id"] = uuid_text(feature.uuid);
    e["category"] = text.category;
    e["description"] = text.description;
    e["default"] = optional_tree(values.default_value);
    e["current"] = optional_tree(values.current);
    e["next_boot"] = optional_tree(values.next_boot);
    // differs_from_default: next_boot, or current when next_boot is unknown, vs default.
    e["differs_from_default"] =
        compare(values.next_boot ? values.next_boot : values.current, values.default_value);
    e["pending_change"] = compare(values.next_boot, values.current);
    e["status"] = entry_status(reads);

    Tree unavailable = Tree::object();
    auto why = [&](const char* key, const std::optional<Tree>& value, const ValueRead& read) {
        if (!value) {
            unavailable[key] = read.reason.empty() ? "the value could not be decoded" : read.reason;
        }
    };
    why("default", values.default_value, reads.default_value);
    why("current", values.current, reads.current);
    why("next_boot", values.next_boot, reads.saved);
    if (!unavailable.empty()) {
        e["unavailable"] = unavailable;
    }
    if (!raw.is_null()) {
        e["raw"] = raw;
    }
    const Tree attributes = feature_attributes(feature);  // named: items() does not extend its life
    for (const auto& [key, value] : attributes.items()) {
        e[key] = value;
    }
    return e;
}

// One entry with the bytes as hex: unknown features, and known ones whose bytes do
// not fit the layout (`why_raw` says how).
Tree raw_entry(const FeatureEntry& feature, const KnownFeature* known, const FeatureReads& reads,
               const std::string& why_raw)
{
    EntryText text;
    if (known != nullptr) {
        text.name = std::string(known->name);
        text.item = std::string(known->name);
        text.category = std::string(known->category);
        text.description = std::string(known->name) + " readable attributes as Get Feature bytes in hex, not "
                           "decoded: " + why_raw + "." + std::string(next_boot_meaning);
    } else {
        text.name = nullptr;
        text.item = nullptr;
        text.category = "other";
        text.description = "A feature this tool does not know (vendor-specific or newer than this tool); the "
                           "values are the Get Feature bytes in hex." +
                           std::string(next_boot_meaning);
    }
    const Values values{hex_of(reads.default_value), hex_of(reads.current), hex_of(reads.saved)};
    return Tree::array({make_entry(feature, text, values, reads, nullptr)});
}

std::optional<std::vector<Field>> decoded(const KnownFeature& known, const ValueRead& read, std::string& problem)
{
    if (!read.data) {
        return std::nullopt;
    }
    auto fields = decode_feature(known, *read.data);
    if (!fields) {
        problem = fields.error().detail;
        return std::nullopt;
    }
    return *fields;
}

}  // namespace

Tree feature_attributes(const FeatureEntry& entry)
{
    const KnownFeature* known = find_known_feature(entry.uuid);
    Tree t = Tree::object();
    t["feature_index"] = entry.id;
    t["changeable"] = (entry.flags & feature_changeable) != 0;
    t["kernel_exclusive"] = known != nullptr && known->kernel_exclusive;
    t["flags"] = hex_id(entry.flags, 8);
    t["deepest_reset_persistence"] = std::string(reset_persistence_name(entry.flags));
    t["persist_across_fw_update"] = (entry.flags & feature_persist_fw_update) != 0;
    t["effects"] = hex_id(entry.effects, 4);
    t["get_size"] = entry.get_size;
    t["set_size"] = entry.set_size;
    t["get_version"] = entry.get_version;
    t["set_version"] = entry.set_version;
    return t;
}

Tree feature_config_entries(const FeatureEntry& entry, const FeatureReads& reads)
{
    const KnownFeature* known = find_known_feature(entry.uuid);
    if (known == nullptr || entry.get_size == 0) {
        return raw_entry(entry, known, reads, "the feature has no readable data");
    }
    if (!reads.current.data && !reads.default_value.data && !reads.saved.data) {
        return raw_entry(entry, known, reads, "no value could be read");  // not N entries of nulls
    }
    // The field list depends only on the length, so decoding zeros of get_size gives
    // it even when no selection could be read.
    auto layout = decode_feature(*known, std::vector<std::uint8_t>(entry.get_size, 0));
    if (!layout) {
        return raw_entry(entry, known, reads, layout.error().detail);
    }
    std::string problem;
    const auto def = decoded(*known, reads.default_value, problem);
    const auto cur = decoded(*known, reads.current, problem);
    const auto saved = decoded(*known, reads.saved, problem);
    if (!problem.empty()) {
        return raw_entry(entry, known, reads, problem);
    }

    const Tree raw = {{"default", optional_tree(hex_of(reads.default_value))},
                      {"current", optional_tree(hex_of(reads.current))},
                      {"next_boot", optional_tree(hex_of(reads.saved))}};
    auto field_value = [](const std::optional<std::vector<Field>>& fields, std::size_t i) -> std::optional<Tree> {
        if (!fields || i >= fields->size()) {
            return std::nullopt;
        }
        return to_tree((*fields)[i].value);
    };
    Tree out = Tree::array();
    for (std::size_t i = 0; i < layout->size(); ++i) {
        const Field& field = (*layout)[i];
        const EntryText text{field.name, std::string(known->name), std::string(known->category),
                             field.description + std::string(next_boot_meaning)};
        const Values values{field_value(def, i), field_value(cur, i), field_value(saved, i)};
        out.push_back(make_entry(entry, text, values, reads, raw));
    }
    return out;
}

}  // namespace fwctl::plugins::cxl
