// Rule 1, in one place: which RPCs fwctl-report may ever send.
//
// Scopes 0 and 1 are NOT read-only in the kernel drivers (mlx5 register
// writes, bnxt FW_RESET and pds writes pass at scope 0), so the kernel's scope
// check is not enough. Every plugin declares an allowlist of RpcRules; each
// rule pins the request's opcode (and, where the opcode alone is not enough,
// other fields such as mlx5's op_mod) to read-only values. The guard refuses,
// without any ioctl, a request above FWCTL_RPC_DEBUG_READ_ONLY, a rule that
// is not in the caller's allowlist, or request bytes that do not match the rule.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "collector/error.hpp"

namespace fwctl {

// A fixed value at a fixed place in the request, e.g. "bytes 0-1, big endian,
// equal 0x0805". Requests shorter than the field do not match.
struct FieldMatch {
    enum class Order : std::uint8_t { big, little };
    std::uint16_t offset = 0;
    std::uint8_t width = 0;  // 1, 2 or 4 bytes
    Order order = Order::big;
    std::uint32_t value = 0;

    bool matches(std::span<const std::uint8_t> request) const noexcept;
};

inline constexpr std::uint32_t max_read_only_scope = 1;  // FWCTL_RPC_DEBUG_READ_ONLY

struct RpcRule {
    std::string_view name;        // "ACCESS_REG(MGIR) read", shown in errors and logs
    std::uint32_t scope = 0;      // the scope this request is sent with
    std::vector<FieldMatch> fields;  // all must match
    std::uint32_t max_request_len = 4096;
    std::uint32_t max_reply_len = 64 * 1024;
};

// The decision, with no side effect. `allowlist` is the calling plugin's.
Result<void> check_rpc(std::span<const RpcRule> allowlist, const RpcRule& rule,
                       std::span<const std::uint8_t> request, std::size_t reply_capacity);

// The same checks over a whole allowlist, for the conformance test and for
// plugin registration: every rule must be at scope <= 1 and pin at least one field.
Result<void> check_allowlist(std::span<const RpcRule> allowlist);

}  // namespace fwctl
