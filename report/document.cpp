#include "report/document.hpp"

#include <cmath>

#include "collector/device_type.hpp"
#include "collector/errno_name.hpp"
#include "collector/hex.hpp"
#include "collector/taint.hpp"
#include "report/generated/version.hpp"

namespace fwctl::report {

namespace {

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

Document info_document(const DeviceRecord& d)
{
    if (!d.info) {
        return nullptr;
    }
    Document doc = {{"data_len", d.info->data.size()}, {"data_hex", hex_bytes(d.info->data)}};
    if (!d.sections.info.empty()) {
        doc["decoded"] = d.sections.info;
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

Document device_document(const DeviceRecord& d)
{
    const auto& id = d.identity;
    return {{"name", id.name},
            {"devnode", id.devnode},
            {"dev", id.dev},
            {"type", d.info ? device_type_name(d.info->type_id) : "unknown"},
            {"type_id", d.info ? Document(d.info->type_id) : Document(nullptr)},
            {"plugin", or_null(d.plugin)},
            {"status", device_status(d)},
            {"parent", parent_document(id.parent)},
            {"info", info_document(d)},
            {"firmware", d.sections.firmware},
            {"config", d.sections.config},
            {"health", d.sections.health},
            {"notes", notes_document(d.sections.notes)},
            {"errors", errors_document(d.errors)},
            {"collection",
             {{"rpcs_sent", d.rpc.sent},
              {"rpcs_failed", d.rpc.failed},
              {"rpcs_refused", d.rpc.refused},
              {"device_time_ms", ms(d.rpc.device_ns)},
              {"duration_ms", ms(d.duration_ns)}}}};
}

Document to_document(const Snapshot& s)
{
    Document devices = Document::array();
    RpcStats total;
    std::uint64_t ok = 0;
    std::uint64_t failed = 0;
    std::uint64_t timed_out = 0;
    for (const auto& d : s.devices) {
        devices.push_back(device_document(d));
        total.sent += d.rpc.sent;
        total.failed += d.rpc.failed;
        total.refused += d.rpc.refused;
        total.device_ns += d.rpc.device_ns;
        (device_status(d) == "ok" ? ok : failed) += 1;
        timed_out += d.timed_out ? 1 : 0;
    }
    return {{"schema_version", schema_version},
            {"tool", {{"name", tool_name}, {"version", tool_version}}},
            {"collected_at", s.collected_at},
            {"duration_ms", s.duration_ns / 1000000},
            {"host", host_document(s.host)},
            {"taint", taint_document(s.taint)},
            {"devices", devices},
            {"devices_without_fwctl", devices_without_fwctl_document(s.devices_without_fwctl)},
            {"collection",
             {{"rpcs_sent", total.sent},
              {"rpcs_failed", total.failed},
              {"rpcs_refused", total.refused},
              {"devices_ok", ok},
              {"devices_failed", failed},
              {"devices_timed_out", timed_out},
              {"jobs", s.collection.jobs},
              {"device_timeout_s", or_null(s.collection.device_timeout_s)},
              {"max_time_s", or_null(s.collection.max_time_s)},
              {"device_time_ms", ms(total.device_ns)},
              {"wall_time_ms", ms(s.collection.devices_ns)}}},
            {"errors", errors_document(s.errors)},
            {"notes", notes_document(s.notes)}};
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
