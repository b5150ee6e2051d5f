#include "collector/collect_devices.hpp"

#include <pthread.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "collector/collect_device.hpp"
#include "collector/device_watch.hpp"
#include "collector/thread_interrupt.hpp"

namespace fwctl {

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<bool> any_abandoned{false};

enum class JobState { waiting, running, interrupted, finished, abandoned };

// Why a device was stopped: its own deadline or the run's.
enum class Limit { device, run };

struct Job {
    DeviceIdentity identity;  // moved to the worker when it starts
    std::shared_ptr<DeviceWatch> watch = std::make_shared<DeviceWatch>();
    JobState state = JobState::waiting;
    Clock::time_point started{};
    Clock::time_point deadline = Clock::time_point::max();
    Clock::time_point grace_end{};
    Limit limit = Limit::device;
    std::string in_flight;  // what was under way at the deadline
    pthread_t thread{};
    // Written by the worker, under Board::mutex.
    bool worker_done = false;
    std::optional<DeviceRecord> result;
};

// Shared by the coordinator and every worker. Owned jointly, so a worker that
// is abandoned and wakes up later still finds it alive.
struct Board {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Job> jobs;
    std::vector<const Plugin*> plugins;
};

std::uint64_t ns_between(Clock::time_point from, Clock::time_point to)
{
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(to - from).count());
}

void work(const std::shared_ptr<Board>& board, std::size_t index, DeviceIdentity identity,
          const std::shared_ptr<DeviceWatch>& watch)
{
    std::optional<DeviceRecord> record;
    try {
        record = collect_device(std::move(identity), board->plugins, watch.get());
    } catch (const std::exception& e) {
        // Only resource exhaustion gets here; the device still gets an entry.
        record = DeviceRecord{};
        record->identity = watch->progress().record.identity;
        record->errors.push_back({"plugin", record->identity.name, 0,
                                  std::string("collection failed unexpectedly: ") + e.what()});
    }
    std::lock_guard lock(board->mutex);
    Job& job = board->jobs[index];
    job.result = std::move(record);
    job.worker_done = true;
    board->changed.notify_all();
}

std::string timeout_what(const DeviceRecord& record, const std::string& in_flight)
{
    return in_flight.empty() ? record.identity.name : record.identity.name + " " + in_flight;
}

std::string limit_text(const Job& job, const DeviceSchedule& schedule)
{
    return job.limit == Limit::device ? schedule.device_timeout_text : schedule.run_deadline_text;
}

void mark_timed_out(DeviceRecord& record, const Job& job, const DeviceSchedule& schedule,
                    bool abandoned)
{
    record.timed_out = true;
    std::string message;
    if (abandoned) {
        message = "no answer within " + limit_text(job, schedule) +
                  (job.in_flight.empty() ? "" : " while waiting for " + job.in_flight) +
                  "; the call could not be interrupted and was abandoned, so this entry holds only what "
                  "was collected before it (identity, FWCTL_INFO, RPC counts)";
        explain_empty_sections(record, "the device did not answer in time; see errors (stage timeout)");
    } else {
        message = "stopped at " + limit_text(job, schedule) +
                  (job.in_flight.empty() ? "" : " while waiting for " + job.in_flight) +
                  "; no further RPC was sent and the sections hold what was collected before";
    }
    record.errors.push_back({"timeout", timeout_what(record, job.in_flight), ETIMEDOUT, message});
}

class Coordinator {
public:
    Coordinator(std::vector<DeviceIdentity> devices, std::span<const Plugin* const> plugins,
                const DeviceSchedule& schedule)
        : board_(std::make_shared<Board>()), schedule_(schedule), records_(devices.size())
    {
        board_->plugins.assign(plugins.begin(), plugins.end());
        board_->jobs.resize(devices.size());
        for (std::size_t i = 0; i < devices.size(); ++i) {
            board_->jobs[i].identity = std::move(devices[i]);
        }
        if (schedule_.device_timeout || schedule_.run_deadline) {
            install_interrupt_handler();
        }
    }

