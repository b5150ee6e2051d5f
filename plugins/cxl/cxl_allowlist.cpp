#include "plugins/cxl/cxl_allowlist.hpp"

#include <array>
#include <bit>

#include "plugins/cxl/cxl_wire.hpp"

namespace fwctl::plugins::cxl {

namespace {

// struct fwctl_rpc_cxl's header is host-order u32s: opcode @0, op_size @8.
constexpr FieldMatch::Order host_order =
    std::endian::native == std::endian::big ? FieldMatch::Order::big : FieldMatch::Order::little;
FieldMatch u32_at(std::uint16_t offset, std::uint32_t value) { return {offset, 4, host_order, value}; }

const std::array<RpcRule, 1>& rules()
{
    static const std::array<RpcRule, 1> table{{
        {"CXL Get Supported Features", 1,
         {u32_at(0, opcode_get_supported_features), u32_at(8, get_supported_features_op_size)},
         request_len, max_reply_len},
    }};
    return table;
}

}  // namespace

std::span<const RpcRule> allowlist() { return rules(); }
const RpcRule& get_supported_features_rule() { return rules()[0]; }

}  // namespace fwctl::plugins::cxl
