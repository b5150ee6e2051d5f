#include "tests/sim/rpc_log.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace fwctl::sim {
namespace {

nlohmann::ordered_json base(const DeviceState& dev, const char* kind, unsigned long request) {
    nlohmann::ordered_json j;
    j["device"] = dev.name;
    j["ioctl"] = kind;
    j["request"] = request;
    return j;
}

void add_result(nlohmann::ordered_json& j, int err) {
    j["result"] = err == 0 ? 0 : -1;
    j["errno"] = err;
    j["errno_name"] = errno_name(err);
}

}  // namespace

nlohmann::ordered_json info_record(const DeviceState& dev, unsigned long request,
                                   const struct fwctl_info& sent, const InfoOutcome& outcome) {
    auto j = base(dev, "INFO", request);
    j["size"] = sent.size;
    j["flags"] = sent.flags;
    j["device_data_len"] = sent.device_data_len;
    add_result(j, outcome.err);
    j["device_type"] = outcome.device_type;
    j["info_len"] = outcome.device_data_len;
    j["hang"] = outcome.hang;
    j["tainted_kernel"] = false;
    return j;
}

nlohmann::ordered_json rpc_record(const DeviceState& dev, unsigned long request,
                                  const struct fwctl_rpc& sent, const RpcOutcome& outcome,
                                  uint64_t taint_after) {
    auto j = base(dev, "RPC", request);
    j["size"] = sent.size;
    j["scope"] = sent.scope;
    j["in_len"] = sent.in_len;
    j["out_len"] = sent.out_len;
    j["op"] = outcome.op;
    const size_t shown = std::min(outcome.request.size(), kMaxLoggedRequest);
    j["request_hex"] = to_hex(std::span(outcome.request).first(shown));
    if (shown < outcome.request.size())
        j["request_truncated"] = true;
    add_result(j, outcome.err);
    j["source"] = outcome.source;
    j["reply_len"] = outcome.err == 0 ? outcome.reply.size() : 0;
    j["delay_ms"] = outcome.delay_ms;
    j["delay_us"] = outcome.delay_us;  // firmware latency + delay_ms: when the reply came
    j["hang"] = outcome.hang;          // true: the reply never came
    j["tainted_kernel"] = outcome.tainted;
    j["taint"] = taint_after;
    return j;
}

nlohmann::ordered_json other_record(const DeviceState& dev, unsigned long request, int err) {
    auto j = base(dev, "OTHER", request);
    add_result(j, err);
    j["tainted_kernel"] = false;
    return j;
}

std::expected<std::unique_ptr<RpcLog>, std::string> RpcLog::open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return std::unexpected(path + ": cannot open the RPC log: " + std::strerror(errno));
    return std::unique_ptr<RpcLog>(new RpcLog(fd));
}

RpcLog::~RpcLog() { ::close(fd_); }

void RpcLog::append(nlohmann::ordered_json record) {
    std::lock_guard lock(mutex_);
    nlohmann::ordered_json line;
    line["seq"] = ++seq_;
    line.update(record);
    // Invalid UTF-8 cannot occur (names are validated ASCII); replace just in case.
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;  // a full disk must not take the emulated device down
        done += static_cast<size_t>(n);
    }
}

}  // namespace fwctl::sim
