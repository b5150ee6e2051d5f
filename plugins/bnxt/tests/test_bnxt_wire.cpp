// bnxt decoders are pure functions over bytes: fed the golden replies (written
// from the layout documents by golden/make_replies.py), every truncation of
// them, lying resp_len fields and pseudo-random garbage. None may read out of
// bounds, throw, or accept a reply it cannot vouch for.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <vector>

#include "collector/rpc_guard.hpp"
#include "plugins/bnxt/tests/bnxt_golden.hpp"
#include "plugins/bnxt/bnxt_allowlist.hpp"
#include "plugins/bnxt/bnxt_catalogue.hpp"
#include "plugins/bnxt/bnxt_wire.hpp"

using namespace fwctl;
using namespace fwctl::plugins;
using namespace fwctl::plugins::bnxt;
using Bytes = std::vector<std::uint8_t>;

namespace {

using testing::golden;

std::uint16_t le16(const Bytes& b, std::size_t off) { return static_cast<std::uint16_t>(b[off] | (b[off + 1] << 8)); }

void set_le16(Bytes& b, std::size_t off, std::uint16_t v)
{
    b[off] = static_cast<std::uint8_t>(v & 0xff);
    b[off + 1] = static_cast<std::uint8_t>(v >> 8);
}

// Runs every decoder on `bytes`; they must return (value or error), nothing else.
void decode_all(std::span<const std::uint8_t> bytes)
{
    (void)bnxt::decode_output_header(bytes);
    (void)bnxt::decode_ver_get(bytes);
    (void)bnxt::decode_nvm_get_dev_info(bytes);
    (void)bnxt::decode_fw_qstatus(bytes);
    (void)bnxt::decode_fw_health_check(bytes);
    (void)bnxt::decode_temp_monitor_query(bytes);
}

// A small deterministic generator (no std::random_device: tests must repeat).
struct Lcg {
    std::uint64_t state;
    std::uint32_t next()
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state >> 33);
    }
};

}  // namespace

// ------------------------------------------------------------------ requests

TEST_CASE("bnxt wire: requests carry struct input and their own fields")
{
    struct Case {
        Bytes request;
        std::uint16_t req_type;
        std::size_t length;
    };
    const Case cases[] = {
        {bnxt::build_ver_get(), 0x0000, 24},
        {bnxt::build_nvm_get_dev_info(), 0xfff6, 24},
        {bnxt::build_fw_qstatus(), 0x00c1, 24},
        {bnxt::build_fw_health_check(), 0x00c2, 16},
        {bnxt::build_temp_monitor_query(), 0x00e0, 16},
    };
    for (const auto& c : cases) {
        CAPTURE(c.req_type);
        REQUIRE(c.request.size() == c.length);
        CHECK(le16(c.request, 0) == c.req_type);
        CHECK(le16(c.request, 2) == 0xffff);  // cmpl_ring
        CHECK(le16(c.request, 6) == 0xffff);  // target_id
        for (std::size_t i = 8; i < 16; ++i) {
            CHECK(c.request[i] == 0);  // resp_addr: the kernel supplies it
        }
    }
    const auto ver = bnxt::build_ver_get();
    CHECK(ver[16] == 1);
    CHECK(ver[17] == 10);
    CHECK(ver[18] == 3);
    CHECK(bnxt::build_fw_qstatus()[16] == 6);  // embedded_proc_type CHIP
    CHECK(bnxt::build_fw_qstatus(1)[16] == 1);
    CHECK(bnxt::build_nvm_get_dev_info()[16] == 0);  // flags: not the security SoC NVM
}

TEST_CASE("bnxt wire: every request passes its own allowlist rule and no other")
{
    const auto list = bnxt::allowlist();
    REQUIRE(list.size() == 5);
    CHECK(check_allowlist(list));
    const std::pair<const RpcRule*, Bytes> pairs[] = {
        {&bnxt::ver_get_rule(), bnxt::build_ver_get()},
        {&bnxt::nvm_get_dev_info_rule(), bnxt::build_nvm_get_dev_info()},
        {&bnxt::fw_qstatus_rule(), bnxt::build_fw_qstatus()},
        {&bnxt::fw_health_check_rule(), bnxt::build_fw_health_check()},
        {&bnxt::temp_monitor_query_rule(), bnxt::build_temp_monitor_query()},
    };
    for (const auto& [rule, request] : pairs) {
        CAPTURE(rule->name);
        CHECK(rule->scope == 1);
        CHECK(check_rpc(list, *rule, request, bnxt::hwrm_max_resp_len));
        CHECK_FALSE(check_rpc(list, *rule, request, bnxt::hwrm_max_resp_len + 1));
        for (const auto& [other, other_request] : pairs) {
            if (other != rule) {
                CHECK_FALSE(check_rpc(list, *rule, other_request, bnxt::hwrm_max_resp_len));
            }
        }
    }
    // Destructive commands accepted by the driver at scope 0 never match a rule.
    for (std::uint16_t dangerous : std::initializer_list<std::uint16_t>{0x00c0, 0x00c3, 0x00c8, 0xff15, 0xffee,
                                                                       0xfff0, 0xfff1, 0xfff2}) {
        Bytes request(24, 0);
        set_le16(request, 0, dangerous);
        for (const auto& rule : list) {
            CHECK_FALSE(check_rpc(list, rule, request, bnxt::hwrm_max_resp_len));
        }
    }
}

