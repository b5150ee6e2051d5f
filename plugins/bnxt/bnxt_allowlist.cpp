#include "plugins/bnxt/bnxt_allowlist.hpp"

#include <array>

#include "plugins/bnxt/bnxt_wire.hpp"

namespace fwctl::plugins::bnxt {

namespace {

// struct input: req_type is the first __le16.
FieldMatch req_type_is(std::uint16_t req_type) { return {0, 2, FieldMatch::Order::little, req_type}; }

const std::array<RpcRule, 1>& rules()
{
    static const std::array<RpcRule, 1> table{{
        {"HWRM_VER_GET", 1, {req_type_is(hwrm_ver_get)}, ver_get_in_len, hwrm_max_resp_len},
    }};
    return table;
}

}  // namespace

std::span<const RpcRule> allowlist() { return rules(); }
const RpcRule& ver_get_rule() { return rules()[0]; }

}  // namespace fwctl::plugins::bnxt
