// The bnxt HWRM requests fwctl-report may send. The bnxt fwctl driver passes
// FW_RESET, FW_SYNC, NVM_FACTORY_DEFAULTS, DBG_ERASE_NVM and more at scope 0
// (CONFIGURATION), so the scope says nothing about what a command does: every
// rule pins req_type (bytes 0-1, little endian) to one query, sent at scope 1
// (DEBUG_READ_ONLY), the lowest scope the driver accepts for these queries.
#pragma once

#include <span>

#include "collector/rpc_guard.hpp"

namespace fwctl::plugins::bnxt {

std::span<const RpcRule> allowlist();

const RpcRule& ver_get_rule();             // HWRM_VER_GET (0x0000)
const RpcRule& nvm_get_dev_info_rule();    // HWRM_NVM_GET_DEV_INFO (0xfff6)
const RpcRule& fw_qstatus_rule();          // HWRM_FW_QSTATUS (0x00c1)
const RpcRule& fw_health_check_rule();     // HWRM_FW_HEALTH_CHECK (0x00c2)
const RpcRule& temp_monitor_query_rule();  // HWRM_TEMP_MONITOR_QUERY (0x00e0)

}  // namespace fwctl::plugins::bnxt