// ------------------------------------------------------------ header, status

TEST_CASE("bnxt wire: error_code is a firmware code or a driver errno")
{
    const auto access = bnxt::classify_error_code(0x0003);
    CHECK_FALSE(access.before_firmware);
    const auto unsupported = bnxt::classify_error_code(0xffff);  // also -EPERM: read as the HWRM code
    CHECK_FALSE(unsupported.before_firmware);
    CHECK_FALSE(bnxt::classify_error_code(0xfffe).before_firmware);
    CHECK_FALSE(bnxt::classify_error_code(0x8000).before_firmware);
    CHECK_FALSE(bnxt::classify_error_code(0x1234).before_firmware);  // unknown, but not an errno
    const auto timeout = bnxt::classify_error_code(0xff92);
    CHECK(timeout.before_firmware);
    CHECK(timeout.sys_errno == 110);
    CHECK(bnxt::classify_error_code(0xfff0).sys_errno == 16);  // -EBUSY
    CHECK(bnxt::find_hwrm_error(3)->name == "HWRM_ERR_CODE_RESOURCE_ACCESS_DENIED");
    CHECK(bnxt::find_hwrm_error(0x1234) == nullptr);
}

TEST_CASE("bnxt wire: in-band errors become device_status errors with their names")
{
    auto denied = bnxt::decode_nvm_get_dev_info(golden("error_access_denied.bin"));
    REQUIRE_FALSE(denied);
    CHECK(denied.error().code == Errc::device_status);
    CHECK(denied.error().sys_errno == 0);
    CHECK(denied.error().where == "HWRM_NVM_GET_DEV_INFO");
    CHECK(denied.error().detail.find("HWRM_ERR_CODE_RESOURCE_ACCESS_DENIED") != std::string::npos);
    CHECK(denied.error().detail.find("0x0003") != std::string::npos);

    auto unsupported = bnxt::decode_temp_monitor_query(golden("error_not_supported.bin"));
    REQUIRE_FALSE(unsupported);
    CHECK(unsupported.error().detail.find("HWRM_ERR_CODE_CMD_NOT_SUPPORTED") != std::string::npos);

    auto timeout = bnxt::decode_temp_monitor_query(golden("error_driver_etimedout.bin"));
    REQUIRE_FALSE(timeout);
    CHECK(timeout.error().code == Errc::device_status);
    CHECK(timeout.error().sys_errno == 110);
    CHECK(timeout.error().detail.find("before firmware answered") != std::string::npos);
}

TEST_CASE("bnxt wire: a reply to another command, or a lying resp_len, is malformed")
{
    Bytes reply = golden("fw_qstatus.bin");
    REQUIRE(bnxt::decode_fw_qstatus(reply));
    // The same bytes are not a health check reply: req_type is echoed.
    auto other = bnxt::decode_fw_health_check(reply);
    REQUIRE_FALSE(other);
    CHECK(other.error().code == Errc::malformed_reply);

    for (std::uint16_t lie : std::initializer_list<std::uint16_t>{0, 1, 7, 705, 0xffff}) {
        CAPTURE(lie);
        Bytes bad = reply;
        set_le16(bad, 6, lie);
        auto r = bnxt::decode_fw_qstatus(bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == Errc::malformed_reply);
    }
    // A resp_len too short for the command's fields: truncated, never read past it.
    for (std::uint16_t short_len : std::initializer_list<std::uint16_t>{8, 9, 10}) {
        Bytes bad = reply;
        set_le16(bad, 6, short_len);
        auto r = bnxt::decode_fw_qstatus(bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == Errc::truncated_reply);
    }
    Bytes ver = golden("ver_get.bin");
    set_le16(ver, 6, 100);  // less than the 128-byte layout
    auto short_ver = bnxt::decode_ver_get(ver);
    REQUIRE_FALSE(short_ver);
    CHECK(short_ver.error().code == Errc::truncated_reply);
    CHECK(short_ver.error().detail.find("resp_len 100") != std::string::npos);
}

// ------------------------------------------------------------ golden replies

