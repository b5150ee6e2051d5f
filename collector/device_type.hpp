// fwctl device type ids (enum fwctl_device_type) and their report names.
#pragma once

#include <cstdint>
#include <string_view>

namespace fwctl {

// "mlx5", "cxl", "bnxt", "pds"; "unknown" for any other id.
constexpr std::string_view device_type_name(std::uint32_t type_id)
{
    switch (type_id) {
    case 1: return "mlx5";
    case 2: return "cxl";
    case 3: return "bnxt";
    case 4: return "pds";
    default: return "unknown";
    }
}

}  // namespace fwctl
