// The one list of vendor plugins, keyed by fwctl device type.
#pragma once

#include <span>

#include "collector/plugin.hpp"

namespace fwctl::plugins {

// Every plugin, in device-type order. Plugins are stateless singletons.
std::span<const Plugin* const> registry();

}  // namespace fwctl::plugins
