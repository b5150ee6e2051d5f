#include "tests/sim/lab.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "tests/sim/lab_yaml.hpp"
#include "tests/sim/sim_registry.hpp"

namespace fwctl::sim {
namespace {

constexpr uint32_t kMaxMajor = 4095;     // 12-bit char major
constexpr uint32_t kMaxMinor = 1048575;  // 20-bit minor
constexpr uint64_t kMaxDelayMs = 600000;
constexpr uint64_t kMaxLatencyUs = 60000000;  // one minute per RPC is plenty for any test

// Names become sysfs and /dev path components: keep them to one safe component.
bool is_safe_name(std::string_view s) {
    if (s.empty() || s == "." || s == "..")
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.';
    });
}

// "fwctl12" -> 12, as the kernel names fwctl devices after their minor.
std::optional<uint32_t> minor_from_name(std::string_view name) {
    if (!name.starts_with("fwctl") || name.size() == 5 || name.size() > 12)
        return std::nullopt;
    uint32_t v = 0;
    for (char c : name.substr(5)) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + static_cast<uint32_t>(c - '0');
    }
    return v;
}

// DDDD:BB:DD.F, lower-case hex as sysfs prints it.
bool is_pci_address(std::string_view a) {
    if (a.size() != 12 || a[4] != ':' || a[7] != ':' || a[10] != '.')
        return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!((a[i] >= '0' && a[i] <= '9') || (a[i] >= 'a' && a[i] <= 'f')))
            return false;
    return a[11] >= '0' && a[11] <= '7';
}

std::vector<SysAttr> parse_attrs(const YAML::Node& node, std::string_view what) {
    std::vector<SysAttr> out;
    if (!node.IsDefined() || node.IsNull())
        return out;
    expect_map(node, what);
    for (const auto& kv : node) {
        SysAttr a{kv.first.as<std::string>(), kv.second.IsNull() ? "" : as_string(kv.second, what)};
        if (!is_safe_name(a.name))
            lab_fail(kv.first, std::string(what) + ": '" + a.name + "' is not a valid attribute name");
        out.push_back(std::move(a));
    }
    return out;
}

MemdevSpec parse_memdev(const YAML::Node& node) {
    check_keys(node, {"name", "driver", "attrs"}, "memdev");
    MemdevSpec m;
    m.name = opt_string(node, "name").value_or("mem0");
    if (!is_safe_name(m.name))
        lab_fail(node, "memdev: '" + m.name + "' is not a valid device name");
    m.driver = opt_string(node, "driver").value_or("cxl_mem");
    m.attrs = parse_attrs(node["attrs"], "memdev attrs");
    return m;
}

ParentSpec parse_pci_function(const YAML::Node& node);

std::optional<ParentSpec> parse_parent(const YAML::Node& device) {
    const YAML::Node node = device["parent"];
    if (!node.IsDefined())
        lab_fail(device, "device: 'parent' is required (use 'parent: null' for a device without one)");
    if (node.IsNull())
        return std::nullopt;
    check_keys(node, {"address", "driver", "attrs", "memdev"}, "parent");
    return parse_pci_function(node);
}

// A PCI function: an fwctl device's parent, or an entry of pci_devices.
ParentSpec parse_pci_function(const YAML::Node& node) {
    ParentSpec p;
    const YAML::Node address = node["address"];
    if (!address.IsDefined())
        lab_fail(node, "parent: 'address' is required");
    p.address = as_string(address, "address");
    if (!is_pci_address(p.address))
        lab_fail(address, "parent: '" + p.address + "' is not a PCI address like 0000:03:00.0");
    p.driver = opt_string(node, "driver");
    if (p.driver && !is_safe_name(*p.driver))
        lab_fail(node["driver"], "parent: '" + *p.driver + "' is not a valid driver name");
    p.attrs = parse_attrs(node["attrs"], "parent attrs");
    if (node["memdev"].IsDefined() && !node["memdev"].IsNull())
        p.memdev = parse_memdev(node["memdev"]);
    return p;
}

