// RpcChannel and its watch, on /dev/null: a character device that answers
// every ioctl with ENOTTY, so nothing is ever sent to real hardware.
#include <doctest/doctest.h>

#include <cerrno>
#include <string>
#include <vector>

#include "collector/device_watch.hpp"
#include "collector/rpc_channel.hpp"
#include "plugins/bnxt/bnxt_allowlist.hpp"
#include "plugins/bnxt/bnxt_wire.hpp"

using namespace fwctl;
namespace bnxt = fwctl::plugins::bnxt;

TEST_CASE("rpc channel: the watch hears of each RPC, and after cancel() nothing more is sent")
{
    auto device = FwctlDevice::open("null0", "/dev/null");
    REQUIRE(device);
    DeviceWatch watch;
    device->set_cancel_flag(&watch.cancel_flag());
    RpcChannel channel(*device, bnxt::allowlist(), &watch);

    const auto delivered = channel.call(bnxt::ver_get_rule(), bnxt::build_ver_get(), bnxt::hwrm_max_resp_len);
    REQUIRE_FALSE(delivered);
    CHECK(delivered.error().sys_errno == ENOTTY);  // it reached the (null) driver
    CHECK(watch.progress().record.rpc.sent == 1);
    CHECK(watch.progress().record.rpc.failed == 1);
    CHECK(watch.progress().in_flight.empty());

    watch.cancel();
    const auto held_back = channel.call(bnxt::ver_get_rule(), bnxt::build_ver_get(), bnxt::hwrm_max_resp_len);
    REQUIRE_FALSE(held_back);
    CHECK(held_back.error().sys_errno == ETIMEDOUT);
    CHECK(held_back.error().where == "null0 HWRM_VER_GET");
    CHECK(channel.stats().sent == 1);  // not sent, and not counted as sent
}
