#include "report/diff/device_diff.hpp"

#include <map>
#include <optional>
#include <string>

#include "report/diff/device_matching.hpp"
#include "report/json_access.hpp"

namespace fwctl::report {

namespace {

using nlohmann::json;

// The common firmware keys every plugin fills (schema definitions/firmware);
// vendor keys such as build dates would make every update noisy.
constexpr const char* firmware_fields[] = {"running", "stored", "pending_activation"};
constexpr const char* config_fields[] = {"default", "current", "next_boot"};

std::string entry_label(const json& entry)
{
    if (const json* name = member(&entry, "name"); name && name->is_string()) {
        return name->get<std::string>();
    }
    return text_or(member(&entry, "id"), "(no id)");
}

// Entries are identified by id and name: an mlx5 item id holds many named
// parameters, and unnamed (raw) entries have only the id.
std::string entry_key(const json& entry)
{
    return text_or(member(&entry, "id")) + '\n' + text_or(member(&entry, "name"));
}

// The n-th entry with a key in A is paired with the n-th with that key in B.
struct EntryPairing {
    std::vector<std::pair<std::optional<std::size_t>, std::size_t>> with_b;  // (A index, B index), B's order
    std::vector<std::size_t> only_a;
};

EntryPairing pair_entries(const json& a, const json& b)
{
    std::map<std::string, std::vector<std::size_t>> by_key;
    for (std::size_t i = 0; i < a.size(); ++i) {
        by_key[entry_key(a[i])].push_back(i);
    }
    std::map<std::string, std::size_t> used;
    std::vector<bool> taken(a.size(), false);
    EntryPairing pairing;
    for (std::size_t j = 0; j < b.size(); ++j) {
        const std::string key = entry_key(b[j]);
        std::optional<std::size_t> match;
        if (auto it = by_key.find(key); it != by_key.end()) {
            std::size_t& n = used[key];
            if (n < it->second.size()) {
                match = it->second[n++];
                taken[*match] = true;
            }
        }
        pairing.with_b.emplace_back(match, j);
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!taken[i]) {
            pairing.only_a.push_back(i);
        }
    }
    return pairing;
}

void compare_config(const json& a, const json& b, std::vector<ValueChange>& changes)
{
    if (a.empty() != b.empty()) {
        // One report could not read the configuration at all (or the device
        // has none there): one line, not one per entry.
        changes.push_back({"config", "", "entries", a.size(), b.size()});
        return;
    }
    const EntryPairing pairing = pair_entries(a, b);
    for (const auto& [i, j] : pairing.with_b) {
        if (!i) {
            changes.push_back({"config", entry_label(b[j]), "present", false, true});
            continue;
        }
        for (const char* field : config_fields) {
            json va = value_or_null(member(&a[*i], field));
            json vb = value_or_null(member(&b[j], field));
            if (va != vb) {
                changes.push_back({"config", entry_label(b[j]), field, std::move(va), std::move(vb)});
            }
        }
    }
    for (std::size_t i : pairing.only_a) {
        changes.push_back({"config", entry_label(a[i]), "present", true, false});
    }
}

// The value differs_from_default speaks of: next-boot, or current when
// next-boot is unknown.
NonDefaultEntry::Side side_of(const json& entry)
{
    const json* next_boot = member(&entry, "next_boot");
    const json* value = next_boot && !next_boot->is_null() ? next_boot : member(&entry, "current");
    const json* differs = member(&entry, "differs_from_default");
    return {value_or_null(value), differs != nullptr && *differs == true};
}

}  // namespace

std::vector<ValueChange> compare_devices(const json& a, const json& b)
{
    std::vector<ValueChange> changes;
    const DeviceRef ref_a = device_ref(a);
    const DeviceRef ref_b = device_ref(b);
    if (ref_a.address != ref_b.address) {
        // Matched by serial after a move to another slot.
        auto as_json = [](const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); };
        changes.push_back({"device", "", "address", as_json(ref_a.address), as_json(ref_b.address)});
    }
    if (json sa = value_or_null(member(&a, "status")), sb = value_or_null(member(&b, "status")); sa != sb) {
        changes.push_back({"device", "", "status", std::move(sa), std::move(sb)});
    }
    for (const char* field : firmware_fields) {
        json va = value_or_null(at(a, {"firmware", field}));
        json vb = value_or_null(at(b, {"firmware", field}));
        if (va != vb) {
            changes.push_back({"firmware", "", field, std::move(va), std::move(vb)});
        }
    }
    compare_config(array_or_empty(member(&a, "config")), array_or_empty(member(&b, "config")), changes);
    return changes;
}

std::vector<NonDefaultEntry> non_default_entries(const json* a, const json* b)
{
    const json& config_a = a ? array_or_empty(member(a, "config")) : array_or_empty<json>(nullptr);
    const json& config_b = b ? array_or_empty(member(b, "config")) : array_or_empty<json>(nullptr);
    const DeviceRef device = device_ref(b ? *b : *a);
    std::vector<NonDefaultEntry> out;
    auto add = [&](const json* ea, const json* eb) {
        NonDefaultEntry entry;
        const json& any = eb ? *eb : *ea;
        entry.device = device;
        entry.key = entry_label(any);
        entry.id = text_or(member(&any, "id"));
        entry.default_value = value_or_null(member(&any, "default"));
        if (ea) {
            entry.a = side_of(*ea);
        }
        if (eb) {
            entry.b = side_of(*eb);
        }
        if ((entry.a && entry.a->non_default) || (entry.b && entry.b->non_default)) {
            out.push_back(std::move(entry));
        }
    };
    const EntryPairing pairing = pair_entries(config_a, config_b);
    for (const auto& [i, j] : pairing.with_b) {
        add(i ? &config_a[*i] : nullptr, &config_b[j]);
    }
    for (std::size_t i : pairing.only_a) {
        add(&config_a[i], nullptr);
    }
    return out;
}

}  // namespace fwctl::report
