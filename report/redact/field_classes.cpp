#include "report/redact/field_classes.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace fwctl::report::redact {

namespace {

// What the value of a field must look like for the rule to apply.
enum class Shape {
    any,             // strings and integers (serial numbers are printed both ways)
    mac,             // any MAC spelling
    mac_separated,   // aa:bb:cc:dd:ee:ff or aa-bb-..: for keys as vague as `address`
    guid,            // a GUID or a UUID
};

struct FieldRule {
    FieldClass field_class;
    std::string_view where;  // glob over the field's path (the key included)
    std::string_view key;    // ECMAScript regex, matched against the whole lower-case key
    Shape shape;
};

// The table. `key` is the field's own key or, for an array element, the key of
// the array. Plugin sections are open, so device rules match by key anywhere
// under a device; the host rules are fixed paths.
constexpr std::array field_rules{
    FieldRule{FieldClass::hostname, "/host/*", "hostname|fqdn|nodename|domainname", Shape::any},
    FieldRule{FieldClass::serial, "/devices/**",
              "(.+_)?(serial|serials|serial_number|serial_num|serialno|sn|dsn)", Shape::any},
    FieldRule{FieldClass::mac, "/devices/**",
              "(.+_)?(mac|macs|mac_addr|mac_address|mac_addresses|macaddr|hwaddr|hw_addr|perm_addr|permaddr)",
              Shape::mac},
    FieldRule{FieldClass::mac, "/devices/**", "(.+_)?(address|addr)", Shape::mac_separated},
    FieldRule{FieldClass::guid, "/devices/**",
              "(.+_)?(guid|guids)|(device|system|platform|chassis|node|port)_uuid", Shape::guid},
};

// Fields the tool writes from its own vocabulary; never swept (see the header).
constexpr std::string_view sweep_exempt[] = {
    "/schema_version",
    "/tool/**",
    "/collected_at",
    "/host/kernel_release",
    "/host/os/**",
    "/host/lockdown",
    "/taint/**",
    "/collection/**",
    "/redaction/**",
    "/errors/*/stage",
    "/errors/*/errno_name",
    "/devices/*/name",
    "/devices/*/devnode",
    "/devices/*/dev",
    "/devices/*/type",
    "/devices/*/plugin",
    "/devices/*/status",
    "/devices/*/parent/subsystem",
    "/devices/*/parent/sysname",
    "/devices/*/parent/driver",
    "/devices/*/parent/pci/**",
    "/devices/*/errors/*/stage",
    "/devices/*/errors/*/errno_name",
    "/devices/*/config/*/name",
    "/devices/*/config/*/item",
    "/devices/*/config/*/id",
    "/devices/*/config/*/category",
    "/devices/*/config/*/description",
    "/devices/*/config/*/status",
    "/devices/*/collection/**",
};

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool is_index(std::string_view segment)
{
    return !segment.empty() && std::all_of(segment.begin(), segment.end(),
                                           [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::vector<std::string_view> split_pattern(std::string_view pattern)
{
    std::vector<std::string_view> parts;
    while (!pattern.empty()) {
        if (pattern.front() == '/') {
            pattern.remove_prefix(1);
            continue;
        }
        const auto end = pattern.find('/');
        parts.push_back(pattern.substr(0, end));
        pattern = end == std::string_view::npos ? std::string_view{} : pattern.substr(end);
    }
    return parts;
}

bool glob(std::span<const std::string_view> pattern, std::span<const std::string> path)
{
    if (pattern.empty()) {
        return path.empty();
    }
    if (pattern.front() == "**") {
        for (std::size_t skip = 0; skip <= path.size(); ++skip) {
            if (glob(pattern.subspan(1), path.subspan(skip))) {
                return true;
            }
        }
        return false;
    }
    if (path.empty()) {
        return false;
    }
    return (pattern.front() == "*" || pattern.front() == path.front()) && glob(pattern.subspan(1), path.subspan(1));
}

const std::regex& compiled_key(std::size_t rule)
{
    static const auto regexes = [] {
        std::vector<std::regex> out;
        for (const auto& r : field_rules) {
            out.emplace_back(std::string(r.key), std::regex::ECMAScript | std::regex::optimize);
        }
        return out;
    }();
    return regexes[rule];
}

bool matches_regex(std::string_view text, const char* pattern)
{
    return std::regex_match(text.begin(), text.end(), std::regex(pattern, std::regex::icase));
}

bool has_shape(Shape shape, const nlohmann::ordered_json& value)
{
    if (shape == Shape::any) {
        return value.is_string() || value.is_number_integer();
    }
    if (!value.is_string()) {
        return false;
    }
    const auto& text = value.get_ref<const std::string&>();
    switch (shape) {
    case Shape::mac: return looks_like_mac(text);
    case Shape::mac_separated: return matches_regex(text, "[0-9a-f]{2}([:-][0-9a-f]{2}){5}");
    case Shape::guid: return looks_like_guid(text);
    case Shape::any: break;
    }
    return false;
}

}  // namespace

std::string_view class_name(FieldClass c)
{
    switch (c) {
    case FieldClass::hostname: return "hostname";
    case FieldClass::serial: return "serial";
    case FieldClass::mac: return "mac";
    case FieldClass::guid: return "guid";
    }
    return "unknown";
}

std::span<const FieldClass> all_classes()
{
    static constexpr std::array classes{FieldClass::hostname, FieldClass::serial, FieldClass::mac, FieldClass::guid};
    return classes;
}

bool path_matches(std::string_view pattern, const Path& path)
{
    const auto parts = split_pattern(pattern);
    return glob(parts, path);
}

std::optional<FieldClass> classify_field(const Path& path, const nlohmann::ordered_json& value)
{
    // An array element takes the class of the array's key (macs: [..]).
    auto key_at = path.rbegin();
    while (key_at != path.rend() && is_index(*key_at)) {
        ++key_at;
    }
    if (key_at == path.rend()) {
        return std::nullopt;
    }
    const std::string key = lower(*key_at);
    for (std::size_t i = 0; i < field_rules.size(); ++i) {
        const auto& rule = field_rules[i];
        if (path_matches(rule.where, path) && std::regex_match(key, compiled_key(i)) && has_shape(rule.shape, value)) {
            return rule.field_class;
        }
    }
    return std::nullopt;
}

bool is_sweep_exempt(const Path& path)
{
    return std::any_of(std::begin(sweep_exempt), std::end(sweep_exempt),
                       [&](std::string_view pattern) { return path_matches(pattern, path); });
}

bool looks_like_mac(std::string_view text)
{
    return matches_regex(text, "(0x)?[0-9a-f]{12}|[0-9a-f]{2}([:-][0-9a-f]{2}){5}|[0-9a-f]{4}(\\.[0-9a-f]{4}){2}");
}

bool looks_like_guid(std::string_view text)
{
    return matches_regex(text,
                         "(0x)?[0-9a-f]{16}|[0-9a-f]{4}([:.-][0-9a-f]{4}){3}|[0-9a-f]{2}(:[0-9a-f]{2}){7}|"
                         "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
}

}  // namespace fwctl::report::redact
