#include <doctest/doctest.h>

#include "collector/device_watch.hpp"

using namespace fwctl;

TEST_CASE("device watch: names the RPC in flight until it returns, and keeps the channel's counts")
{
    DeviceWatch watch;
    DeviceRecord record;
    record.identity.name = "fwctl3";
    watch.publish(record);
    watch.stage("FWCTL_INFO");
    CHECK(watch.progress().in_flight == "FWCTL_INFO");

    CHECK(watch.about_to_send("HWRM_VER_GET"));
    CHECK(watch.progress().in_flight == "HWRM_VER_GET");
    watch.returned(RpcStats{1, 0, 0, 500});
    CHECK(watch.progress().in_flight.empty());

    // A later publish of the record (without counts) keeps the channel's counts.
    record.plugin = "bnxt";
    watch.publish(record);
    const auto progress = watch.progress();
    CHECK(progress.record.identity.name == "fwctl3");
    CHECK(progress.record.plugin == "bnxt");
    CHECK(progress.record.rpc.sent == 1);
    CHECK(progress.record.rpc.device_ns == 500);
}

TEST_CASE("device watch: once cancelled, no RPC may be sent and the last one stays named")
{
    DeviceWatch watch;
    CHECK(watch.about_to_send("HWRM_NVM_GET_DEV_INFO"));
    watch.cancel();
    CHECK(watch.cancelled());
    CHECK(watch.cancel_flag().load());
    CHECK_FALSE(watch.about_to_send("HWRM_FW_QSTATUS"));
    CHECK(watch.progress().in_flight == "HWRM_NVM_GET_DEV_INFO");
}