    CollectedDevices run()
    {
        const std::size_t total = board_->jobs.size();
        const unsigned jobs = std::max(1u, schedule_.jobs);
        std::unique_lock lock(board_->mutex);
        while (true) {
            const auto now = Clock::now();
            const bool run_over = schedule_.run_deadline && now >= *schedule_.run_deadline;
            while (!run_over && active_ < jobs && next_ < total) {
                start(next_++, now);
            }
            std::vector<std::size_t> done = advance(now);
            if (!done.empty()) {
                // Progress output may be slow; workers must not wait for it.
                lock.unlock();
                for (std::size_t i : done) {
                    if (schedule_.on_device_done) {
                        schedule_.on_device_done(i, records_[i]);
                    }
                }
                lock.lock();
                continue;
            }
            if (active_ == 0 && (next_ == total || run_over)) {
                break;
            }
            const auto wake = next_wakeup();
            if (wake == Clock::time_point::max()) {
                board_->changed.wait(lock);
            } else {
                board_->changed.wait_until(lock, wake);
            }
        }
        lock.unlock();  // the jobs left are not started: no worker touches them
        for (std::size_t i = next_; i < total; ++i) {
            records_[i] = not_started(board_->jobs[i]);
            if (schedule_.on_device_done) {
                schedule_.on_device_done(i, records_[i]);
            }
        }
        return CollectedDevices{std::move(records_), abandoned_};
    }

private:
    // Under the lock.
    void start(std::size_t index, Clock::time_point now)
    {
        Job& job = board_->jobs[index];
        job.state = JobState::running;
        job.started = now;
        if (schedule_.device_timeout) {
            job.deadline = now + *schedule_.device_timeout;
        }
        if (schedule_.run_deadline && *schedule_.run_deadline < job.deadline) {
            job.deadline = *schedule_.run_deadline;
            job.limit = Limit::run;
        }
        ++active_;
        const std::string name = job.identity.name;
        try {
            std::thread worker(work, board_, index, std::move(job.identity), job.watch);
            job.thread = worker.native_handle();
            worker.detach();  // finished or abandoned, never joined (see the header)
        } catch (const std::exception& e) {
            DeviceRecord record;
            record.identity.name = name;
            record.errors.push_back({"plugin", name, 0,
                                     std::string("cannot start a worker thread: ") + e.what()});
            job.result = std::move(record);
            job.worker_done = true;
        }
    }

    // Under the lock: finishes, interrupts and abandons jobs. Returns the
    // indexes that are now final.
    std::vector<std::size_t> advance(Clock::time_point now)
    {
        std::vector<std::size_t> done;
        for (std::size_t i = 0; i < board_->jobs.size(); ++i) {
            Job& job = board_->jobs[i];
            if (job.state != JobState::running && job.state != JobState::interrupted) {
                continue;
            }
            if (job.worker_done) {
                records_[i] = std::move(*job.result);
                if (job.state == JobState::interrupted) {
                    mark_timed_out(records_[i], job, schedule_, false);
                }
                job.state = JobState::finished;
            } else if (job.state == JobState::running && now >= job.deadline) {
                job.in_flight = job.watch->progress().in_flight;
                job.watch->cancel();
                interrupt_thread(job.thread);  // alive: it has not set worker_done
                job.state = JobState::interrupted;
                job.grace_end = now + schedule_.grace;
                continue;
            } else if (job.state == JobState::interrupted && now >= job.grace_end) {
                records_[i] = job.watch->progress().record;
                records_[i].duration_ns = ns_between(job.started, now);
                mark_timed_out(records_[i], job, schedule_, true);
                job.state = JobState::abandoned;
                ++abandoned_;
                any_abandoned.store(true);
            } else {
                continue;
            }
            --active_;
            done.push_back(i);
        }
        return done;
    }

    Clock::time_point next_wakeup() const
    {
        auto wake = Clock::time_point::max();
        for (const Job& job : board_->jobs) {
            if (job.state == JobState::running) {
                wake = std::min(wake, job.deadline);
            } else if (job.state == JobState::interrupted) {
                wake = std::min(wake, job.grace_end);
            }
        }
        return wake;
    }

    DeviceRecord not_started(Job& job) const
    {
        DeviceRecord record;
        record.identity = std::move(job.identity);
        record.errors = record.identity.errors;
        record.timed_out = true;
        record.errors.push_back({"timeout", record.identity.name, ETIMEDOUT,
                                 "not collected: " + schedule_.run_deadline_text +
                                     " passed before this device's turn"});
        explain_empty_sections(record, "the device was not collected in time; see errors (stage timeout)");
        return record;
    }

    std::shared_ptr<Board> board_;
    const DeviceSchedule& schedule_;
    std::vector<DeviceRecord> records_;
    std::size_t next_ = 0;
    std::size_t active_ = 0;
    std::size_t abandoned_ = 0;
};

}  // namespace

CollectedDevices collect_devices(std::vector<DeviceIdentity> devices, std::span<const Plugin* const> plugins,
                                 const DeviceSchedule& schedule)
{
    return Coordinator(std::move(devices), plugins, schedule).run();
}

bool has_abandoned_workers() noexcept { return any_abandoned.load(); }

}  // namespace fwctl
