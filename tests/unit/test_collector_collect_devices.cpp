// The coordinator without devices: identities whose node does not exist fail
// at open() at once, which is enough to see ordering, callbacks and the run limit.
#include <doctest/doctest.h>

#include <algorithm>

#include "collector/collect.hpp"
#include "collector/collect_devices.hpp"

using namespace fwctl;

namespace {

std::vector<DeviceIdentity> missing_devices(std::size_t n)
{
    std::vector<DeviceIdentity> devices(n);
    for (std::size_t i = 0; i < n; ++i) {
        devices[i].name = "fwctl" + std::to_string(i);
        devices[i].devnode = "/nonexistent/fwctl/fwctl" + std::to_string(i);
    }
    return devices;
}

}  // namespace

TEST_CASE("collect_devices: records come back in the given order whatever the job count, each reported once")
{
    for (unsigned jobs : {1u, 3u, 16u}) {
        CAPTURE(jobs);
        DeviceSchedule schedule;
        schedule.jobs = jobs;
        schedule.device_timeout = std::chrono::seconds(5);
        std::vector<std::size_t> done;
        schedule.on_device_done = [&](std::size_t index, const DeviceRecord&) { done.push_back(index); };
        const auto collected = collect_devices(missing_devices(10), {}, schedule);
        REQUIRE(collected.records.size() == 10);
        CHECK(collected.abandoned == 0);
        for (std::size_t i = 0; i < 10; ++i) {
            CHECK(collected.records[i].identity.name == "fwctl" + std::to_string(i));
            CHECK_FALSE(collected.records[i].timed_out);
            REQUIRE(collected.records[i].errors.size() == 1);
            CHECK(collected.records[i].errors[0].stage == "open");
        }
        std::sort(done.begin(), done.end());
        CHECK(done == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    }
}

TEST_CASE("collect_devices: once the run's limit has passed no device is started, and each says so")
{
    DeviceSchedule schedule;
    schedule.jobs = 2;
    schedule.run_deadline = std::chrono::steady_clock::now();
    schedule.run_deadline_text = "the run's time limit (--max-time 1 s)";
    const auto collected = collect_devices(missing_devices(3), {}, schedule);
    REQUIRE(collected.records.size() == 3);
    for (const auto& record : collected.records) {
        CHECK(record.timed_out);
        REQUIRE(record.errors.size() == 1);
        CHECK(record.errors[0].stage == "timeout");
        CHECK(record.errors[0].sys_errno == ETIMEDOUT);
        CHECK(record.errors[0].message == "not collected: the run's time limit (--max-time 1 s) passed before "
                                          "this device's turn");
        CHECK(record.sections.notes.contains("firmware"));
    }
}

TEST_CASE("collect: the default job count is the device count, at least 1 and at most 4")
{
    CHECK(default_jobs(0) == 1);
    CHECK(default_jobs(1) == 1);
    CHECK(default_jobs(3) == 3);
    CHECK(default_jobs(6) == 4);
    CHECK(default_jobs(256) == 4);
}
