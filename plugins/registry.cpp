// Adding a vendor: write plugins/<vendor>/ (see plugins/README.md) and add
// one line here. An explicit table, not self-registration: static libraries
// drop objects nothing references, and a list is easy to review.
#include "plugins/registry.hpp"

#include <array>

#include "plugins/bnxt/bnxt_plugin.hpp"
#include "plugins/cxl/cxl_plugin.hpp"
#include "plugins/mlx5/mlx5_plugin.hpp"
#include "plugins/pds/pds_plugin.hpp"

namespace fwctl::plugins {

std::span<const Plugin* const> registry()
{
    static const mlx5::Mlx5Plugin mlx5_plugin;
    static const cxl::CxlPlugin cxl_plugin;
    static const bnxt::BnxtPlugin bnxt_plugin;
    static const pds::PdsPlugin pds_plugin;
    static const std::array<const Plugin*, 4> table{
        &mlx5_plugin,  // FWCTL_DEVICE_TYPE_MLX5 = 1
        &cxl_plugin,   // FWCTL_DEVICE_TYPE_CXL  = 2
        &bnxt_plugin,  // FWCTL_DEVICE_TYPE_BNXT = 3
        &pds_plugin,   // FWCTL_DEVICE_TYPE_PDS  = 4
    };
    return table;
}

}  // namespace fwctl::plugins
