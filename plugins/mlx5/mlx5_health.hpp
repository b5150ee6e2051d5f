// The `health` section: the device temperature (MTMP sensor 0, the ASIC) and the
// time since the last reset (MGIR). The firmware refusals of every reader are
// added by Findings::finish() as health.firmware_refusals.
#pragma once

#include <optional>

#include "plugins/mlx5/mlx5_fw_regs.hpp"
#include "plugins/mlx5/mlx5_mailbox.hpp"

namespace fwctl::plugins::mlx5 {

void read_health(Findings& f, const std::optional<MgirInfo>& mgir);

}  // namespace fwctl::plugins::mlx5
