// What --redact treats as secret, as data: which fields of a report hold a
// host name, a serial number, a MAC address or a GUID, and which fields hold
// only the tool's own vocabulary and are never swept. Adding a field a plugin
// starts to report is one row here, not an `if` in the redactor.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace fwctl::report::redact {

enum class FieldClass { hostname, serial, mac, guid };

// "hostname", "serial", "mac", "guid": the names the report's `redaction` block uses.
std::string_view class_name(FieldClass c);
std::span<const FieldClass> all_classes();

// A path in a document: object keys and array indexes (as decimal text), from the root.
using Path = std::vector<std::string>;

// Glob over paths: segments separated by '/', "*" is one segment, "**" any number
// (zero included). "/devices/*/parent/pci/**" matches every field under pci.
bool path_matches(std::string_view pattern, const Path& path);

// The class of the field at `path` with `value`, or nullopt when it is not
// secret. Some rows require the value to have its class's shape (a key named
// `address` is a MAC only when its value looks like one), so a PCI address or
// a counter named max_mac_filters is left alone.
std::optional<FieldClass> classify_field(const Path& path, const nlohmann::ordered_json& value);

// Fields the tool fills from its own vocabulary (device type, taint names, OS
// release, PCI identity, configuration parameter names): a secret that happens
// to be spelled like one of them (a host called "debian") must not garble them,
// and replacing an enum value would break the schema.
bool is_sweep_exempt(const Path& path);

// Shapes. A MAC is 6 bytes (aa:bb:cc:dd:ee:ff, aa-bb-.., aabb.ccdd.eeff, 0xaabbccddeeff);
// a GUID is 8 bytes (0x0002c903004b1e2f, 0002:c903:004b:1e2f) or a UUID (8-4-4-4-12).
bool looks_like_mac(std::string_view text);
bool looks_like_guid(std::string_view text);

}  // namespace fwctl::report::redact
