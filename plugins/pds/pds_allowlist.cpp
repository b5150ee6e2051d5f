#include "plugins/pds/pds_allowlist.hpp"

namespace fwctl::plugins::pds {
std::span<const RpcRule> allowlist() { return {}; }
}
