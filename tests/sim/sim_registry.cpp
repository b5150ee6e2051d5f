#include "tests/sim/sim_registry.hpp"

#include <array>

namespace fwctl::sim {
namespace {

// Function-local statics in each module file make this safe to build at first use.
const std::array<const SimModule*, 4>& modules() {
    static const std::array<const SimModule*, 4> list{
        &mlx5_sim_module(),
        &cxl_sim_module(),
        &bnxt_sim_module(),
        &pds_sim_module(),
    };
    return list;
}

}  // namespace

std::span<const SimModule* const> sim_modules() { return modules(); }

const SimModule& sim_module_for_type(uint32_t type_id) {
    for (const SimModule* m : modules())
        if (m->type_id() == type_id)
            return *m;
    return generic_sim_module();
}

const SimModule* sim_module_by_name(std::string_view name) {
    for (const SimModule* m : modules())
        if (m->name() == name)
            return m;
    return nullptr;
}

}  // namespace fwctl::sim
