#include "collector/rpc_channel.hpp"

#include <cerrno>
#include <chrono>

namespace fwctl {

Result<RpcReply> RpcChannel::call(const RpcRule& rule, std::span<const std::uint8_t> request,
                                  std::size_t reply_capacity)
{
    if (auto allowed = check_rpc(allowlist_, rule, request, reply_capacity); !allowed) {
        ++stats_.refused;
        Error error = allowed.error();
        error.where = device_.name() + " " + error.where;
        return std::unexpected(std::move(error));
    }

    if (watch_ != nullptr && !watch_->about_to_send(rule.name)) {
        return fail(Errc::io, device_.name() + " " + std::string(rule.name),
                    "not sent: the device's collection deadline (--timeout) has passed", ETIMEDOUT);
    }

    RpcReply reply;
    reply.bytes.assign(reply_capacity, 0);
    const auto start = std::chrono::steady_clock::now();
    auto raw = device_.rpc_unguarded(rule.scope, request, reply.bytes);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    stats_.device_ns += static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count());
    ++stats_.sent;
    if (!raw) {
        ++stats_.failed;  // counted before the watch hears of it, so its copy is current
    }
    if (watch_ != nullptr) {
        watch_->returned(stats_);
    }

    if (!raw) {
        Error error = raw.error();
        error.where = device_.name() + " " + std::string(rule.name);
        return std::unexpected(std::move(error));
    }
    reply.driver_len = raw->out_len;
    if (raw->out_len < reply.bytes.size()) {
        reply.bytes.resize(raw->out_len);
    }
    return reply;
}

}  // namespace fwctl
