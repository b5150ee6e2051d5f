// mlx5 decoders are pure functions over bytes: fed the golden replies written from
// the layout notes (golden/make_replies.py), every truncation of them, random bytes
// and lying length fields. None may read out of bounds or throw.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <vector>

#include "collector/rpc_guard.hpp"
#include "plugins/mlx5/mlx5_allowlist.hpp"
#include "plugins/mlx5/mlx5_fw_regs.hpp"
#include "plugins/mlx5/mlx5_nv_regs.hpp"
#include "plugins/mlx5/mlx5_wire.hpp"

using namespace fwctl;
using namespace fwctl::plugins::mlx5;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes golden(const char* name)
{
    const auto path = std::filesystem::path(FWCTL_SOURCE_DIR) / "plugins/mlx5/tests/golden/replies" / name;
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "missing " << path << " (run golden/make_replies.py)");
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

std::uint32_t be32(const Bytes& b, std::size_t off)
{
    return std::uint32_t{b[off]} << 24 | std::uint32_t{b[off + 1]} << 16 | std::uint32_t{b[off + 2]} << 8 | b[off + 3];
}

void put_be32(Bytes& b, std::size_t off, std::uint32_t v)
{
    b[off] = static_cast<std::uint8_t>(v >> 24);
    b[off + 1] = static_cast<std::uint8_t>(v >> 16);
    b[off + 2] = static_cast<std::uint8_t>(v >> 8);
    b[off + 3] = static_cast<std::uint8_t>(v);
}

// Every decoder, as "does it accept these bytes".
const std::vector<std::pair<const char*, std::function<bool(const Bytes&)>>>& decoders()
{
    static const std::vector<std::pair<const char*, std::function<bool(const Bytes&)>>> all{
        {"query_adapter.bin", [](const Bytes& b) { return decode_query_adapter(b).has_value(); }},
        {"mgir.bin", [](const Bytes& b) { return decode_mgir(b).has_value(); }},
        {"mcqs_boot_pending.bin", [](const Bytes& b) { return decode_mcqs(b).has_value(); }},
        {"mcqi_running.bin", [](const Bytes& b) { return decode_mcqi_version(b).has_value(); }},
        {"mnvgc.bin", [](const Bytes& b) { return decode_mnvgc(b).has_value(); }},
        {"mnvqc.bin", [](const Bytes& b) { return decode_mnvqc(b).has_value(); }},
        {"mnvda_global_pci_conf_next.bin", [](const Bytes& b) { return decode_mnvda(b, 0x80, 12).has_value(); }},
        {"mnvgn_item.bin", [](const Bytes& b) { return decode_mnvgn(b).has_value(); }},
        {"mtmp.bin", [](const Bytes& b) { return decode_mtmp(b).has_value(); }},
    };
    return all;
}

}  // namespace

// ---- requests ---------------------------------------------------------------------

TEST_CASE("mlx5 wire: QUERY_ADAPTER request is opcode 0x101, op_mod 0, 16 bytes")
{
    const auto in = build_query_adapter();
    REQUIRE(in.size() == 16);
    CHECK(in[0] == 0x01);
    CHECK(in[1] == 0x01);
    CHECK(in[6] == 0);
    CHECK(in[7] == 0);
    CHECK(check_rpc(allowlist(), query_adapter_rule(), in, query_adapter_out_len));
}

TEST_CASE("mlx5 wire: every register request is an ACCESS_REG read of one register that its rule lets through")
{
    struct Case {
        Bytes request;
        const RpcRule& rule;
        std::uint16_t id;
    };
    const Case cases[] = {
        {build_mgir_read(), mgir_rule(), 0x9020},
        {build_mcqs_read(3), mcqs_rule(), 0x9060},
        {build_mcqi_version_read(0, true), mcqi_rule(), 0x9061},
        {build_mnvgc_read(), mnvgc_rule(), 0x9034},
        {build_mnvqc_read(0x80), mnvqc_rule(), 0x9030},
        {build_mnvda_read(0x80, 12, AccessMode::current), mnvda_rule(), 0x9024},
        {build_mnvgn_read(0x10000), mnvgn_rule(), 0x9035},
        {build_mtmp_read(0), mtmp_rule(), 0x900a},
    };
    for (const Case& c : cases) {
        CAPTURE(c.rule.name);
        CHECK(c.request[0] == 0x08);
        CHECK(c.request[1] == 0x05);
        CHECK(c.request[6] == 0x00);
        CHECK(c.request[7] == 0x01);  // op_mod 1: READ
        CHECK((c.request[10] << 8 | c.request[11]) == c.id);
        CHECK(c.request.size() == c.rule.max_request_len);
        CHECK(check_rpc(allowlist(), c.rule, c.request, c.rule.max_reply_len));
        // The same bytes under any other register's rule are refused.
        for (const RpcRule& other : allowlist()) {
            if (&other != &c.rule) {
                CHECK_FALSE(check_rpc(allowlist(), other, c.request, other.max_reply_len));
            }
        }
        // And as a register WRITE, nothing lets them through.
        Bytes write = c.request;
        write[7] = 0;
        for (const RpcRule& rule : allowlist()) {
            CHECK_FALSE(check_rpc(allowlist(), rule, write, rule.max_reply_len));
        }
    }
}

