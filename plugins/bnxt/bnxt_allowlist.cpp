#include "plugins/bnxt/bnxt_allowlist.hpp"

#include <array>

#include "plugins/bnxt/bnxt_wire.hpp"

namespace fwctl::plugins::bnxt {

namespace {

// struct input: req_type is the first __le16.
FieldMatch req_type_is(std::uint16_t req_type) { return {0, 2, FieldMatch::Order::little, req_type}; }

// One rule per command, all read-only queries in hsi.h and in the driver's
// DEBUG_READ_ONLY list (drivers/fwctl/bnxt/main.c bnxtctl_validate_rpc).
// Requests are exactly sizeof(hwrm_*_input); replies get HWRM_MAX_RESP_LEN.
const std::array<RpcRule, 5>& rules()
{
    static const std::array<RpcRule, 5> table{{
        {"HWRM_VER_GET", 1, {req_type_is(hwrm_ver_get)}, ver_get_in_len, hwrm_max_resp_len},
        {"HWRM_NVM_GET_DEV_INFO", 1, {req_type_is(hwrm_nvm_get_dev_info)}, nvm_get_dev_info_in_len,
         hwrm_max_resp_len},
        {"HWRM_FW_QSTATUS", 1, {req_type_is(hwrm_fw_qstatus)}, fw_qstatus_in_len, hwrm_max_resp_len},
        {"HWRM_FW_HEALTH_CHECK", 1, {req_type_is(hwrm_fw_health_check)}, fw_health_check_in_len,
         hwrm_max_resp_len},
        {"HWRM_TEMP_MONITOR_QUERY", 1, {req_type_is(hwrm_temp_monitor_query)}, temp_monitor_query_in_len,
         hwrm_max_resp_len},
    }};
    return table;
}

}  // namespace

std::span<const RpcRule> allowlist() { return rules(); }
const RpcRule& ver_get_rule() { return rules()[0]; }
const RpcRule& nvm_get_dev_info_rule() { return rules()[1]; }
const RpcRule& fw_qstatus_rule() { return rules()[2]; }
const RpcRule& fw_health_check_rule() { return rules()[3]; }
const RpcRule& temp_monitor_query_rule() { return rules()[4]; }

}  // namespace fwctl::plugins::bnxt
