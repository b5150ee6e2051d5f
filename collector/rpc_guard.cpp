#include "collector/rpc_guard.hpp"

#include <algorithm>
#include <string>

namespace fwctl {

bool FieldMatch::matches(std::span<const std::uint8_t> request) const noexcept
{
    if (width == 0 || width > 4 || std::size_t{offset} + width > request.size()) {
        return false;
    }
    std::uint32_t got = 0;
    for (unsigned i = 0; i < width; ++i) {
        const unsigned index = order == Order::big ? i : width - 1u - i;
        got = (got << 8) | request[offset + index];
    }
    return got == value;
}

namespace {

bool same_rule(const RpcRule& a, const RpcRule& b)
{
    // Identity first (plugins pass references into their own allowlist); a
    // rule built elsewhere must be equal in every field that matters.
    if (&a == &b) {
        return true;
    }
    if (a.name != b.name || a.scope != b.scope || a.fields.size() != b.fields.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.fields.size(); ++i) {
        const auto& x = a.fields[i];
        const auto& y = b.fields[i];
        if (x.offset != y.offset || x.width != y.width || x.order != y.order || x.value != y.value) {
            return false;
        }
    }
    return a.max_request_len == b.max_request_len && a.max_reply_len == b.max_reply_len;
}

std::string rule_name(const RpcRule& rule)
{
    return std::string(rule.name.empty() ? "unnamed RPC" : rule.name);
}

}  // namespace

Result<void> check_rpc(std::span<const RpcRule> allowlist, const RpcRule& rule,
                       std::span<const std::uint8_t> request, std::size_t reply_capacity)
{
    const std::string where = rule_name(rule);
    if (rule.scope > max_read_only_scope) {
        return fail(Errc::refused_by_guard, where,
                    "scope " + std::to_string(rule.scope) +
                        " is above FWCTL_RPC_DEBUG_READ_ONLY; it would taint the kernel");
    }
    const bool listed = std::any_of(allowlist.begin(), allowlist.end(),
                                    [&](const RpcRule& r) { return same_rule(r, rule); });
    if (!listed) {
        return fail(Errc::refused_by_guard, where, "not in the plugin's read-only allowlist");
    }
    if (rule.fields.empty()) {
        return fail(Errc::refused_by_guard, where, "rule pins no request field");
    }
    for (const auto& field : rule.fields) {
        if (!field.matches(request)) {
            return fail(Errc::refused_by_guard, where,
                        "request bytes at offset " + std::to_string(field.offset) +
                            " do not match the read-only rule");
        }
    }
    if (request.size() > rule.max_request_len) {
        return fail(Errc::refused_by_guard, where, "request longer than the rule allows");
    }
    if (reply_capacity > rule.max_reply_len) {
        return fail(Errc::refused_by_guard, where, "reply buffer larger than the rule allows");
    }
    return {};
}

Result<void> check_allowlist(std::span<const RpcRule> allowlist)
{
    for (const auto& rule : allowlist) {
        if (rule.scope > max_read_only_scope) {
            return fail(Errc::refused_by_guard, rule_name(rule), "allowlist rule above scope 1");
        }
        if (rule.fields.empty()) {
            return fail(Errc::refused_by_guard, rule_name(rule), "allowlist rule pins no field");
        }
    }
    return {};
}

}  // namespace fwctl
