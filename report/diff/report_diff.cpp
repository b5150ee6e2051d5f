#include "report/diff/report_diff.hpp"

#include <map>

#include "report/diff/device_diff.hpp"
#include "report/diff/device_matching.hpp"
#include "report/json_access.hpp"
#include "report/schema_validator.hpp"
#include "report/summary.hpp"

namespace fwctl::report {

namespace {

using nlohmann::json;

ReportSide side_of(const json& doc)
{
    ReportSide side;
    side.hostname = text_or(at(doc, {"host", "hostname"}), "?");
    side.collected_at = text_or(member(&doc, "collected_at"), "?");
    side.tool_version = text_or(at(doc, {"tool", "version"}), "?");
    side.kernel_release = text_or(at(doc, {"host", "kernel_release"}), "?");
    side.devices = array_or_empty(member(&doc, "devices")).size();
    return side;
}

// Host facts that change what the devices do or how they were read. The host
// name is left out: comparing two hosts is what diff is for.
std::vector<ValueChange> compare_hosts(const json& a, const json& b)
{
    struct Field {
        const char* name;
        std::initializer_list<std::string_view> path;
    };
    const Field fields[] = {
        {"kernel_release", {"host", "kernel_release"}},
        {"os", {"host", "os", "pretty_name"}},
        {"lockdown", {"host", "lockdown"}},
        {"tool_version", {"tool", "version"}},
    };
    std::vector<ValueChange> changes;
    for (const auto& field : fields) {
        json va = value_or_null(at(a, field.path));
        json vb = value_or_null(at(b, field.path));
        if (va != vb) {
            changes.push_back({"host", "", field.name, std::move(va), std::move(vb)});
        }
    }
    return changes;
}

// Flags by bit; nullopt when the snapshot is unreadable.
std::optional<std::map<long long, TaintFlagRef>> flags_of(const json* snapshot)
{
    const json* flags = member(snapshot, "flags");
    if (flags == nullptr || !flags->is_array()) {
        return std::nullopt;
    }
    std::map<long long, TaintFlagRef> out;
    for (const auto& flag : *flags) {
        const json* bit = member(&flag, "bit");
        if (bit && bit->is_number_integer()) {
            out[bit->get<long long>()] = {bit->get<long long>(), text_or(member(&flag, "letter"), "?"),
                                          text_or(member(&flag, "name"), "?")};
        }
    }
    return out;
}

bool same_bits(const std::optional<std::map<long long, TaintFlagRef>>& a,
               const std::optional<std::map<long long, TaintFlagRef>>& b)
{
    if (!a || !b) {
        return a.has_value() == b.has_value();
    }
    if (a->size() != b->size()) {
        return false;
    }
    for (const auto& [bit, flag] : *a) {
        if (!b->contains(bit)) {
            return false;
        }
    }
    return true;
}

std::vector<TaintFlagRef> missing_from(const std::optional<std::map<long long, TaintFlagRef>>& flags,
                                       const std::optional<std::map<long long, TaintFlagRef>>& other)
{
    std::vector<TaintFlagRef> out;
    if (!flags || !other) {
        return out;
    }
    for (const auto& [bit, flag] : *flags) {
        if (!other->contains(bit)) {
            out.push_back(flag);
        }
    }
    return out;
}

TaintDiff compare_taint(const json& a, const json& b)
{
    const json* a_before = at(a, {"taint", "before"});
    const json* a_after = at(a, {"taint", "after"});
    const json* b_before = at(b, {"taint", "before"});
    const json* b_after = at(b, {"taint", "after"});
    TaintDiff taint;
    taint.a_before = taint_letters(a_before);
    taint.a_after = taint_letters(a_after);
    taint.b_before = taint_letters(b_before);
    taint.b_after = taint_letters(b_after);
    const auto flags_a = flags_of(a_after);
    const auto flags_b = flags_of(b_after);
    taint.new_flags = missing_from(flags_b, flags_a);
    taint.cleared_flags = missing_from(flags_a, flags_b);
    taint.differs = !same_bits(flags_of(a_before), flags_of(b_before)) || !same_bits(flags_a, flags_b);
    return taint;
}

}  // namespace

std::size_t DiffResult::difference_count() const
{
    std::size_t count = host.size() + added.size() + removed.size() + (taint.differs ? 1 : 0);
    for (const auto& device : changed) {
        count += device.changes.size();
    }
    return count;
}

Result<DiffResult> diff_reports(const json& a, const json& b)
{
    // Everything below tolerates malformed documents, but a report that is
    // not one should be refused with a reason, not half-compared.
    FWCTL_TRY(report_schema().validate_or_error(a, "A"));
    FWCTL_TRY(report_schema().validate_or_error(b, "B"));

    DiffResult result;
    result.a = side_of(a);
    result.b = side_of(b);
    result.host = compare_hosts(a, b);
    result.taint = compare_taint(a, b);

    const json& devices_a = array_or_empty(member(&a, "devices"));
    const json& devices_b = array_or_empty(member(&b, "devices"));
    const DevicePairing pairing = pair_devices(devices_a, devices_b);
    for (const auto& match : pairing.matched) {
        const json& da = devices_a[match.a];
        const json& db = devices_b[match.b];
        auto changes = compare_devices(da, db);
        if (!changes.empty()) {
            result.changed.push_back({device_ref(da), device_ref(db), match.matched_by, std::move(changes)});
        }
        for (auto& entry : non_default_entries(&da, &db)) {
            result.non_default.push_back(std::move(entry));
        }
    }
    for (std::size_t j : pairing.only_b) {
        result.added.push_back(device_ref(devices_b[j]));
        for (auto& entry : non_default_entries(nullptr, &devices_b[j])) {
            result.non_default.push_back(std::move(entry));
        }
    }
    for (std::size_t i : pairing.only_a) {
        result.removed.push_back(device_ref(devices_a[i]));
        for (auto& entry : non_default_entries(&devices_a[i], nullptr)) {
            result.non_default.push_back(std::move(entry));
        }
    }
    return result;
}

}  // namespace fwctl::report
