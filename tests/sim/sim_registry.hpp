// The one list of emulated drivers, keyed by fwctl device type (like plugins/registry).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "tests/sim/sim_module.hpp"

namespace fwctl::sim {

// All vendor modules (not the generic one), in device-type order.
std::span<const SimModule* const> sim_modules();

// The module for a device type; the generic module for types no driver claims.
const SimModule& sim_module_for_type(uint32_t type_id);

// The module for a lab `type:` name ("mlx5"); nullptr if no module has that name.
const SimModule* sim_module_by_name(std::string_view name);

}  // namespace fwctl::sim