ReplyRule parse_reply(const YAML::Node& node) {
    check_keys(node, {"match", "scope", "reply_hex", "errno", "hang", "delay_ms"}, "reply");
    ReplyRule r;
    const auto match = opt_string(node, "match");
    if (!match)
        lab_fail(node, "reply: 'match' is required (use \"\" to match every request)");
    auto pattern = parse_pattern(*match);
    if (!pattern)
        lab_fail(node["match"], "reply: match '" + *match + "' is not hex bytes with ?? wildcards");
    r.match = std::move(*pattern);
    if (auto scope = opt_uint(node, "scope", UINT32_MAX))
        r.scope = static_cast<uint32_t>(*scope);
    const auto reply_hex = opt_string(node, "reply_hex");
    const auto err = opt_string(node, "errno");
    r.hang = opt_bool(node, "hang").value_or(false);
    if (int(reply_hex.has_value()) + int(err.has_value()) + int(r.hang) != 1)
        lab_fail(node, "reply: give exactly one of 'reply_hex', 'errno' and 'hang: true'");
    if (r.hang) {
        // never answered: nothing else to read
    } else if (reply_hex) {
        r.reply = from_hex(*reply_hex);
        if (!r.reply)
            lab_fail(node["reply_hex"], "reply: reply_hex is not hex bytes");
    } else if (err) {
        const auto value = errno_from_name(*err);
        if (!value)
            lab_fail(node["errno"], "reply: unknown errno name '" + *err + "'");
        r.err = *value;
    }
    r.delay_ms = static_cast<uint32_t>(opt_uint(node, "delay_ms", kMaxDelayMs).value_or(0));
    return r;
}

void parse_faults(const YAML::Node& node, LabDevice& dev) {
    if (!node.IsDefined() || node.IsNull())
        return;
    check_keys(node, {"info_errno", "node", "hang"}, "faults");
    if (auto name = opt_string(node, "info_errno")) {
        const auto value = errno_from_name(*name);
        if (!value)
            lab_fail(node["info_errno"], "faults: unknown errno name '" + *name + "'");
        dev.state.info_errno = *value;
    }
    if (auto n = opt_string(node, "node")) {
        if (*n != "missing" && *n != "present")
            lab_fail(node["node"], "faults: node must be 'missing' or 'present'");
        dev.create_node = *n == "present";
    }
    if (auto h = opt_string(node, "hang")) {
        if (*h == "rpc")
            dev.state.hang = HangFault::rpc;
        else if (*h == "all")
            dev.state.hang = HangFault::all;
        else if (*h != "none")
            lab_fail(node["hang"], "faults: hang must be 'rpc', 'all' or 'none'");
    }
}

const SimModule& parse_type(const YAML::Node& device, uint32_t& type_id) {
    const YAML::Node node = device["type"];
    if (!node.IsDefined())
        lab_fail(device, "device: 'type' is required (mlx5, cxl, bnxt, pds or a number)");
    const std::string text = as_string(node, "type");
    if (const SimModule* m = sim_module_by_name(text)) {
        type_id = m->type_id();
        return *m;
    }
    if (text.empty() || !(text[0] >= '0' && text[0] <= '9'))
        lab_fail(node, "device: unknown type '" + text + "' (mlx5, cxl, bnxt, pds or a number)");
    type_id = static_cast<uint32_t>(as_uint(node, UINT32_MAX, "type"));
    return sim_module_for_type(type_id);
}

LabDevice parse_device(const YAML::Node& node, uint32_t lab_latency_us) {
    check_keys(node, {"name", "type", "minor", "parent", "info_hex", "state", "replies", "faults",
                      "latency_us"},
               "device");
    LabDevice dev;
    const auto name = opt_string(node, "name");
    if (!name)
        lab_fail(node, "device: 'name' is required");
    if (!is_safe_name(*name))
        lab_fail(node["name"], "device: '" + *name + "' is not a valid device name");
    dev.state.name = *name;

    if (auto minor = opt_uint(node, "minor", kMaxMinor))
        dev.minor = static_cast<uint32_t>(*minor);
    else if (auto from_name = minor_from_name(*name); from_name && *from_name <= kMaxMinor)
        dev.minor = *from_name;
    else
        lab_fail(node["name"], "device: '" + *name + "' is not fwctlN, so it needs 'minor:'");

    const SimModule& module = parse_type(node, dev.state.type_id);
    dev.state.module = &module;
    dev.parent = parse_parent(node);

    if (auto info = opt_string(node, "info_hex")) {
        dev.state.info_override = from_hex(*info);
        if (!dev.state.info_override)
            lab_fail(node["info_hex"], "device: info_hex is not hex bytes");
    }
    dev.state.module_state = module.parse_state(node["state"]);

    const YAML::Node replies = node["replies"];
    if (replies.IsDefined() && !replies.IsNull()) {
        if (!replies.IsSequence())
            lab_fail(replies, "device: replies must be a list");
        for (const auto& r : replies)
            dev.state.replies.push_back(parse_reply(r));
    }
    parse_faults(node["faults"], dev);
    dev.state.latency_us =
        static_cast<uint32_t>(opt_uint(node, "latency_us", kMaxLatencyUs).value_or(lab_latency_us));
    return dev;
}

