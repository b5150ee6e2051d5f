// Runs inside fwctl-sim on tests/labs/sim-timing.yaml (200 ms firmware latency per RPC,
// fwctl2 hangs) and checks, through the real umockdev path, that
//  - replies from two devices asked at once from two threads overlap (each in about
//    L = 200 ms, not 2L): the latency does not hold umockdev's single worker thread;
//  - a hung device blocks only its caller: another device still answers in about L,
//    and INFO on the hung device (no firmware involved) answers at once;
//  - the process can exit while a thread is still blocked on the hung device, and
//    fwctl-sim then exits with its status (the test's timeout catches a stuck teardown).
// The bounds are generous: this is a functional check of overlap, not a benchmark.
#include <chrono>
#include <cstdio>
#include <thread>

#include "tests/sim/probe_util.hpp"

namespace {

using namespace fwctl::probe;
using Bytes = std::vector<uint8_t>;
using Clock = std::chrono::steady_clock;

constexpr double kLatencyMs = 200;
int g_failures = 0;

void check(const char* name, bool ok, const std::string& detail) {
    std::printf("%s %s: %s\n", ok ? "ok" : "FAIL", name, detail.c_str());
    g_failures += ok ? 0 : 1;
}

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// One QUERY_ADAPTER on `dev`; the error (0 on success).
int query_adapter(const std::string& dev) {
    UniqueFd fd(::open(dev.c_str(), O_RDWR | O_CLOEXEC));
    if (!fd)
        return errno;
    Bytes in(16, 0), out(272, 0);
    in[0] = 0x01;
    in[1] = 0x01;
    uint32_t out_len = 0;
    return fwctl_rpc_call(fd.get(), 1, in, out, out_len);
}

void two_devices_overlap() {
    double ms[2] = {0, 0};
    int err[2] = {-1, -1};
    const auto start = Clock::now();
    std::thread a([&] { err[0] = query_adapter("/dev/fwctl/fwctl0"); ms[0] = ms_since(start); });
    std::thread b([&] { err[1] = query_adapter("/dev/fwctl/fwctl1"); ms[1] = ms_since(start); });
    a.join();
    b.join();
    const std::string detail = std::to_string(int(ms[0])) + " ms and " + std::to_string(int(ms[1])) +
                               " ms, L = " + std::to_string(int(kLatencyMs)) + " ms";
    check("two_devices_answer_in_L_not_2L",
          err[0] == 0 && err[1] == 0 && ms[0] >= kLatencyMs * 0.95 && ms[1] >= kLatencyMs * 0.95 &&
              ms[0] < kLatencyMs * 1.7 && ms[1] < kLatencyMs * 1.7,
          detail);
}

void hang_blocks_only_its_device() {
    // Detached on purpose: this thread never returns; the process exits under it.
    std::thread([] { query_adapter("/dev/fwctl/fwctl2"); }).detach();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // its request is in the worker

    const auto start = Clock::now();
    const int err = query_adapter("/dev/fwctl/fwctl0");
    const double ms = ms_since(start);
    check("other_device_answers_while_one_hangs", err == 0 && ms < kLatencyMs * 1.7,
          errno_text(err) + " after " + std::to_string(int(ms)) + " ms");

    UniqueFd fd(::open("/dev/fwctl/fwctl2", O_RDWR | O_CLOEXEC));
    fwctl_info info{};
    info.size = sizeof(info);
    const auto t0 = Clock::now();
    const int info_err = fd ? fwctl_info_call(fd.get(), info) : errno;
    const double info_ms = ms_since(t0);
    check("info_of_rpc_hung_device_answers_at_once", info_err == 0 && info_ms < kLatencyMs / 2,
          errno_text(info_err) + " after " + std::to_string(int(info_ms)) + " ms");
}

}  // namespace

int main() {
    two_devices_overlap();
    hang_blocks_only_its_device();
    std::printf("%s (%d failed)\n", g_failures ? "TIMING PROBE FAILED" : "TIMING PROBE OK", g_failures);
    std::fflush(stdout);
    // A thread is still blocked in ioctl() on fwctl2: leave without running destructors,
    // as a tool that gives up on a device does.
    std::_Exit(g_failures ? 1 : 0);
}