TEST_CASE("mlx5 wire: the index fields land where the layouts put them")
{
    const Bytes mcqs = build_mcqs_read(0x0102);
    CHECK(be32(mcqs, 0x10) == 0x0102);
    const Bytes mcqi = build_mcqi_version_read(2, true);
    CHECK(be32(mcqi, 0x10) == 0x80000002);  // read_pending_component, component_index
    CHECK(be32(mcqi, 0x18) == 0x1);         // info_type VERSION
    CHECK(be32(mcqi, 0x24) == 124);         // data_size
    const Bytes nvda = build_mnvda_read(0x0000010a, 8, AccessMode::factory_default);
    CHECK(be32(nvda, 0x10) == (2u << 22 | 8u));  // access_mode 2, length 8
    CHECK(be32(nvda, 0x14) == 0x0000010a);
    CHECK(be32(build_mnvda_read(0x03000080, 16, AccessMode::next, true), 0x10) == (1u << 9 | 16u));
    CHECK(be32(build_mnvqc_read(0x01010012), 0x10) == 0x01010012);
    CHECK(be32(build_mnvgn_read(0xabcdef01), 0x10) == 0xabcdef01);
    const Bytes mtmp = build_mtmp_read(5);
    CHECK(be32(mtmp, 0x10) == 5);
    CHECK(mtmp[0x18] == 0);  // mte/mtr: never reset the recorded maximum
}

TEST_CASE("mlx5 wire: an MTMP request with mtr set does not pass its rule")
{
    Bytes mtmp = build_mtmp_read(0);
    mtmp[0x18] = 0x40;  // mtr
    CHECK_FALSE(check_rpc(allowlist(), mtmp_rule(), mtmp, mtmp_rule().max_reply_len));
    CHECK(check_allowlist(allowlist()));
}

// ---- golden replies ---------------------------------------------------------------

TEST_CASE("mlx5 wire: QUERY_ADAPTER reply yields PSID and vendor ids")
{
    const auto a = decode_query_adapter(golden("query_adapter.bin"));
    REQUIRE(a);
    CHECK(a->psid == "MT_0000000838");
    CHECK(a->ieee_vendor_id == 0x0002c9);
    CHECK(a->vsd_vendor_id == 0x15b3);
}

TEST_CASE("mlx5 wire: a PSID with no NUL terminator and non-ASCII bytes is bounded and escaped")
{
    Bytes out(query_adapter_out_len, 'A');
    out[0x100] = 0xff;
    const auto a = decode_query_adapter(out);
    REQUIRE(a);
    CHECK(a->psid.size() == 4 + 15);  // "\xff" + 15 x 'A'
}

TEST_CASE("mlx5 wire: MGIR gives versions, build date, INI version and uptime")
{
    const auto m = decode_mgir(golden("mgir.bin"));
    REQUIRE(m);
    CHECK(m->device_id == 0x1021);
    CHECK(m->uptime_s == 864000);
    CHECK(m->signed_fw);
    CHECK(m->secured);
    CHECK(m->sub_minor == (1002 & 0xff));  // the 8-bit field cannot hold 1002...
    CHECK(mgir_has_extended_version(*m));
    CHECK(mgir_version(*m) == "28.39.1002");  // ...so the extended fields win
    CHECK(mgir_build_date(*m) == "2023-11-06");
    CHECK(mgir_build_time(*m) == "17:43");
    CHECK(m->ini_file_version == 3);
    CHECK(m->psid == "MT_0000000838");
}

