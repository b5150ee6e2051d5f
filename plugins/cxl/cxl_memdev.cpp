#include "plugins/cxl/cxl_memdev.hpp"

#include <array>
#include <charconv>
#include <cstdint>

namespace fwctl::plugins::cxl {

namespace {

enum class Format {
    text,     // reported as is
    decimal,  // "%d\n" / "%zu\n": an integer
    hex,      // "%#llx\n": an integer (bytes for the sizes)
};

struct MemdevAttribute {
    std::string_view sysfs;  // path below memN
    std::string_view key;    // key under firmware.memdev
    Format format;
};

// sysfs-bus-cxl and memdev.c (cxl-bnxt-layouts.md A.5), in the order reported.
constexpr std::array<MemdevAttribute, 10> attributes{{
    {"firmware_version", "firmware_version", Format::text},
    {"serial", "serial", Format::text},
    {"numa_node", "numa_node", Format::decimal},
    {"payload_max", "payload_max", Format::decimal},
    {"label_storage_size", "label_storage_size", Format::decimal},
    {"ram/size", "ram_size", Format::hex},
    {"pmem/size", "pmem_size", Format::hex},
    {"ram/qos_class", "ram_qos_class", Format::decimal},
    {"pmem/qos_class", "pmem_qos_class", Format::decimal},
    {"security/state", "security_state", Format::text},
}};

constexpr auto attribute_names = [] {
    std::array<std::string_view, attributes.size()> names{};
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        names[i] = attributes[i].sysfs;
    }
    return names;
}();

// An integer when the text is one, else the text itself: nothing is dropped.
Tree parsed(const std::string& text, Format format)
{
    if (format == Format::text) {
        return text;
    }
    const char* begin = text.data();
    const char* end = begin + text.size();
    if (format == Format::decimal) {
        std::int64_t value = 0;
        auto [ptr, ec] = std::from_chars(begin, end, value);
        return (ec == std::errc{} && ptr == end && begin != end) ? Tree(value) : Tree(text);
    }
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        begin += 2;
    }
    std::uint64_t value = 0;
    auto [ptr, ec] = std::from_chars(begin, end, value, 16);
    return (ec == std::errc{} && ptr == end && begin != end) ? Tree(value) : Tree(text);
}

}  // namespace

std::span<const std::string_view> memdev_attributes() { return attribute_names; }

MemdevFirmware memdev_firmware(const DeviceIdentity& identity)
{
    const std::string memdev = identity.parent ? identity.parent->sysname : "the memdev";
    MemdevFirmware out;
    Tree attrs = Tree::object();
    std::string missing;
    for (const auto& a : attributes) {
        const auto it = identity.parent_attributes.find(std::string(a.sysfs));
        if (it == identity.parent_attributes.end()) {
            attrs[a.key] = nullptr;
            missing += (missing.empty() ? "" : ", ") + std::string(a.sysfs);
        } else if (it->second.empty()) {
            attrs[a.key] = nullptr;  // memdev.c prints an empty line without memdev state
        } else {
            attrs[a.key] = parsed(it->second, a.format);
        }
    }
    const Tree& version = attrs["firmware_version"];
    out.firmware["running"] = version;
    out.firmware["stored"] = nullptr;
    out.firmware["pending_activation"] = nullptr;
    out.firmware["memdev"] = attrs;

    out.note = "CXL fwctl has no firmware command: running and memdev are the sysfs attributes of " + memdev +
               ". The staged firmware is visible neither there nor through fwctl, so stored and "
               "pending_activation are null (cxl list -F reads the firmware slots through the CXL mailbox).";
    const auto empty = identity.parent_attributes.find("firmware_version");
    if (empty != identity.parent_attributes.end() && empty->second.empty()) {
        out.note += " " + memdev + " reports an empty firmware_version (a memdev without memory-device state).";
    }
    if (!missing.empty()) {
        out.note += " Not present in sysfs (reported as null): " + missing + ".";
    }
    return out;
}

}  // namespace fwctl::plugins::cxl
