#include "report/summary.hpp"

#include <set>

#include "report/json_access.hpp"

namespace fwctl::report {

namespace {

using nlohmann::json;

// Shown where the report does not know a value (null, or a missing key).
constexpr std::string_view unknown = "?";
// Shown where there is nothing: no staged firmware, no configuration read.
constexpr std::string_view nothing = "-";

std::string location_of(const json& device)
{
    if (const json* address = at(device, {"parent", "pci", "address"}); address && address->is_string()) {
        return address->get<std::string>();
    }
    return text_or(at(device, {"parent", "sysname"}), nothing);
}

Cell running_firmware(const json& device)
{
    const json* running = at(device, {"firmware", "running"});
    return {running && running->is_string() ? running->get<std::string>() : std::string(unknown)};
}

// The stored version when it waits for activation; "-" when nothing waits.
Cell pending_firmware(const json& device)
{
    const json* pending = at(device, {"firmware", "pending_activation"});
    const json* stored = at(device, {"firmware", "stored"});
    if (pending && pending->is_boolean()) {
        if (!pending->get<bool>()) {
            return {std::string(nothing)};
        }
        return {text_or(stored, "yes"), Tone::warn};
    }
    return {std::string(unknown)};
}

Cell non_default_count(const json& device)
{
    const json& config = array_or_empty(member(&device, "config"));
    if (config.empty()) {
        return {std::string(nothing)};
    }
    std::size_t count = 0;
    for (const auto& entry : config) {
        const json* differs = member(&entry, "differs_from_default");
        count += differs && differs->is_boolean() && differs->get<bool>() ? 1 : 0;
    }
    return {std::to_string(count)};
}

Cell error_count(const json& device)
{
    const std::size_t count = array_or_empty(member(&device, "errors")).size();
    return {std::to_string(count), count > 0 ? Tone::bad : Tone::plain};
}

Cell device_name(const json& device)
{
    const std::string status = text_or(member(&device, "status"));
    const Tone tone = status == "failed" ? Tone::bad : status == "partial" ? Tone::warn : Tone::plain;
    return {text_or(member(&device, "name"), unknown), tone};
}

std::set<long long> taint_bits(const json* snapshot)
{
    std::set<long long> bits;
    for (const auto& flag : array_or_empty(member(snapshot, "flags"))) {
        if (const json* bit = member(&flag, "bit"); bit && bit->is_number_integer()) {
            bits.insert(bit->get<long long>());
        }
    }
    return bits;
}

// A snapshot the run could read: an object with a list of flags (null means unreadable).
bool readable(const json* snapshot)
{
    const json* flags = member(snapshot, "flags");
    return flags != nullptr && flags->is_array();
}

}  // namespace

std::string taint_letters(const json* snapshot)
{
    if (!readable(snapshot)) {
        return "unreadable";
    }
    std::string letters;
    for (const auto& flag : array_or_empty(member(snapshot, "flags"))) {
        letters += (letters.empty() ? "" : " ") + text_or(member(&flag, "letter"), "?");
    }
    return letters.empty() ? "none" : letters;
}

std::string taint_line(const json& doc)
{
    const json* before = at(doc, {"taint", "before"});
    const json* after = at(doc, {"taint", "after"});
    std::string line = "taint: before " + taint_letters(before) + ", after " + taint_letters(after);
    if (!readable(before) || !readable(after)) {
        return line;
    }
    const auto old_bits = taint_bits(before);
    std::string added;
    for (const auto& flag : array_or_empty(member(after, "flags"))) {
        const json* bit = member(&flag, "bit");
        if (bit && bit->is_number_integer() && !old_bits.contains(bit->get<long long>())) {
            added += (added.empty() ? "" : ", ") + text_or(member(&flag, "letter"), "?") + " (" +
                     text_or(member(&flag, "name"), "?") + ")";
        }
    }
    if (!added.empty()) {
        return line + "; set during the run: " + added;
    }
    return line + (old_bits == taint_bits(after) ? "; unchanged during the run" : "; changed during the run");
}

std::string render_summary(const json& doc, const SummaryOptions& options)
{
    std::string out;
    for (const auto& block : options.lead) {
        out += render_block(block, options.colour) + "\n";
    }
    const json& devices = array_or_empty(member(&doc, "devices"));
    out += terminal_safe("host " + text_or(at(doc, {"host", "hostname"}), unknown) + ", kernel " +
                         text_or(at(doc, {"host", "kernel_release"}), unknown) + ", " +
                         std::to_string(devices.size()) + " fwctl device" + (devices.size() == 1 ? "" : "s")) +
           "\n\n";

    bool any_unknown = false;
    if (devices.empty()) {
        out += terminal_safe("no fwctl devices: " + text_or(at(doc, {"notes", "devices"}), "none found")) + "\n";
    } else {
        TextTable table({"DEVICE", "TYPE", "PCI", "RUNNING FW", "PENDING FW", "NON-DEFAULT", "ERRORS"});
        for (const auto& device : devices) {
            std::vector<Cell> row{device_name(device),
                                  {text_or(member(&device, "type"), unknown)},
                                  {location_of(device)},
                                  running_firmware(device),
                                  pending_firmware(device),
                                  non_default_count(device),
                                  error_count(device)};
            for (const auto& cell : row) {
                any_unknown = any_unknown || cell.text == unknown;
            }
            table.add_row(std::move(row));
        }
        out += table.render(options.colour);
    }

    const bool fwctl_tainted = at(doc, {"taint", "fwctl_tainted"}) != nullptr &&
                               *at(doc, {"taint", "fwctl_tainted"}) == true;
    out += "\n" + paint(terminal_safe(taint_line(doc)), fwctl_tainted ? Tone::bad : Tone::plain, options.colour) +
           "\n";
    if (const std::size_t run_errors = array_or_empty(member(&doc, "errors")).size(); run_errors > 0) {
        out += paint("run errors: " + std::to_string(run_errors) + " (see the errors list of the full report)",
                     Tone::bad, options.colour) +
               "\n";
    }
    if (any_unknown) {
        out += "?: not known to the plugin or not readable; the device's notes in the full report say why\n";
    }
    return out;
}

}  // namespace fwctl::report