TEST_CASE("mlx5 wire: MGIR dates: one-byte years, invalid BCD, no extended version")
{
    MgirInfo m;
    m.bcd_year = 0x04, m.bcd_month = 0x05, m.bcd_day = 0x03;  // the PRM's example
    CHECK(mgir_build_date(m) == "2004-05-03");
    m.bcd_month = 0x1a;
    CHECK_FALSE(mgir_build_date(m));
    m.bcd_month = 0x13;
    CHECK_FALSE(mgir_build_date(m));
    m.bcd_month = 0x00;
    CHECK_FALSE(mgir_build_date(m));  // unset
    m.bcd_hour = 0x2460;
    CHECK_FALSE(mgir_build_time(m));
    m.bcd_hour = 0x0905;
    CHECK(mgir_build_time(m) == "09:05");
    m.major = 16, m.minor = 35, m.sub_minor = 200;
    CHECK_FALSE(mgir_has_extended_version(m));
    CHECK(mgir_version(m) == "16.35.0200");
}

TEST_CASE("mlx5 wire: MCQS finds the boot image and its update state; the last component is flagged")
{
    const auto boot = decode_mcqs(golden("mcqs_boot_pending.bin"));
    REQUIRE(boot);
    CHECK(boot->identifier == component_boot_image);
    CHECK(boot->update_state == update_state_active_pending_reset);
    CHECK(update_state_name(boot->update_state) == "active_pending_reset");
    CHECK_FALSE(boot->last_index);
    const auto last = decode_mcqs(golden("mcqs_nvconfig_last.bin"));
    REQUIRE(last);
    CHECK(last->last_index);
    CHECK(last->component_index == 1);
    CHECK(last->identifier == 0x5);
    CHECK(update_state_name(9) == "unknown");
}

TEST_CASE("mlx5 wire: MCQI gives the running and the pending version as the kernel prints them")
{
    const auto running = decode_mcqi_version(golden("mcqi_running.bin"));
    REQUIRE(running);
    CHECK(format_fw_version(running->version) == "28.39.1002");
    CHECK(running->version_string == "rel-28_39_1002");
    const auto pending = decode_mcqi_version(golden("mcqi_pending.bin"));
    REQUIRE(pending);
    CHECK(format_fw_version(pending->version) == "28.41.1000");
    CHECK(format_fw_version(0x16240005) == "22.36.0005");  // "%d.%d.%04d"
}

TEST_CASE("mlx5 wire: MCQI with lying sizes or the wrong info type is rejected")
{
    Bytes b = golden("mcqi_running.bin");
    put_be32(b, 0x10 + 0x14, 0xffff);  // data_size beyond the VERSION record
    CHECK_FALSE(decode_mcqi_version(b));
    b = golden("mcqi_running.bin");
    put_be32(b, 0x10 + 0x18, 200);  // version_string_length beyond the 92-byte field
    CHECK_FALSE(decode_mcqi_version(b));
    b = golden("mcqi_running.bin");
    put_be32(b, 0x10 + 0x08, 0x0);  // CAPABILITIES, not VERSION
    CHECK_FALSE(decode_mcqi_version(b));
}

TEST_CASE("mlx5 wire: MNVGC and MNVQC capability bits")
{
    const auto caps = decode_mnvgc(golden("mnvgc.bin"));
    REQUIRE(caps);
    CHECK(caps->read_factory);
    CHECK(caps->read_current);
    CHECK_FALSE(caps->priv_nv_other_host);
    const auto cap = decode_mnvqc(golden("mnvqc.bin"));
    REQUIRE(cap);
    CHECK(cap->support_rd);
    CHECK(cap->support_wr);
    CHECK(cap->version == 1);
}

TEST_CASE("mlx5 wire: MNVDA returns the item header and exactly the item's data")
{
    const auto next = decode_mnvda(golden("mnvda_global_pci_conf_next.bin"), 0x80, 12);
    REQUIRE(next);
    CHECK(next->header.access_mode == 0);
    CHECK(next->header.writer_id == 0x9);
    CHECK(next->header.length == 12);
    CHECK(next->data == Bytes{0x80, 0, 0, 0, 0x80, 0, 0, 0x10, 0, 0, 0, 0});
    const auto def = decode_mnvda(golden("mnvda_sw_offload_default.bin"), 0x10a, 8);
    REQUIRE(def);
    CHECK(def->header.access_mode == 2);
    CHECK(def->header.version == 1);
    CHECK(def->data.size() == 8);
}

