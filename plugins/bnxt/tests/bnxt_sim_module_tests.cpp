// Tests of the bnxt fwctl-sim module's new commands, for sim_core_tests (they
// need fwctl_sim_core, which unit_tests does not link; see plugins/bnxt/README.md).
// The strongest check: for lab state equal to a golden reply's content, the
// module's bytes equal the golden file written independently by
// golden/make_replies.py from the layout documents.
#include <doctest/doctest.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "plugins/bnxt/tests/bnxt_golden.hpp"
#include "tests/sim/sim_test_util.hpp"

using namespace fwctl::sim;
using namespace fwctl::sim::test;

namespace {

Bytes hwrm_request(uint16_t req_type, uint16_t seq_id, size_t len) {
    Bytes b(len, 0);
    put_le16(b, 0, req_type);
    put_le16(b, 2, 0xffff);
    put_le16(b, 4, seq_id);
    put_le16(b, 6, 0xffff);
    return b;
}

Bytes golden_reply(const char* name) {
    return fwctl::plugins::bnxt::testing::golden(name);
}

const std::string kNvm = R"(    state:
      nvm:
        flash_manufacturer_id: 0xc2
        flash_device_id: 0x2539
        sector_size: 4096
        nvram_size: 0x2000000
        reserved_size: 0x10000
        available_size: 0xc8e000
        cfg_version: "0.0.6"
        pkg_name: "231.0.162.0"
        hwrm_fw_version: "231.0.154.0"
        mgmt_fw_version: "231.0.150.0"
        roce_fw_version: "231.0.152.0"
        netctrl_fw_version: "231.0.10.0"
        srt2_fw_version: "1.2.3.4"
        security_soc_fw_version: "5.6.7.8"
)";

}  // namespace

TEST_CASE("bnxt sim: NVM_GET_DEV_INFO equals the golden replies in every layout") {
    const Bytes in = hwrm_request(0xfff6, 2, 24);
    CHECK(call(device_of("bnxt", kNvm), 1, in, 704).reply == golden_reply("nvm_get_dev_info.bin"));
    CHECK(call(device_of("bnxt", kNvm + "        layout: 80\n"), 1, in, 704).reply ==
          golden_reply("nvm_get_dev_info_80.bin"));
    CHECK(call(device_of("bnxt", kNvm + "        layout: 32\n"), 1, in, 704).reply ==
          golden_reply("nvm_get_dev_info_32.bin"));
    std::string no_pkg = kNvm;
    no_pkg.replace(no_pkg.find("        pkg_name"), std::string("        pkg_name: \"231.0.162.0\"\n").size(), "");
    const Bytes reply = call(device_of("bnxt", no_pkg), 1, in, 704).reply;
    CHECK(reply[31] == 0);  // FW_VER_VALID clear
    CHECK(std::equal(reply.begin(), reply.begin() + 31, golden_reply("nvm_get_dev_info_no_fw_ver.bin").begin()));
}

TEST_CASE("bnxt sim: FW_QSTATUS and FW_HEALTH_CHECK equal the golden replies") {
    const DeviceState dev = device_of(
        "bnxt", "    state:\n      fw_qstatus: {selfrst_status: 2, nvm_option_action_status: 3}\n"
                "      fw_health_check: {fw_status: 0x10915}\n");
    CHECK(call(dev, 1, hwrm_request(0x00c1, 3, 24), 704).reply == golden_reply("fw_qstatus.bin"));
    CHECK(call(dev, 1, hwrm_request(0x00c2, 4, 16), 704).reply == golden_reply("fw_health_check.bin"));
}

TEST_CASE("bnxt sim: TEMP_MONITOR_QUERY sets the not-available flags from absent readings") {
    const DeviceState dev =
        device_of("bnxt", "    state:\n      temperature: {chip: 54, thresholds: [96, 104, 110, 115]}\n");
    const Bytes r = call(dev, 1, hwrm_request(0x00e0, 5, 16), 704).reply;
    REQUIRE(r.size() == 704);
    CHECK(get_le16(r, 6) == 24);  // resp_len
    CHECK(r[8] == 54);
    CHECK(r[11] == (0x2 | 0x4 | 0x20));  // PHY_TEMP_NOT_AVAILABLE | OM_NOT_PRESENT | THRESHOLD_VALUES
    CHECK(r[15] == 96);
    CHECK(r[18] == 115);
    CHECK(r[23] == 1);  // valid
}

TEST_CASE("bnxt sim: VER_GET reports each component and can omit the 16-bit fields") {
    const DeviceState dev = device_of(
        "bnxt", "    state: {fw_version: \"230.0.156.0\", mgmt_fw_version: \"230.0.150.0\", "
                "roce_fw_version: \"230.0.152.0\", netctrl_fw_version: \"1.2.3.4\"}\n");
    const Bytes r = call(dev, 1, hwrm_request(0x0000, 1, 24), 704).reply;
    CHECK(Bytes(r.begin() + 16, r.begin() + 20) == Bytes{230, 0, 150, 0});  // mgmt_fw_*_8b
    CHECK(Bytes(r.begin() + 20, r.begin() + 24) == Bytes{1, 2, 3, 4});      // netctrl_fw_*_8b
    CHECK(Bytes(r.begin() + 28, r.begin() + 32) == Bytes{230, 0, 152, 0});  // roce_fw_*_8b
    CHECK(get_le16(r, 160) == 230);                                         // roce_fw_major
    const Bytes old = call(device_of("bnxt", "    state: {fw_version: \"1.2.3.4\", ext_ver_avail: false}\n"), 1,
                           hwrm_request(0x0000, 1, 24), 704)
                          .reply;
    CHECK((old[124] & 0x2) == 0);
    CHECK(get_le16(old, 136) == 0);
}

TEST_CASE("bnxt sim: per-command firmware refusals and driver errnos") {
    const DeviceState dev = device_of(
        "bnxt", "    state:\n      fw_health_check: {fw_status: 0x115}\n"
                "      hwrm_errors: {FW_HEALTH_CHECK: 3}\n      driver_errors: {TEMP_MONITOR_QUERY: ETIMEDOUT}\n");
    const RpcOutcome denied = call(dev, 1, hwrm_request(0x00c2, 9, 16), 704);
    REQUIRE(denied.err == 0);  // in-band: the ioctl succeeds
    CHECK(get_le16(denied.reply, 0) == 3);
    CHECK(get_le16(denied.reply, 2) == 0x00c2);
    CHECK(get_le16(denied.reply, 4) == 9);
    const RpcOutcome timeout = call(dev, 1, hwrm_request(0x00e0, 9, 16), 704);
    REQUIRE(timeout.err == 0);
    CHECK(timeout.reply == golden_reply("error_driver_etimedout.bin"));
    CHECK(call(dev, 0, hwrm_request(0x00c2, 9, 16), 704).err == EPERM);  // scope checks come first

    CHECK(lab_error("devices:\n  - {name: fwctl0, type: bnxt, parent: null, "
                    "state: {hwrm_errors: {NO_SUCH_CMD: 3}}}\n")
              .find("unknown command") != std::string::npos);
    CHECK(lab_error("devices:\n  - {name: fwctl0, type: bnxt, parent: null, "
                    "state: {driver_errors: {VER_GET: EWHAT}}}\n")
              .find("unknown errno") != std::string::npos);
    CHECK(lab_error("devices:\n  - {name: fwctl0, type: bnxt, parent: null, state: {nvm: {layout: 64}}}\n")
              .find("layout") != std::string::npos);
}
