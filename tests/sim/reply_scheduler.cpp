#include "tests/sim/reply_scheduler.hpp"

#include <sys/prctl.h>

namespace fwctl::sim {

ReplyScheduler::ReplyScheduler() : thread_([this](std::stop_token stop) { run(stop); }) {}

ReplyScheduler::~ReplyScheduler() { stop(); }  // the completions die with the vector

void ReplyScheduler::at(Clock::time_point when, Completion complete) {
    {
        std::lock_guard lock(mutex_);
        due_.push(Due{when, next_order_++, std::move(complete)});
    }
    wake_.notify_one();  // the new deadline may be earlier than the one being waited for
}

void ReplyScheduler::never(Completion held) {
    std::lock_guard lock(mutex_);
    held_.push_back(std::move(held));
}

size_t ReplyScheduler::pending() const {
    std::lock_guard lock(mutex_);
    return due_.size();
}

std::vector<ReplyScheduler::Completion> ReplyScheduler::stop() {
    if (thread_.joinable()) {
        thread_.request_stop();  // wakes the condition variable waiting with this token
        thread_.join();
    }
    std::vector<Completion> unanswered;
    std::lock_guard lock(mutex_);
    unanswered.swap(held_);
    for (; !due_.empty(); due_.pop())
        unanswered.push_back(std::move(const_cast<Due&>(due_.top()).complete));
    return unanswered;
}

void ReplyScheduler::run(std::stop_token stop) {
    // The default 50 us timer slack would add to every 500 us firmware latency.
    ::prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
    std::unique_lock lock(mutex_);
    while (!stop.stop_requested()) {
        if (due_.empty()) {
            wake_.wait(lock, stop, [&] { return !due_.empty(); });
            continue;
        }
        const Clock::time_point when = due_.top().when;
        if (Clock::now() < when) {
            // Wake early if an earlier deadline is added, or at stop.
            wake_.wait_until(lock, stop, when, [&] { return due_.top().when < when; });
            continue;
        }
        // priority_queue::top() is const: move out through a copy of the handle.
        Completion complete = std::move(const_cast<Due&>(due_.top()).complete);
        due_.pop();
        lock.unlock();  // the completion may take time (it talks to umockdev)
        complete();
        complete = nullptr;  // release what it owns before taking the lock again
        lock.lock();
    }
}

}  // namespace fwctl::sim
