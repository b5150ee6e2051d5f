#include "tests/faults/device_outcome.hpp"

namespace faults {

namespace {

bool empty_section(const ordered_json& s)
{
    return s.is_null() || s.empty();
}

std::string section_state(const ordered_json& faulted, const ordered_json& clean)
{
    if (empty_section(clean)) {
        return empty_section(faulted) ? "empty" : "partial";
    }
    if (faulted == clean) {
        return "kept";
    }
    return empty_section(faulted) ? "lost" : "partial";
}

}  // namespace

std::string DeviceOutcome::sections() const
{
    return "firmware " + firmware + ", config " + config + ", health " + health;
}

DeviceOutcome compare_with_clean(const ordered_json& faulted, const ordered_json& clean, const std::string& rule)
{
    DeviceOutcome o;
    const std::string name = faulted["name"];
    const ordered_json* entry = nullptr;
    for (const auto& e : faulted["errors"]) {
        if (!rule.empty() && e["what"] == name + " " + rule) {
            entry = &e;
            o.error_names_rpc = true;
            break;
        }
    }
    if (entry == nullptr && !faulted["errors"].empty()) {
        entry = &faulted["errors"][0];
        const std::string what = entry->at("what");
        o.error_names_rpc = rule.empty() && (what == name + " FWCTL_INFO" || what == "/dev/fwctl/" + name);
    }
    if (entry == nullptr) {
        o.error = "none";
    } else {
        const auto& errno_name = (*entry)["errno_name"];
        o.error = (*entry)["stage"].get<std::string>() + " " +
                  (errno_name.is_string() ? errno_name.get<std::string>() : std::string("(no errno)"));
        o.error_errno = (*entry)["errno"].is_number() ? (*entry)["errno"].get<int>() : 0;
        o.message = (*entry)["message"];
    }
    o.firmware = section_state(faulted["firmware"], clean["firmware"]);
    o.config = section_state(faulted["config"], clean["config"]);
    o.health = section_state(faulted["health"], clean["health"]);
    o.identity_and_info_kept = faulted["type"] == clean["type"] && faulted["type_id"] == clean["type_id"] &&
                               faulted["info"] == clean["info"] && faulted["plugin"] == clean["plugin"];
    return o;
}

}  // namespace faults
