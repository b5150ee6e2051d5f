#include "report/diff/diff_output.hpp"

#include "report/json_access.hpp"

namespace fwctl::report {

namespace {

using nlohmann::ordered_json;

constexpr int diff_format_version = 1;

ordered_json optional_text(const std::optional<std::string>& text)
{
    return text ? ordered_json(*text) : ordered_json(nullptr);
}

ordered_json device_json(const DeviceRef& ref)
{
    return {{"name", ref.name}, {"type", ref.type}, {"address", optional_text(ref.address)},
            {"serial", optional_text(ref.serial)}};
}

ordered_json side_json(const ReportSide& side, const std::string& input)
{
    return {{"input", input},
            {"hostname", side.hostname},
            {"collected_at", side.collected_at},
            {"tool_version", side.tool_version},
            {"kernel_release", side.kernel_release},
            {"devices", side.devices}};
}

ordered_json change_json(const ValueChange& change)
{
    return {{"section", change.section},
            {"key", change.key.empty() ? ordered_json(nullptr) : ordered_json(change.key)},
            {"field", change.field},
            {"a", change.a},
            {"b", change.b}};
}

ordered_json flags_json(const std::vector<TaintFlagRef>& flags)
{
    ordered_json out = ordered_json::array();
    for (const auto& f : flags) {
        out.push_back({{"bit", f.bit}, {"letter", f.letter}, {"name", f.name}});
    }
    return out;
}

ordered_json non_default_side(const std::optional<NonDefaultEntry::Side>& side)
{
    if (!side) {
        return nullptr;
    }
    return {{"value", side->value}, {"non_default", side->non_default}};
}

// ---- table ----

std::string value_text(const nlohmann::json& value)
{
    return display_text(&value, "-");
}

std::string device_label(const DeviceRef& ref)
{
    return ref.name + (ref.address ? "  " + *ref.address : "");
}

std::string what_text(const ValueChange& change)
{
    std::string what = change.section;
    if (!change.key.empty()) {
        what += " " + change.key;
    }
    if (change.field == "present") {
        return what;
    }
    if (change.section == "host") {
        return change.field;
    }
    return what + " " + change.field;
}

std::string presence_text(const nlohmann::json& present)
{
    return present == true ? "present" : "absent";
}

std::string side_line(const char* name, const ReportSide& side, const std::string& input)
{
    return std::string(name) + ": " + input + " (host " + side.hostname + ", collected " + side.collected_at +
           ", fwctl-report " + side.tool_version + ", " + std::to_string(side.devices) + " device" +
           (side.devices == 1 ? "" : "s") + ")";
}

std::string flag_list(const std::vector<TaintFlagRef>& flags)
{
    std::string text;
    for (const auto& f : flags) {
        text += (text.empty() ? "" : ", ") + f.letter + " (" + f.name + ")";
    }
    return text;
}

std::string non_default_text(const std::optional<NonDefaultEntry::Side>& side)
{
    if (!side) {
        return "(absent)";
    }
    return value_text(side->value) + (side->non_default ? " *" : "");
}

}  // namespace

ordered_json diff_document(const DiffResult& diff, const DiffLabels& labels)
{
    ordered_json doc;
    doc["diff_format"] = diff_format_version;
    doc["a"] = side_json(diff.a, labels.a);
    doc["b"] = side_json(diff.b, labels.b);
    doc["differences"] = diff.difference_count();
    doc["host"] = ordered_json::array();
    for (const auto& change : diff.host) {
        doc["host"].push_back({{"field", change.field}, {"a", change.a}, {"b", change.b}});
    }
    doc["taint"] = {{"differs", diff.taint.differs},
                    {"a", {{"before", diff.taint.a_before}, {"after", diff.taint.a_after}}},
                    {"b", {{"before", diff.taint.b_before}, {"after", diff.taint.b_after}}},
                    {"new_flags", flags_json(diff.taint.new_flags)},
                    {"cleared_flags", flags_json(diff.taint.cleared_flags)}};
    doc["devices_added"] = ordered_json::array();
    for (const auto& ref : diff.added) {
        doc["devices_added"].push_back(device_json(ref));
    }
    doc["devices_removed"] = ordered_json::array();
    for (const auto& ref : diff.removed) {
        doc["devices_removed"].push_back(device_json(ref));
    }
    doc["devices_changed"] = ordered_json::array();
    for (const auto& device : diff.changed) {
        ordered_json changes = ordered_json::array();
        for (const auto& change : device.changes) {
            changes.push_back(change_json(change));
        }
        doc["devices_changed"].push_back({{"a", device_json(device.a)},
                                          {"b", device_json(device.b)},
                                          {"matched_by", device.matched_by},
                                          {"changes", std::move(changes)}});
    }
    doc["non_default"] = ordered_json::array();
    for (const auto& entry : diff.non_default) {
        doc["non_default"].push_back({{"device", device_json(entry.device)},
                                      {"key", entry.key},
                                      {"id", entry.id},
                                      {"default", entry.default_value},
                                      {"a", non_default_side(entry.a)},
                                      {"b", non_default_side(entry.b)}});
    }
    return doc;
}

std::string render_diff_table(const DiffResult& diff, const DiffLabels& labels, const DiffTableOptions& options)
{
    const bool colour = options.colour;
    std::string out;
    for (const auto& block : options.lead) {
        out += render_block(block, colour) + "\n";
    }
    out += render_block({"", {{side_line("A", diff.a, labels.a)}, {side_line("B", diff.b, labels.b)}}}, colour);
    out += "\n";

    TextTable table({"WHERE", "WHAT", "A", "B"});
    for (const auto& change : diff.host) {
        table.add_row({{"host"}, {what_text(change)}, {value_text(change.a)}, {value_text(change.b), Tone::warn}});
    }
    if (diff.taint.differs) {
        if (diff.taint.a_before != diff.taint.b_before) {
            table.add_row({{"host"}, {"taint before"}, {diff.taint.a_before}, {diff.taint.b_before, Tone::warn}});
        }
        table.add_row({{"host"}, {"taint after"}, {diff.taint.a_after}, {diff.taint.b_after, Tone::warn}});
    }
    for (const auto& ref : diff.removed) {
        table.add_row({{device_label(ref)}, {"device " + ref.type}, {"present"}, {"absent", Tone::bad}});
    }
    for (const auto& ref : diff.added) {
        table.add_row({{device_label(ref)}, {"device " + ref.type}, {"absent"}, {"present", Tone::good}});
    }
    for (const auto& device : diff.changed) {
        for (const auto& change : device.changes) {
            const bool presence = change.field == "present";
            table.add_row({{device_label(device.b)},
                           {what_text(change)},
                           {presence ? presence_text(change.a) : value_text(change.a)},
                           {presence ? presence_text(change.b) : value_text(change.b), Tone::warn}});
        }
    }

    const std::size_t count = diff.difference_count();
    if (count == 0) {
        out += paint("No differences.", Tone::good, colour) + "\n";
    } else {
        out += std::to_string(count) + (count == 1 ? " difference:\n" : " differences:\n");
        out += table.render(colour, 2);
    }
    if (!diff.taint.new_flags.empty()) {
        out += paint(terminal_safe("Taint set in B but not in A: " + flag_list(diff.taint.new_flags)), Tone::bad,
                     colour) +
               "\n";
    }
    if (!diff.taint.cleared_flags.empty()) {
        out += terminal_safe("Taint set in A but not in B: " + flag_list(diff.taint.cleared_flags)) + "\n";
    }

    if (!diff.non_default.empty()) {
        TextTable context({"DEVICE", "ITEM", "DEFAULT", "A", "B"});
        for (const auto& entry : diff.non_default) {
            context.add_row({{device_label(entry.device)},
                             {entry.key},
                             {value_text(entry.default_value)},
                             {non_default_text(entry.a)},
                             {non_default_text(entry.b)}});
        }
        out += "\nConfiguration that differs from its default (* = non-default in that report):\n";
        out += context.render(colour, 2);
    }
    return out;
}

}  // namespace fwctl::report