TEST_CASE("bnxt wire: VER_GET golden reply (176 bytes, EXT_VER_AVAIL)")
{
    const auto v = bnxt::decode_ver_get(golden("ver_get.bin"));
    REQUIRE(v);
    CHECK(v->hwrm_interface == std::array<std::uint8_t, 3>{1, 10, 3});
    CHECK(v->spec_code() == 0x010a03);
    CHECK(v->hwrm_fw.legacy.text() == "230.0.156.0");
    REQUIRE(v->hwrm_fw.extended);
    CHECK(v->hwrm_fw.extended->text() == "230.0.156.0");
    CHECK(v->mgmt_fw.legacy.text() == "230.0.44.1");
    CHECK(v->mgmt_fw.extended->text() == "230.0.300.1");
    CHECK(v->devlink_version(v->mgmt_fw).text() == "230.0.300.1");  // EXT_VER_AVAIL: 16-bit fields
    CHECK(v->devlink_version(v->roce_fw).text() == "230.0.152.0");
    CHECK(v->devlink_version(v->netctrl_fw).is_zero());
    CHECK(v->dev_caps_cfg == 0x8115);
    CHECK(v->hwrm_fw_name == "ChiMP_HWRM");
    CHECK(v->mgmt_fw_name == "ChiMP_MGMT");
    CHECK(v->active_pkg_name == "230.1.116.0");
    CHECK(v->roce_fw_name == "RoCE");
    CHECK(v->chip_num == 0x1750);
    CHECK(v->chip_rev == 1);
    CHECK(v->chip_metal == 1);
    CHECK(v->chip_platform_type == 0);
    CHECK(v->ext_ver_avail());
    CHECK_FALSE(v->device_not_ready());
    CHECK(v->ethtool_firmware_version() == "230.0.156.0/pkg 230.1.116.0");
}

TEST_CASE("bnxt wire: VER_GET golden reply in the 128-byte HSI 1.8 layout")
{
    const auto v = bnxt::decode_ver_get(golden("ver_get_hsi18_128.bin"));
    REQUIRE(v);
    CHECK_FALSE(v->hwrm_fw.extended);  // bytes 128.. lie past resp_len
    CHECK_FALSE(v->ext_ver_avail());
    CHECK(v->devlink_version(v->hwrm_fw).text() == "20.8.51.0");
    CHECK(v->ethtool_firmware_version() == "20.8.51.0/pkg 20.8.3.11");
    CHECK(v->chip_num == 0x16d7);
}

TEST_CASE("bnxt wire: NVM_GET_DEV_INFO golden replies in each layout")
{
    const auto full = bnxt::decode_nvm_get_dev_info(golden("nvm_get_dev_info.bin"));
    REQUIRE(full);
    CHECK(full->resp_len == 96);
    CHECK(full->manufacturer_id == 0x00c2);
    CHECK(full->device_id == 0x2539);
    CHECK(full->sector_size == 4096);
    CHECK(full->nvram_size == 0x02000000);
    CHECK(full->reserved_size == 0x00010000);
    CHECK(full->available_size == 0x00c8e000);
    CHECK(full->nvm_cfg_ver == std::array<std::uint8_t, 3>{0, 0, 6});
    REQUIRE(full->fw_ver_valid());
    CHECK(*full->pkg_name == "231.0.162.0");
    CHECK(full->hwrm_fw->text() == "231.0.154.0");
    CHECK(full->mgmt_fw->text() == "231.0.150.0");
    CHECK(full->roce_fw->text() == "231.0.152.0");
    CHECK(full->netctrl_fw->text() == "231.0.10.0");
    CHECK(full->srt2_fw->text() == "1.2.3.4");
    CHECK(full->security_soc_fw->text() == "5.6.7.8");

    const auto older = bnxt::decode_nvm_get_dev_info(golden("nvm_get_dev_info_80.bin"));
    REQUIRE(older);
    REQUIRE(older->fw_ver_valid());
    CHECK(older->roce_fw->text() == "231.0.152.0");
    CHECK_FALSE(older->netctrl_fw);  // byte 79 is `valid`, not a netctrl version
    CHECK_FALSE(older->srt2_fw);

    const auto invalid = bnxt::decode_nvm_get_dev_info(golden("nvm_get_dev_info_no_fw_ver.bin"));
    REQUIRE(invalid);
    CHECK_FALSE(invalid->fw_ver_valid());
    CHECK_FALSE(invalid->hwrm_fw);
    CHECK(invalid->nvram_size == 0x02000000);

    const auto oldest = bnxt::decode_nvm_get_dev_info(golden("nvm_get_dev_info_32.bin"));
    REQUIRE(oldest);
    CHECK(oldest->flags == 0);  // byte 31 is `valid` (1) there, not FW_VER_VALID
    CHECK_FALSE(oldest->fw_ver_valid());
    CHECK(oldest->nvm_cfg_ver == std::array<std::uint8_t, 3>{0, 0, 6});
}

