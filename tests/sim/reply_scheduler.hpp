// Completes emulated ioctls later, as firmware answers after its latency, without
// holding the thread that received them.
//
// umockdev serves every emulated ioctl on one worker thread. If the handler slept for
// the firmware latency there, requests to different devices would queue behind each
// other, and N devices would take N times the latency where real hardware overlaps them.
// So the handler does the work at once and hands the completion to this scheduler: one
// timer thread runs each completion when its deadline passes, in deadline order.
// A reply that never comes (a hang fault) is held until stop(), never run.
//
// Pure C++ (no umockdev): the bridge passes a function that completes the umockdev
// client and owns a reference to it; dropping the function releases the reference.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace fwctl::sim {

class ReplyScheduler {
public:
    using Clock = std::chrono::steady_clock;
    using Completion = std::function<void()>;

    ReplyScheduler();
    ~ReplyScheduler();  // stop(), dropping what it returns
    ReplyScheduler(const ReplyScheduler&) = delete;
    ReplyScheduler& operator=(const ReplyScheduler&) = delete;

    // Runs `complete` on the timer thread at `when` (at once if it has passed).
    void at(Clock::time_point when, Completion complete);
    // Keeps `held` (and what it owns) without ever running it, until stop().
    void never(Completion held);
    // Joins the timer thread and hands back every completion that has not run (pending
    // and held), for the caller to keep or drop. Called once the client process is gone.
    std::vector<Completion> stop();

    // How many completions are waiting for their time (for tests).
    size_t pending() const;

private:
    struct Due {
        Clock::time_point when;
        uint64_t order;  // FIFO among equal deadlines
        Completion complete;
        bool operator>(const Due& o) const { return when != o.when ? when > o.when : order > o.order; }
    };
    void run(std::stop_token stop);

    mutable std::mutex mutex_;
    std::condition_variable_any wake_;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> due_;
    std::vector<Completion> held_;
    uint64_t next_order_ = 0;
    std::jthread thread_;  // last: started after the members it uses exist
};

}  // namespace fwctl::sim
