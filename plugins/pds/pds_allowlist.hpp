// pds (AMD/Pensando) has no RPC that is known to be read-only: its firmware
// operations include writes at scope 0 and no public list separates them.
// So the allowlist is empty and the guard refuses every pds RPC.
#pragma once

#include <span>

#include "collector/rpc_guard.hpp"

namespace fwctl::plugins::pds {
std::span<const RpcRule> allowlist();
}