TEST_CASE("bnxt wire: FW_QSTATUS, FW_HEALTH_CHECK and TEMP_MONITOR_QUERY golden replies")
{
    const auto q = bnxt::decode_fw_qstatus(golden("fw_qstatus.bin"));
    REQUIRE(q);
    CHECK(q->selfrst_status == 2);
    CHECK(q->nvm_option_action_status == 3);
    CHECK(bnxt::selfrst_status_name(q->selfrst_status) == "on_pcie_reset");
    CHECK(bnxt::nvm_option_action_name(q->nvm_option_action_status) == "cold_boot");
    CHECK(bnxt::selfrst_status_name(9) == "unknown (9)");

    const auto h = bnxt::decode_fw_health_check(golden("fw_health_check.bin"));
    REQUIRE(h);
    CHECK(h->fw_status == 0x10915);
    const auto bits = bnxt::decode_bits(h->fw_status, bnxt::fw_status_bits());
    CHECK(bits.names == std::vector<std::string>{"sbi_booted", "srt_booted", "crt_booted", "dir_hdr_booted",
                                                 "cfg_mismatch"});
    CHECK(bits.problems == std::vector<std::string>{"cfg_mismatch"});
    CHECK(bits.unknown == 0x10000);

    const auto t = bnxt::decode_temp_monitor_query(golden("temp_monitor_query.bin"));
    REQUIRE(t);
    CHECK(t->chip == 55);
    CHECK(t->phy == 50);
    CHECK(t->optical_module_present);
    CHECK(t->optical_module == 38);
    CHECK(t->extended_valid);
    CHECK(t->chip2 == 56);
    CHECK(t->phy2 == 51);
    CHECK(t->optical_module2 == 39);
    CHECK(t->thresholds_valid);
    CHECK(t->warn == 95);
    CHECK(t->critical == 105);
    CHECK(t->fatal == 110);
    CHECK(t->shutdown == 115);

    const auto old = bnxt::decode_temp_monitor_query(golden("temp_monitor_query_16.bin"));
    REQUIRE(old);
    CHECK(old->chip == 60);
    CHECK_FALSE(old->phy);  // PHY_TEMP_NOT_AVAILABLE
    CHECK_FALSE(old->optical_module_present);
    CHECK_FALSE(old->optical_module);
    CHECK_FALSE(old->extended_valid);
    CHECK_FALSE(old->thresholds_valid);
}

// ------------------------------------------------------- hostile input

TEST_CASE("bnxt wire: every truncation of every golden reply decodes or fails cleanly")
{
    const char* files[] = {"ver_get.bin",          "ver_get_hsi18_128.bin",       "nvm_get_dev_info.bin",
                           "nvm_get_dev_info_80.bin", "nvm_get_dev_info_no_fw_ver.bin", "nvm_get_dev_info_32.bin",
                           "fw_qstatus.bin",       "fw_health_check.bin",         "temp_monitor_query.bin",
                           "temp_monitor_query_16.bin", "error_access_denied.bin", "error_not_supported.bin",
                           "error_driver_etimedout.bin"};
    for (const char* name : files) {
        CAPTURE(name);
        const Bytes reply = golden(name);
        const std::uint16_t resp_len = le16(reply, 6);
        const bool ok = le16(reply, 0) == 0;
        for (std::size_t len = 0; len <= reply.size(); ++len) {
            const auto part = std::span<const std::uint8_t>(reply).first(len);
            decode_all(part);
            if (ok && len < resp_len) {
                // Shorter than what firmware says it wrote: never accepted.
                CHECK_FALSE(bnxt::response_data(part, le16(reply, 2), "x"));
            }
        }
    }
}

TEST_CASE("bnxt wire: pseudo-random replies never crash a decoder")
{
    Lcg rng{0x62786e74};  // "bnxt"
    const std::uint16_t req_types[] = {0x0000, 0xfff6, 0x00c1, 0x00c2, 0x00e0};
    for (int i = 0; i < 4000; ++i) {
        Bytes bytes(rng.next() % 800);
        for (auto& b : bytes) {
            b = static_cast<std::uint8_t>(rng.next());
        }
        decode_all(bytes);
        if (bytes.size() >= 8) {
            // Also well-formed headers with random resp_len, so the field decoders run.
            set_le16(bytes, 0, 0);
            set_le16(bytes, 2, req_types[rng.next() % 5]);
            set_le16(bytes, 6, static_cast<std::uint16_t>(rng.next() % (bytes.size() + 16)));
            decode_all(bytes);
        }
    }
}
