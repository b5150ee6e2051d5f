#include "report/document.hpp"

#include <cmath>

#include "collector/device_type.hpp"
#include "collector/errno_name.hpp"
#include "collector/hex.hpp"
#include "collector/taint.hpp"
#include "report/generated/version.hpp"

namespace fwctl::report {

namespace {

// An empty object with room for `keys` members. An ordered_json object is a
// vector of pair<const std::string, json>; such a pair has no noexcept move
// (the const key is copied), so when the vector grows it COPIES every value
// already in it, whole subtrees included. Objects that receive the plugins'
// trees or the devices are therefore sized before they are filled
// (bench/RESULTS.md, peak RSS).
Document object_with_room(std::size_t keys)
{
    Document doc = Document::object();
    doc.get_ref<Document::object_t&>().reserve(keys);
    return doc;
}

template <class T>
Document or_null(const std::optional<T>& value)
{
    return value ? Document(*value) : Document(nullptr);
}

double ms(std::uint64_t ns)
{
    return std::round(static_cast<double>(ns) / 1e4) / 100.0;  // two decimals
}

Document error_document(const ErrorEntry& e)
{
    return {{"stage", e.stage},
            {"what", e.what},
            {"errno", e.sys_errno ? Document(e.sys_errno) : Document(nullptr)},
            {"errno_name", e.sys_errno ? Document(errno_name(e.sys_errno)) : Document(nullptr)},
            {"message", e.message}};
}

Document errors_document(const std::vector<ErrorEntry>& errors)
{
    Document list = Document::array();
    for (const auto& e : errors) {
        list.push_back(error_document(e));
    }
    return list;
}

Document taint_state_document(const std::optional<TaintState>& state)
{
    if (!state) {
        return nullptr;
    }
    Document flags = Document::array();
    for (const auto& f : state->flags) {
        flags.push_back({{"bit", f.bit}, {"letter", std::string(1, f.letter)}, {"name", f.name}});
    }
    return {{"value", state->value}, {"flags", flags}};
}

bool has_fwctl_taint(const std::optional<TaintState>& state)
{
    return state && (state->value & (std::uint64_t{1} << taint_fwctl_bit)) != 0;
}

Document taint_document(const TaintReport& t)
{
    Document modules = Document::array();
    for (const auto& m : t.modules) {
        modules.push_back({{"module", m.module}, {"taint", m.taint}});
    }
    Document changed = nullptr;
    if (t.before && t.after) {
        changed = t.before->value != t.after->value;
    }
    return {{"before", taint_state_document(t.before)},
            {"after", taint_state_document(t.after)},
            {"fwctl_tainted", has_fwctl_taint(t.before) || has_fwctl_taint(t.after)},
            {"changed_during_run", changed},
            {"modules", modules}};
}

Document host_document(const HostInfo& h)
{
    return {{"hostname", h.hostname},
            {"kernel_release", h.kernel_release},
            {"os",
             {{"id", or_null(h.os.id)},
              {"version_id", or_null(h.os.version_id)},
              {"pretty_name", or_null(h.os.pretty_name)}}},
            {"lockdown", or_null(h.lockdown)}};
}

Document pci_document(const PciIdentity& p)
{
    return {{"address", p.address},
            {"vendor_id", or_null(p.vendor_id)},
            {"device_id", or_null(p.device_id)},
            {"subsystem_vendor_id", or_null(p.subsystem_vendor_id)},
            {"subsystem_device_id", or_null(p.subsystem_device_id)},
            {"revision", or_null(p.revision)},
            {"class", or_null(p.device_class)},
            {"numa_node", or_null(p.numa_node)},
            {"link", {{"speed", or_null(p.link.speed)}, {"width", or_null(p.link.width)}}}};
}

Document parent_document(const std::optional<ParentIdentity>& parent)
{
    if (!parent) {
        return nullptr;
    }
    Document doc = {{"subsystem", parent->subsystem},
                    {"sysname", parent->sysname},
                    {"driver", or_null(parent->driver)}};
    if (parent->pci) {
        doc["pci"] = pci_document(*parent->pci);
    }
    return doc;
}

Document devices_without_fwctl_document(const std::vector<DeviceWithoutFwctl>& list)
{
    Document doc = Document::array();
    for (const auto& d : list) {
        doc.push_back({{"address", d.pci.address},
                       {"driver", d.driver},
                       {"fwctl_driver", d.fwctl_driver},
                       {"reason", d.reason},
                       {"pci", pci_document(d.pci)}});
    }
    return doc;
}

Document notes_document(const std::map<std::string, std::string>& notes)
{
    Document doc = Document::object();
    for (const auto& [key, why] : notes) {
        doc[key] = why;
    }
    return doc;
}

Document info_document(DeviceRecord& d)
{
    if (!d.info) {
        return nullptr;
    }
    Document doc = {{"data_len", d.info->data.size()}, {"data_hex", hex_bytes(d.info->data)}};
    if (!d.sections.info.empty()) {
        doc["decoded"] = std::move(d.sections.info);
    }
    return doc;
}

}  // namespace

std::string_view device_status(const DeviceRecord& device)
{
    if (device.timed_out) {
        return "timed_out";
    }
    if (!device.info) {
        return "failed";
    }
    return device.errors.empty() ? "ok" : "partial";
}

// Built by assignment, not from one braced list: nlohmann::json copies every
// value of an initializer list, std::move()d or not, and the plugins' trees
// and the devices are most of the report (bench/RESULTS.md, peak RSS).
Document device_document(DeviceRecord d)
{
    const auto& id = d.identity;
    Document doc = object_with_room(15);
    doc["name"] = id.name;
    doc["devnode"] = id.devnode;
    doc["dev"] = id.dev;
    doc["type"] = d.info ? device_type_name(d.info->type_id) : "unknown";
    doc["type_id"] = d.info ? Document(d.info->type_id) : Document(nullptr);
    doc["plugin"] = or_null(d.plugin);
    doc["status"] = device_status(d);
    doc["parent"] = parent_document(id.parent);
    doc["info"] = info_document(d);
    doc["firmware"] = std::move(d.sections.firmware);
    doc["config"] = std::move(d.sections.config);
    doc["health"] = std::move(d.sections.health);
    doc["notes"] = notes_document(d.sections.notes);
    doc["errors"] = errors_document(d.errors);
    doc["collection"] = {{"rpcs_sent", d.rpc.sent},
                         {"rpcs_failed", d.rpc.failed},
                         {"rpcs_refused", d.rpc.refused},
                         {"device_time_ms", ms(d.rpc.device_ns)},
                         {"duration_ms", ms(d.duration_ns)}};
    return doc;
}

Document to_document(Snapshot s)
{
    Document devices = Document::array();
    RpcStats total;
    std::uint64_t ok = 0;
    std::uint64_t failed = 0;
    std::uint64_t timed_out = 0;
    for (auto& d : s.devices) {
        total.sent += d.rpc.sent;
        total.failed += d.rpc.failed;
        total.refused += d.rpc.refused;
        total.device_ns += d.rpc.device_ns;
        (device_status(d) == "ok" ? ok : failed) += 1;
        timed_out += d.timed_out ? 1 : 0;
        devices.push_back(device_document(std::move(d)));
    }
    Document doc = object_with_room(16);  // 11 keys; findings and redaction are added later
    doc["schema_version"] = schema_version;
    doc["tool"] = {{"name", tool_name}, {"version", tool_version}};
    doc["collected_at"] = s.collected_at;
    doc["duration_ms"] = s.duration_ns / 1000000;
    doc["host"] = host_document(s.host);
    doc["taint"] = taint_document(s.taint);
    doc["devices"] = std::move(devices);
    doc["devices_without_fwctl"] = devices_without_fwctl_document(s.devices_without_fwctl);
    doc["collection"] = {{"rpcs_sent", total.sent},
                         {"rpcs_failed", total.failed},
                         {"rpcs_refused", total.refused},
                         {"devices_ok", ok},
                         {"devices_failed", failed},
                         {"devices_timed_out", timed_out},
                         {"jobs", s.collection.jobs},
                         {"device_timeout_s", or_null(s.collection.device_timeout_s)},
                         {"max_time_s", or_null(s.collection.max_time_s)},
                         {"device_time_ms", ms(total.device_ns)},
                         {"wall_time_ms", ms(s.collection.devices_ns)}};
    doc["errors"] = errors_document(s.errors);
    doc["notes"] = notes_document(s.notes);
    return doc;
}

bool has_errors(const Snapshot& s)
{
    if (!s.errors.empty()) {
        return true;
    }
    for (const auto& d : s.devices) {
        if (!d.errors.empty()) {
            return true;
        }
    }
    return false;
}

}  // namespace fwctl::report
