// The RPC log: one JSON object per line for every ioctl the emulated devices receive,
// appended and flushed at once, so a test can read it while the tool still runs and
// assert facts such as "every RPC had scope <= 1" or "no FW_RESET was ever sent".
// Field list: tests/sim/README.md.
#pragma once

#include <cstdint>
#include <expected>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/sim/kernel_sim.hpp"

namespace fwctl::sim {

// Requests are logged in hex up to this many bytes (then "request_truncated": true).
inline constexpr size_t kMaxLoggedRequest = 65536;

nlohmann::ordered_json info_record(const DeviceState& dev, unsigned long request,
                                   const struct fwctl_info& sent, const InfoOutcome& outcome);
nlohmann::ordered_json rpc_record(const DeviceState& dev, unsigned long request,
                                  const struct fwctl_rpc& sent, const RpcOutcome& outcome,
                                  uint64_t taint_after);
nlohmann::ordered_json other_record(const DeviceState& dev, unsigned long request, int err);

class RpcLog {
public:
    // Opens `path` for appending (created 0644 if missing, close-on-exec).
    static std::expected<std::unique_ptr<RpcLog>, std::string> open(const std::string& path);
    ~RpcLog();
    RpcLog(const RpcLog&) = delete;
    RpcLog& operator=(const RpcLog&) = delete;

    // Puts "seq" first, then writes the line with one write(2). Thread-safe.
    void append(nlohmann::ordered_json record);

private:
    explicit RpcLog(int fd) : fd_(fd) {}
    std::mutex mutex_;
    int fd_;
    uint64_t seq_ = 0;
};

}  // namespace fwctl::sim
