// The `firmware` section: board id (QUERY_ADAPTER), running and stored versions
// (MCQS + MCQI, as the kernel's mlx5_fw_version_query does) and MGIR's build details.
#pragma once

#include <optional>

#include "plugins/mlx5/mlx5_fw_regs.hpp"
#include "plugins/mlx5/mlx5_mailbox.hpp"

namespace fwctl::plugins::mlx5 {

// Fills f.firmware and its notes. Returns MGIR when it was read (health uses its uptime).
std::optional<MgirInfo> read_firmware(Findings& f);

}  // namespace fwctl::plugins::mlx5
