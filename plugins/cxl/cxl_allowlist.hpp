// The CXL Features requests fwctl-report may send: Get Supported Features (0x0500)
// and Get Feature (0x0501), one rule per selection. Set Feature (0x0502) is never listed.
#pragma once

#include <span>

#include "collector/rpc_guard.hpp"
#include "plugins/cxl/cxl_wire.hpp"

namespace fwctl::plugins::cxl {

std::span<const RpcRule> allowlist();

const RpcRule& get_supported_features_rule();
const RpcRule& get_feature_rule(Selection selection);

}  // namespace fwctl::plugins::cxl
