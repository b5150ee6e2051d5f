// The mlx5 requests fwctl-report may send. The mlx5 fwctl driver passes
// register WRITES (ACCESS_REG op_mod 0) and SET_HCA_CAP at scope 0, so each
// rule pins the opcode and op_mod to read-only values.
#pragma once

#include <span>

#include "collector/rpc_guard.hpp"

namespace fwctl::plugins::mlx5 {

std::span<const RpcRule> allowlist();

const RpcRule& query_adapter_rule();  // QUERY_ADAPTER (0x101), op_mod 0

}  // namespace fwctl::plugins::mlx5