// Two fwctl devices may share a PCI function only if both describe it identically,
// and names must be unique: umockdev aborts the process on a duplicate sysfs path.
void check_topology(const YAML::Node& devices, const std::vector<LabDevice>& list) {
    std::set<std::string> names;
    std::set<uint32_t> minors;
    for (size_t i = 0; i < list.size(); ++i) {
        const LabDevice& d = list[i];
        if (!names.insert(d.state.name).second)
            lab_fail(devices[i], "device: name '" + d.state.name + "' is used twice");
        if (!minors.insert(d.minor).second)
            lab_fail(devices[i], "device: minor " + std::to_string(d.minor) + " is used twice");
        for (size_t j = 0; j < i; ++j) {
            const LabDevice& e = list[j];
            if (!d.parent || !e.parent)
                continue;
            if (d.parent->address == e.parent->address && !(*d.parent == *e.parent))
                lab_fail(devices[i], "device: parent " + d.parent->address +
                                         " is described differently by '" + e.state.name + "'");
            if (d.parent->memdev && e.parent->memdev && d.parent->address != e.parent->address &&
                d.parent->memdev->name == e.parent->memdev->name)
                lab_fail(devices[i], "device: memdev '" + d.parent->memdev->name + "' is used twice");
        }
    }
}

Lab parse_root(const YAML::Node& root) {
    check_keys(root, {"major", "taint", "lockdown", "modules", "cap_sys_rawio", "latency_us", "fwctl_class",
                      "devices", "pci_devices"},
               "lab");
    Lab lab;
    lab.major = static_cast<uint32_t>(opt_uint(root, "major", kMaxMajor).value_or(511));
    lab.taint = opt_uint(root, "taint", UINT64_MAX).value_or(0);
    lab.lockdown = opt_string(root, "lockdown");
    lab.cap_sys_rawio = opt_bool(root, "cap_sys_rawio").value_or(true);
    lab.modules = parse_attrs(root["modules"], "modules");
    const auto latency_us = static_cast<uint32_t>(opt_uint(root, "latency_us", kMaxLatencyUs).value_or(0));
    lab.fwctl_class = opt_bool(root, "fwctl_class").value_or(true);

    const YAML::Node devices = root["devices"];
    if (!devices.IsDefined())
        lab_fail(root, "lab: 'devices' is required (use 'devices: []' for none)");
    if (!devices.IsSequence())
        lab_fail(devices, "lab: devices must be a list");
    for (const auto& d : devices)
        lab.devices.push_back(parse_device(d, latency_us));
    check_topology(devices, lab.devices);
    if (!lab.fwctl_class && !lab.devices.empty())
        lab_fail(root["fwctl_class"], "lab: 'fwctl_class: false' (no fwctl in the kernel) needs 'devices: []'");

    const YAML::Node pci = root["pci_devices"];
    if (pci.IsDefined() && !pci.IsNull()) {
        if (!pci.IsSequence())
            lab_fail(pci, "lab: pci_devices must be a list");
        std::set<std::string> addresses;
        for (const auto& d : lab.devices)
            if (d.parent)
                addresses.insert(d.parent->address);
        for (const auto& node : pci) {
            check_keys(node, {"address", "driver", "attrs"}, "pci_devices");
            ParentSpec p = parse_pci_function(node);
            if (!addresses.insert(p.address).second)
                lab_fail(node, "pci_devices: " + p.address + " is already used by another device");
            lab.pci_devices.push_back(std::move(p));
        }
    }
    return lab;
}

}  // namespace

std::expected<Lab, std::string> parse_lab(std::string_view yaml_text, std::string_view source) {
    const std::string prefix = std::string(source) + ":";
    try {
        const YAML::Node root = YAML::Load(std::string(yaml_text));
        if (!root.IsMap())
            return std::unexpected(prefix + " the lab must be a YAML map");
        return parse_root(root);
    } catch (const YAML::Exception& e) {
        if (e.mark.is_null())
            return std::unexpected(prefix + " " + e.msg);
        return std::unexpected(prefix + std::to_string(e.mark.line + 1) + ":" +
                               std::to_string(e.mark.column + 1) + ": " + e.msg);
    } catch (const LabError& e) {
        // Positioned messages start with "line:column:"; others get a separating space.
        const std::string what = e.what();
        const bool positioned = !what.empty() && what[0] >= '0' && what[0] <= '9';
        return std::unexpected(prefix + (positioned ? "" : " ") + what);
    }
}

std::expected<Lab, std::string> load_lab_file(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        return std::unexpected(path + ": cannot read the lab file");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_lab(text.str(), path);
}

}  // namespace fwctl::sim
