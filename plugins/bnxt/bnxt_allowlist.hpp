// The bnxt HWRM requests fwctl-report may send. The bnxt fwctl driver passes
// FW_RESET, NVM_FACTORY_DEFAULTS, DBG_ERASE_NVM and more at scope 0, so every
// rule pins req_type to a query.
#pragma once

#include <span>

#include "collector/rpc_guard.hpp"

namespace fwctl::plugins::bnxt {

std::span<const RpcRule> allowlist();

const RpcRule& ver_get_rule();  // HWRM_VER_GET (0x0000)

}  // namespace fwctl::plugins::bnxt
