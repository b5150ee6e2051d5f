#include "report/diff/device_matching.hpp"

#include <map>
#include <optional>

#include "report/json_access.hpp"

namespace fwctl::report {

namespace {

using nlohmann::json;

// Where a device sits: its PCI address, else its parent, else its own name.
std::string location_key(const json& device)
{
    if (const json* address = at(device, {"parent", "pci", "address"}); address && address->is_string()) {
        return "pci " + address->get<std::string>();
    }
    if (const json* sysname = at(device, {"parent", "sysname"}); sysname && sysname->is_string()) {
        return "parent " + text_or(at(device, {"parent", "subsystem"})) + "/" + sysname->get<std::string>();
    }
    return "name " + text_or(member(&device, "name"));
}

// Candidates of one side, consumed in order: a key may be shared by several
// devices in a malformed report, and each may be matched only once.
class Candidates {
public:
    void add(const std::string& key, std::size_t index) { buckets_[key].indices.push_back(index); }

    // The first candidate under `key` that is still free, without taking it.
    std::optional<std::size_t> peek(const std::string& key, const std::vector<bool>& taken)
    {
        auto it = buckets_.find(key);
        if (it == buckets_.end()) {
            return std::nullopt;
        }
        Bucket& bucket = it->second;
        while (bucket.next < bucket.indices.size() && taken[bucket.indices[bucket.next]]) {
            ++bucket.next;
        }
        if (bucket.next == bucket.indices.size()) {
            return std::nullopt;
        }
        return bucket.indices[bucket.next];
    }

private:
    struct Bucket {
        std::vector<std::size_t> indices;
        std::size_t next = 0;
    };
    std::map<std::string, Bucket> buckets_;
};

bool serials_conflict(const std::optional<std::string>& a, const std::optional<std::string>& b)
{
    return a && b && *a != *b;
}

}  // namespace

DeviceRef device_ref(const json& device)
{
    DeviceRef ref;
    ref.name = text_or(member(&device, "name"), "?");
    ref.type = text_or(member(&device, "type"), "unknown");
    if (const json* address = at(device, {"parent", "pci", "address"}); address && address->is_string()) {
        ref.address = address->get<std::string>();
    } else if (const json* sysname = at(device, {"parent", "sysname"}); sysname && sysname->is_string()) {
        ref.address = sysname->get<std::string>();
    }
    ref.serial = device_serial(device);
    return ref;
}

std::optional<std::string> device_serial(const json& device)
{
    for (const json* candidate : {at(device, {"firmware", "serial"}), at(device, {"firmware", "serial_number"}),
                                  at(device, {"firmware", "memdev", "serial"}),
                                  at(device, {"info", "decoded", "serial"})}) {
        if (candidate && candidate->is_string() && !candidate->get_ref<const std::string&>().empty()) {
            return candidate->get<std::string>();
        }
    }
    return std::nullopt;
}

DevicePairing pair_devices(const json& devices_a, const json& devices_b)
{
    const json& a = devices_a.is_array() ? devices_a : array_or_empty<json>(nullptr);
    const json& b = devices_b.is_array() ? devices_b : array_or_empty<json>(nullptr);
    std::vector<DeviceRef> refs_a;
    std::vector<DeviceRef> refs_b;
    for (const auto& d : a) {
        refs_a.push_back(device_ref(d));
    }
    for (const auto& d : b) {
        refs_b.push_back(device_ref(d));
    }

    std::vector<bool> taken_a(a.size(), false);
    std::vector<bool> taken_b(b.size(), false);
    std::vector<std::optional<DeviceMatch>> match_of_b(b.size());

    Candidates by_place;
    for (std::size_t i = 0; i < a.size(); ++i) {
        by_place.add(location_key(a[i]) + '\n' + refs_a[i].type, i);
    }
    for (std::size_t j = 0; j < b.size(); ++j) {
        const auto i = by_place.peek(location_key(b[j]) + '\n' + refs_b[j].type, taken_a);
        if (i && !serials_conflict(refs_a[*i].serial, refs_b[j].serial)) {
            taken_a[*i] = taken_b[j] = true;
            match_of_b[j] = DeviceMatch{*i, j, "address"};
        }
    }

    Candidates by_serial;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!taken_a[i] && refs_a[i].serial) {
            by_serial.add(*refs_a[i].serial + '\n' + refs_a[i].type, i);
        }
    }
    for (std::size_t j = 0; j < b.size(); ++j) {
        if (taken_b[j] || !refs_b[j].serial) {
            continue;
        }
        if (const auto i = by_serial.peek(*refs_b[j].serial + '\n' + refs_b[j].type, taken_a)) {
            taken_a[*i] = taken_b[j] = true;
            match_of_b[j] = DeviceMatch{*i, j, "serial"};
        }
    }

    DevicePairing pairing;
    for (std::size_t j = 0; j < b.size(); ++j) {
        if (match_of_b[j]) {
            pairing.matched.push_back(*match_of_b[j]);
        } else {
            pairing.only_b.push_back(j);
        }
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!taken_a[i]) {
            pairing.only_a.push_back(i);
        }
    }
    return pairing;
}

}  // namespace fwctl::report