TEST_CASE("mlx5 wire: MNVDA for another item or with a length beyond 256 bytes is rejected")
{
    const Bytes good = golden("mnvda_global_pci_conf_next.bin");
    CHECK_FALSE(decode_mnvda(good, 0x81, 12));
    Bytes lying = good;
    put_be32(lying, 0x10, 0x1ff);  // length 511
    CHECK_FALSE(decode_mnvda(lying, 0x80, 12));
    Bytes zero_len = good;
    put_be32(zero_len, 0x10, 0);  // firmware left length 0: take what was asked for
    const auto item = decode_mnvda(zero_len, 0x80, 12);
    REQUIRE(item);
    CHECK(item->data.size() == 12);
}

TEST_CASE("mlx5 wire: MNVGN walks items and ends at pointer 0; oversized items are rejected")
{
    const auto item = decode_mnvgn(golden("mnvgn_item.bin"));
    REQUIRE(item);
    CHECK(item->pointer == 0x00010000);
    REQUIRE(item->item);
    CHECK(item->item->header.type == 0x6);
    CHECK(item->item->header.writer_id == 0x6);
    CHECK(item->item->data == Bytes{0, 0, 0, 3});
    CHECK(writer_name(0x6) == "ICMD_UEFI_HII");
    const auto end = decode_mnvgn(golden("mnvgn_end.bin"));
    REQUIRE(end);
    CHECK(end->pointer == 0);
    CHECK_FALSE(end->item);
    Bytes lying = golden("mnvgn_item.bin");
    put_be32(lying, 0x20, 200);  // claims 200 bytes; nv_data holds 128
    CHECK_FALSE(decode_mnvgn(lying));
}

TEST_CASE("mlx5 wire: MTMP temperatures are signed eighths of a degree")
{
    const auto t = decode_mtmp(golden("mtmp.bin"));
    REQUIRE(t);
    CHECK(mtmp_celsius(t->temperature) == 52.5);
    CHECK(t->max_temperature_enabled);
    CHECK(mtmp_celsius(t->max_temperature) == 61.125);
    CHECK(mtmp_celsius(t->threshold_hi) == 105.0);
    CHECK(t->sensor_name == "ASIC");
    Bytes cold = golden("mtmp.bin");
    put_be32(cold, 0x14, 0xffd8);  // -40 eighths
    CHECK(mtmp_celsius(decode_mtmp(cold)->temperature) == -5.0);
}

TEST_CASE("mlx5 wire: a refusal is read from the header; the image is not decoded")
{
    const Bytes refused = golden("refused_bad_param.bin");
    const auto s = decode_status(refused);
    REQUIRE(s);
    CHECK(s->status == status_bad_param);
    CHECK(s->syndrome == 0x3b6f2104);
    CHECK(describe_status(s->status, s->syndrome) == "BAD_PARAM (0x03), syndrome 0x3b6f2104");
    CHECK(status_name(0x02) == "BAD_OP");
    CHECK(status_name(0x77) == "UNKNOWN_STATUS");
}

// ---- malformed input --------------------------------------------------------------

TEST_CASE("mlx5 wire: every truncation of every golden reply is an error, not a read past the end")
{
    for (const auto& [name, accepts] : decoders()) {
        CAPTURE(name);
        const Bytes full = golden(name);
        CHECK(accepts(full));
        for (std::size_t len = 0; len < full.size(); ++len) {
            // MNVDA and MNVGN only need the bytes up to the item's data; everything
            // shorter than the register image is refused anyway.
            CHECK_FALSE(accepts(Bytes(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(len))));
        }
    }
    CHECK_FALSE(decode_status(Bytes(15, 0)));
}

TEST_CASE("mlx5 wire: random bytes never crash a decoder")
{
    std::mt19937 rng(20240611);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<std::size_t> length(0, 400);
    for (int round = 0; round < 2000; ++round) {
        Bytes b(length(rng));
        for (auto& x : b) {
            x = static_cast<std::uint8_t>(byte(rng));
        }
        for (const auto& [name, accepts] : decoders()) {
            (void)accepts(b);  // any answer is fine; no crash, no throw
        }
        (void)decode_status(b);
        (void)decode_info(b);
        if (auto m = decode_mgir(b)) {
            (void)mgir_build_date(*m);
            (void)mgir_build_time(*m);
            (void)mgir_version(*m);
        }
    }
}

TEST_CASE("mlx5 wire: INFO carries uid and uctx_caps in host order")
{
    Bytes data(8, 0);
    const std::uint32_t uid = 7, caps = 0x4;
    std::memcpy(data.data(), &uid, 4);
    std::memcpy(data.data() + 4, &caps, 4);
    const auto info = decode_info(data);
    REQUIRE(info);
    CHECK(info->uid == 7);
    CHECK(info->tools_resources);
    CHECK_FALSE(decode_info(Bytes(7, 0)));
}
