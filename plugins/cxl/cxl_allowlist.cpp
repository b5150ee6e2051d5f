#include "plugins/cxl/cxl_allowlist.hpp"

#include <array>
#include <bit>

namespace fwctl::plugins::cxl {

namespace {

// struct fwctl_rpc_cxl's header is host-order u32s: opcode @0, op_size @8. The
// kernel rejects a wrong op_size for either Get command (EINVAL), so pinning it
// also pins which payload layout the bytes at 16 follow.
constexpr FieldMatch::Order host_order =
    std::endian::native == std::endian::big ? FieldMatch::Order::big : FieldMatch::Order::little;
FieldMatch u32_at(std::uint16_t offset, std::uint32_t value) { return {offset, 4, host_order, value}; }

// Get Feature reads whatever the selection; the selection byte is pinned anyway, one
// rule per value, so nothing but 0, 1 or 2 can leave the tool and errors name it.
FieldMatch selection_is(Selection s)
{
    return {static_cast<std::uint16_t>(get_feature_selection_offset), 1, FieldMatch::Order::little,
            static_cast<std::uint32_t>(s)};
}

RpcRule get_feature(std::string_view name, Selection s)
{
    return {name, 1, {u32_at(0, opcode_get_feature), u32_at(8, get_feature_op_size), selection_is(s)},
            request_len, max_get_feature_reply_len};
}

const std::array<RpcRule, 4>& rules()
{
    static const std::array<RpcRule, 4> table{{
        {"CXL Get Supported Features", 1,
         {u32_at(0, opcode_get_supported_features), u32_at(8, get_supported_features_op_size)}, request_len,
         max_supported_features_reply_len},
        get_feature("CXL Get Feature (current)", Selection::current),
        get_feature("CXL Get Feature (default)", Selection::default_value),
        get_feature("CXL Get Feature (saved)", Selection::saved),
    }};
    return table;
}

}  // namespace

std::span<const RpcRule> allowlist() { return rules(); }
const RpcRule& get_supported_features_rule() { return rules()[0]; }

const RpcRule& get_feature_rule(Selection selection)
{
    switch (selection) {
    case Selection::current: return rules()[1];
    case Selection::default_value: return rules()[2];
    case Selection::saved: return rules()[3];
    }
    return rules()[1];
}

}  // namespace fwctl::plugins::cxl
