// Firmware latency and hang faults: the lab keys, what emulate_rpc decides, the
// ReplyScheduler, and the whole path as fwctl-sim runs it (one worker thread that
// handles every ioctl, replies completed later from the timer thread).
#include <doctest/doctest.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "tests/sim/reply_scheduler.hpp"
#include "tests/sim/sim_test_util.hpp"

using namespace fwctl::sim;
using namespace fwctl::sim::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kDeviceHead = "devices:\n  - name: fwctl0\n    type: mlx5\n    parent: null\n";

// umockdev's side of fwctl-sim, without umockdev: ONE worker thread runs the handler
// for every client in turn (as umockdev's worker does), and hands each reply to the
// ReplyScheduler as IoctlBridge::finish() does. A client blocks in ask() until its
// reply completes, as a process blocks in ioctl().
class SerialWorker {
public:
    ~SerialWorker() {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        wake_.notify_one();
        thread_.join();
        scheduler_.stop();  // drops hung replies (discarded): their futures see broken_promise
    }

    // Sends one RPC to `dev`; the future is ready when the reply completes.
    std::future<RpcOutcome> ask(const DeviceState& dev, const Bytes& in, uint32_t out_len) {
        auto reply = std::make_shared<std::promise<RpcOutcome>>();
        std::future<RpcOutcome> answer = reply->get_future();
        post([this, &dev, in, out_len, reply] {
            FakeMemory mem;
            mem.input = in;
            RpcOutcome o = emulate_rpc(kernel_, dev, rpc_req(1, uint32_t(in.size()), out_len), mem);
            const uint64_t delay_us = o.delay_us;
            const bool hang = o.hang;
            auto complete = [reply, o = std::move(o)]() mutable { reply->set_value(std::move(o)); };
            if (hang)
                scheduler_.never(std::move(complete));
            else
                scheduler_.at(Clock::now() + std::chrono::microseconds(delay_us), std::move(complete));
        });
        return answer;
    }

private:
    void post(std::function<void()> job) {
        {
            std::lock_guard lock(mutex_);
            jobs_.push_back(std::move(job));
        }
        wake_.notify_one();
    }

    void run() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [&] { return done_ || !jobs_.empty(); });
            if (jobs_.empty())
                return;
            auto job = std::move(jobs_.front());
            jobs_.pop_front();
            lock.unlock();
            job();
            lock.lock();
        }
    }

    KernelState kernel_{0, true};
    ReplyScheduler scheduler_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    bool done_ = false;
    std::thread thread_{[this] { run(); }};
};

// Two mlx5 devices of one lab, both with `latency`.
Lab two_devices(const std::string& lab_keys, const std::string& second_device_keys = "") {
    const std::string text = lab_keys +
                             "devices:\n"
                             "  - {name: fwctl0, type: mlx5, parent: null}\n"
                             "  - name: fwctl1\n    type: mlx5\n    parent: null\n" +
                             second_device_keys;
    auto lab = parse_lab(text, "t.yaml");
    if (!lab)
        FAIL("lab did not parse: " << lab.error());
    return *lab;
}

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("latency_us: the lab's value is every device's default, a device may override it") {
    const Lab lab = two_devices("latency_us: 500\n", "    latency_us: 20\n");
    CHECK(lab.devices[0].state.latency_us == 500);
    CHECK(lab.devices[1].state.latency_us == 20);
    CHECK(two_devices("").devices[0].state.latency_us == 0);  // test labs stay fast
    CHECK(lab_error("latency_us: 60000001\ndevices: []\n").find("60000000") != std::string::npos);
}

TEST_CASE("faults.hang and a reply's hang: true parse; anything else is a lab error") {
    CHECK(device_of("mlx5", "    faults: {hang: rpc}\n").hang == HangFault::rpc);
    CHECK(device_of("mlx5", "    faults: {hang: all}\n").hang == HangFault::all);
    CHECK(device_of("mlx5").hang == HangFault::none);
    CHECK(device_of("mlx5", "    replies: [{match: \"0101\", hang: true}]\n").replies.at(0).hang);
    CHECK(lab_error(kDeviceHead + "    faults: {hang: sometimes}\n")
              .find("hang must be 'rpc', 'all' or 'none'") != std::string::npos);
    CHECK(lab_error(kDeviceHead + "    replies: [{match: \"\", hang: true, errno: EIO}]\n")
              .find("exactly one of") != std::string::npos);
}

TEST_CASE("emulate_rpc: the firmware latency delays what reaches the driver, not the kernel's checks") {
    const DeviceState dev = device_of("mlx5", R"(    latency_us: 500
    replies:
      - {match: "010c", reply_hex: "00", delay_ms: 3}
)");
    CHECK(call(dev, 1, mlx5_mbox(0x101), 272).delay_us == 500);
    CHECK(call(dev, 1, mlx5_mbox(0x0fff), 16).delay_us == 500);  // the driver's refusal too
    CHECK(call(dev, 1, mlx5_mbox(0x10c), 272).delay_us == 3500);  // a reply's delay adds
    KernelState kernel(0, true);
    FakeMemory mem;
    CHECK(emulate_rpc(kernel, dev, rpc_req(4, 16, 16), mem).delay_us == 0);  // bad scope
    CHECK(emulate_info(dev, info_req(8), mem).err == 0);
    CHECK_FALSE(emulate_info(dev, info_req(8), mem).hang);
}

