#include "plugins/mlx5/mlx5_allowlist.hpp"

#include <array>

#include "plugins/mlx5/mlx5_wire.hpp"

namespace fwctl::plugins::mlx5 {

namespace {

using Order = FieldMatch::Order;

// Mailbox input header: opcode at bytes 0-1, op_mod at bytes 6-7, big endian.
FieldMatch opcode_is(std::uint16_t opcode) { return {0, 2, Order::big, opcode}; }
FieldMatch op_mod_is(std::uint16_t op_mod) { return {6, 2, Order::big, op_mod}; }

const std::array<RpcRule, 1>& rules()
{
    static const std::array<RpcRule, 1> table{{
        {"QUERY_ADAPTER", 1, {opcode_is(opcode_query_adapter), op_mod_is(0)},
         query_adapter_in_len, query_adapter_out_len},
    }};
    return table;
}

}  // namespace

std::span<const RpcRule> allowlist() { return rules(); }
const RpcRule& query_adapter_rule() { return rules()[0]; }

}  // namespace fwctl::plugins::mlx5
