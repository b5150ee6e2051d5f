#include "collector/collect.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "collector/collect_devices.hpp"
#include "collector/host_info.hpp"
#include "collector/taint.hpp"
#include "collector/elapsed.hpp"

namespace fwctl {

namespace {

using Clock = SteadyClock;

// An empty device list must say why (Rule 2), and what to do next.
std::string explain_no_devices()
{
    std::error_code ec;
    if (!std::filesystem::exists("/sys/class/fwctl", ec)) {
        return "no fwctl devices: /sys/class/fwctl does not exist; the kernel is older than 6.15, "
               "built without CONFIG_FWCTL, or the fwctl core module is not loaded";
    }
    return "no fwctl devices: /sys/class/fwctl is empty; load the vendor's fwctl driver "
           "(mlx5_fwctl, bnxt_fwctl, pds_fwctl; CXL memdevs need Features support)";
}

std::chrono::nanoseconds seconds_to_ns(double seconds)
{
    return std::chrono::nanoseconds(static_cast<std::int64_t>(std::llround(seconds * 1e9)));
}

// "1.5 s" / "10 s": how the limits are named in error messages.
std::string seconds_text(double seconds)
{
    std::ostringstream text;
    text << seconds << " s";
    return text.str();
}

DeviceSchedule make_schedule(const CollectOptions& options, std::size_t devices, Clock::time_point start)
{
    DeviceSchedule schedule;
    schedule.jobs = options.jobs == 0 ? default_jobs(devices) : options.jobs;
    if (options.device_timeout_s && *options.device_timeout_s > 0) {
        schedule.device_timeout = seconds_to_ns(*options.device_timeout_s);
        schedule.device_timeout_text =
            "the per-device deadline (--timeout " + seconds_text(*options.device_timeout_s) + ")";
    }
    if (options.max_time_s && *options.max_time_s > 0) {
        schedule.run_deadline = start + seconds_to_ns(*options.max_time_s);
        schedule.run_deadline_text = "the run's time limit (--max-time " + seconds_text(*options.max_time_s) + ")";
    }
    return schedule;
}

}  // namespace

unsigned default_jobs(std::size_t devices)
{
    return static_cast<unsigned>(std::clamp<std::size_t>(devices, 1, 4));
}

std::string rfc3339_utc(std::chrono::system_clock::time_point when)
{
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

Snapshot collect(std::vector<DeviceIdentity> devices, std::span<const Plugin* const> plugins,
                 const CollectOptions& options)
{
    const auto start = Clock::now();
    Snapshot snapshot;
    snapshot.collected_at = rfc3339_utc(std::chrono::system_clock::now());

    // Host and taint-before are read before any device is touched, taint-after
    // once every device is finished (or abandoned), whatever the job count.
    auto host = read_host_info();
    snapshot.host = std::move(host.host);
    for (auto& e : host.errors) {
        snapshot.errors.push_back(std::move(e));
    }

    auto before = read_kernel_taint(options.taint_path);
    if (before) {
        snapshot.taint.before = *before;
    } else {
        snapshot.errors.push_back(ErrorEntry::from("taint", before.error()));
    }

    if (devices.empty()) {
        snapshot.notes["devices"] = explain_no_devices();
    }
    const std::size_t total = devices.size();
    DeviceSchedule schedule = make_schedule(options, total, start);
    std::size_t done = 0;
    schedule.on_device_done = [&](std::size_t, const DeviceRecord& record) {
        ++done;
        if (options.on_device_done) {
            options.on_device_done(done, total, record.identity.name);
        }
    };
    const auto devices_start = Clock::now();
    auto collected = collect_devices(std::move(devices), plugins, schedule);
    snapshot.devices = std::move(collected.records);
    // The workers actually used: never more than there were devices.
    snapshot.collection.jobs = static_cast<unsigned>(std::clamp<std::size_t>(total, 1, schedule.jobs));
    snapshot.collection.device_timeout_s =
        schedule.device_timeout ? options.device_timeout_s : std::nullopt;
    snapshot.collection.max_time_s = schedule.run_deadline ? options.max_time_s : std::nullopt;
    snapshot.collection.devices_ns = elapsed_ns(devices_start);
    snapshot.collection.abandoned_workers = collected.abandoned;

    auto after = read_kernel_taint(options.taint_path);
    if (after) {
        snapshot.taint.after = *after;
    } else {
        snapshot.errors.push_back(ErrorEntry::from("taint", after.error()));
    }
    snapshot.taint.modules = read_module_taints();
    snapshot.duration_ns = elapsed_ns(start);
    return snapshot;
}

ErrorEntry ErrorEntry::from(std::string stage, const Error& error)
{
    return ErrorEntry{std::move(stage), error.where, error.sys_errno, error.detail};
}

}  // namespace fwctl