TEST_CASE("emulate_rpc: hang faults stop the firmware; the kernel's checks still answer") {
    const DeviceState rpc_hangs = device_of("mlx5", "    faults: {hang: rpc}\n");
    CHECK(call(rpc_hangs, 1, mlx5_mbox(0x101), 272).hang);
    KernelState kernel(0, true);
    FakeMemory mem;
    CHECK_FALSE(emulate_rpc(kernel, rpc_hangs, rpc_req(4, 16, 16), mem).hang);
    CHECK_FALSE(emulate_info(rpc_hangs, info_req(8), mem).hang);

    const DeviceState all_hang = device_of("mlx5", "    faults: {hang: all}\n");
    CHECK(emulate_info(all_hang, info_req(8), mem).hang);
    CHECK_FALSE(emulate_info(all_hang, info_req(8, 16), mem).hang);  // EINVAL first

    const DeviceState one_command = device_of("mlx5", "    replies: [{match: \"0101\", hang: true}]\n");
    CHECK(call(one_command, 1, mlx5_mbox(0x101), 272).hang);
    CHECK_FALSE(call(one_command, 1, mlx5_mbox(0x10c), 272).hang);
}

TEST_CASE("ReplyScheduler runs completions in deadline order, not in arrival order") {
    ReplyScheduler scheduler;
    std::mutex mutex;
    std::vector<int> order;
    std::promise<void> all_done;
    auto record = [&](int n) {
        return [&, n] {
            std::lock_guard lock(mutex);
            order.push_back(n);
            if (order.size() == 3)
                all_done.set_value();
        };
    };
    const auto now = Clock::now();
    scheduler.at(now + 60ms, record(3));
    scheduler.at(now + 20ms, record(1));
    scheduler.at(now + 40ms, record(2));
    REQUIRE(all_done.get_future().wait_for(5s) == std::future_status::ready);
    CHECK(order == std::vector<int>{1, 2, 3});
    CHECK(scheduler.pending() == 0);
}

TEST_CASE("ReplyScheduler::stop hands back pending and held completions without running them") {
    std::atomic<int> ran{0};
    auto owned = std::make_shared<int>(0);  // stands for the umockdev client reference
    {
        ReplyScheduler scheduler;
        scheduler.at(Clock::now() + 1h, [&ran, owned] { ++ran; });
        scheduler.never([&ran, owned] { ++ran; });
        CHECK(owned.use_count() == 3);
        auto unanswered = scheduler.stop();
        CHECK(unanswered.size() == 2);
        CHECK(scheduler.pending() == 0);
        CHECK(owned.use_count() == 3);  // the caller decides when to release them
    }
    CHECK(owned.use_count() == 1);
    CHECK(ran == 0);
}

TEST_CASE("a destroyed ReplyScheduler releases what it still holds") {
    auto owned = std::make_shared<int>(0);
    {
        ReplyScheduler scheduler;
        scheduler.never([owned] {});
    }
    CHECK(owned.use_count() == 1);
}

TEST_CASE("with latency L, two devices asked at once from two threads both answer in about L, not 2L") {
    // A functional check that replies overlap while one worker handles every request;
    // the bound is generous so a loaded machine does not make it flaky.
    constexpr auto kLatency = 200ms;
    const Lab lab = two_devices("latency_us: 200000\n");
    SerialWorker worker;
    double elapsed_ms[2] = {0, 0};
    int errs[2] = {-1, -1};
    const auto start = Clock::now();
    std::thread clients[2];
    for (int i = 0; i < 2; ++i)
        clients[i] = std::thread([&, i] {
            errs[i] = worker.ask(lab.devices[i].state, mlx5_mbox(0x101), 272).get().err;
            elapsed_ms[i] = ms_since(start);
        });
    for (auto& t : clients)
        t.join();
    const double l_ms = std::chrono::duration<double, std::milli>(kLatency).count();
    for (int i = 0; i < 2; ++i) {
        CAPTURE(i);
        CHECK(errs[i] == 0);
        CHECK(elapsed_ms[i] >= l_ms * 0.95);
        CHECK(elapsed_ms[i] < l_ms * 1.7);
    }
}

TEST_CASE("a hang fault blocks only that device") {
    const Lab lab = two_devices("latency_us: 200000\n", "    faults: {hang: rpc}\n");
    SerialWorker worker;
    auto hung = worker.ask(lab.devices[1].state, mlx5_mbox(0x101), 272);
    const auto start = Clock::now();
    auto fine = worker.ask(lab.devices[0].state, mlx5_mbox(0x101), 272);
    REQUIRE(fine.wait_for(5s) == std::future_status::ready);
    CHECK(fine.get().err == 0);
    CHECK(ms_since(start) < 200 * 1.7);
    CHECK(hung.wait_for(300ms) == std::future_status::timeout);
    // Later requests to the healthy device are not queued behind the hung one either.
    CHECK(worker.ask(lab.devices[0].state, mlx5_mbox(0x101), 272).wait_for(5s) ==
          std::future_status::ready);
}
