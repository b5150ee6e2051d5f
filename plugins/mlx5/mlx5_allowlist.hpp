// The mlx5 requests fwctl-report may send. The mlx5 fwctl driver passes
// register WRITES (ACCESS_REG op_mod 0) and SET_HCA_CAP at scope 0, so each
// rule pins the opcode and op_mod to read-only values, and every ACCESS_REG
// rule also pins the register id: a rule reads exactly one register.
#pragma once

#include <span>

#include "collector/rpc_guard.hpp"

namespace fwctl::plugins::mlx5 {

std::span<const RpcRule> allowlist();

const RpcRule& query_adapter_rule();  // QUERY_ADAPTER (0x101), op_mod 0
// ACCESS_REG (0x805), op_mod 1 (read), one register each, scope 1.
const RpcRule& mgir_rule();   // 0x9020 general information
const RpcRule& mcqs_rule();   // 0x9060 component query
const RpcRule& mcqi_rule();   // 0x9061 component information
const RpcRule& mnvgc_rule();  // 0x9034 NV general capabilities
const RpcRule& mnvqc_rule();  // 0x9030 NV item capabilities
const RpcRule& mnvda_rule();  // 0x9024 NV item data
const RpcRule& mnvgn_rule();  // 0x9035 NV get next (walk of stored items)
const RpcRule& mtmp_rule();   // 0x900A temperature; mte/mtr pinned to 0

}  // namespace fwctl::plugins::mlx5
