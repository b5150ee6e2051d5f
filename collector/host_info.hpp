// Who the host is: name, kernel, distribution, lockdown mode.
#pragma once

#include <string_view>
#include <vector>

#include "collector/snapshot.hpp"

namespace fwctl {

struct HostResult {
    HostInfo host;
    std::vector<ErrorEntry> errors;  // e.g. no /etc/os-release: fields stay null
};

HostResult read_host_info();

// "[none] integrity confidentiality" -> "none"; nullopt when no mode is selected.
std::optional<std::string> parse_lockdown(std::string_view text);

// KEY=value lines of os-release(5), with shell-style quotes removed.
OsRelease parse_os_release(std::string_view text);

}  // namespace fwctl
