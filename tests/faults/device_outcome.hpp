// How a device came out of a fault, compared with the same device in the
// clean run: the cells of docs/reliability.md.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace faults {

using nlohmann::ordered_json;

struct DeviceOutcome {
    bool error_names_rpc = false;  // an error entry's `what` is "<device> <rule>"
    std::string error;             // "rpc EIO", "rpc (in-band)", or "none"
    int error_errno = 0;
    std::string message;           // that entry's message
    std::string firmware, config, health;  // kept | partial | lost | empty (empty in the clean run too)
    bool identity_and_info_kept = false;

    std::string sections() const;  // "firmware kept, config lost, health kept"
};

// `rule` is the allowlist rule the fault hit ("" for INFO/open faults).
DeviceOutcome compare_with_clean(const ordered_json& faulted, const ordered_json& clean, const std::string& rule);

}  // namespace faults
