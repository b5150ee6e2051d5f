// Decoders are pure functions over bytes: fed real layouts, short replies,
// lying length fields. None may read out of bounds or throw.
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "plugins/bnxt/bnxt_wire.hpp"
#include "plugins/cxl/cxl_wire.hpp"
#include "plugins/mlx5/mlx5_wire.hpp"

using namespace fwctl;
using namespace fwctl::plugins;

TEST_CASE("mlx5 wire: QUERY_ADAPTER request is opcode 0x101, op_mod 0, 16 bytes")
{
    const auto in = mlx5::build_query_adapter();
    REQUIRE(in.size() == 16);
    CHECK(in[0] == 0x01);
    CHECK(in[1] == 0x01);
    CHECK(in[6] == 0);
    CHECK(in[7] == 0);
}

TEST_CASE("mlx5 wire: QUERY_ADAPTER reply yields PSID and vendor ids")
{
    std::vector<std::uint8_t> out(mlx5::query_adapter_out_len, 0);
    out[0x29] = 0x00, out[0x2a] = 0x02, out[0x2b] = 0xc9;
    out[0x2e] = 0x15, out[0x2f] = 0xb3;
    std::memcpy(out.data() + 0x100, "MT_0000000838", 13);
    const auto a = mlx5::decode_query_adapter(out);
    REQUIRE(a);
    CHECK(a->psid == "MT_0000000838");
    CHECK(a->ieee_vendor_id == 0x0002c9);
    CHECK(a->vsd_vendor_id == 0x15b3);
}

TEST_CASE("mlx5 wire: a PSID with no NUL terminator and non-ASCII bytes is bounded and escaped")
{
    std::vector<std::uint8_t> out(mlx5::query_adapter_out_len, 'A');
    out[0x100] = 0xff;
    const auto a = mlx5::decode_query_adapter(out);
    REQUIRE(a);
    CHECK(a->psid.size() == 4 + 15);  // "\xff" + 15 x 'A'
}

TEST_CASE("mlx5 wire: short replies are errors, not reads past the end")
{
    for (std::size_t len : {0u, 1u, 15u, 16u, 0x10fu}) {
        std::vector<std::uint8_t> out(len, 0);
        CHECK_FALSE(mlx5::decode_query_adapter(out));
    }
    CHECK_FALSE(mlx5::decode_status(std::vector<std::uint8_t>(15, 0)));
    const auto s = mlx5::decode_status(std::vector<std::uint8_t>{2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});
    REQUIRE(s);
    CHECK(s->status == 2);
    CHECK(s->syndrome == 1);
    CHECK(mlx5::status_name(2) == "BAD_OP");
}

TEST_CASE("mlx5 wire: INFO carries uid and uctx_caps in host order")
{
    std::vector<std::uint8_t> data(8, 0);
    const std::uint32_t uid = 7, caps = 0x4;
    std::memcpy(data.data(), &uid, 4);
    std::memcpy(data.data() + 4, &caps, 4);
    const auto info = mlx5::decode_info(data);
    REQUIRE(info);
    CHECK(info->uid == 7);
    CHECK(info->tools_resources);
    CHECK_FALSE(mlx5::decode_info(std::vector<std::uint8_t>(7, 0)));
}

TEST_CASE("bnxt wire: VER_GET request carries req_type 0 and the HSI version")
{
    const auto in = bnxt::build_ver_get();
    REQUIRE(in.size() == 24);
    CHECK(in[0] == 0);
    CHECK(in[1] == 0);
    CHECK(in[16] == 1);
    CHECK(in[17] == 10);
    CHECK(in[18] == 3);
}

TEST_CASE("bnxt wire: VER_GET reply formats the firmware version as bnxt_en does")
{
    std::vector<std::uint8_t> out(176, 0);
    out[6] = 176;
    out[8] = 1, out[9] = 10, out[10] = 3;                 // interface 1.10.3
    out[12] = 230, out[13] = 0, out[14] = 156, out[15] = 0;  // 8-bit legacy fields
    auto le16 = [&](std::size_t off, std::uint16_t v) {
        out[off] = static_cast<std::uint8_t>(v), out[off + 1] = static_cast<std::uint8_t>(v >> 8);
    };
    le16(136, 230), le16(138, 0), le16(140, 156), le16(142, 0);
    std::memcpy(out.data() + 80, "230.1.116.0", 11);
    le16(112, 0x1750);
    const auto v = bnxt::decode_ver_get(out);
    REQUIRE(v);
    CHECK(v->firmware == "230.0.156.0");
    CHECK(v->package == "230.1.116.0");
    CHECK(v->hwrm_interface == "1.10.3");
    CHECK(v->chip_num == 0x1750);
}

TEST_CASE("bnxt wire: short responses are errors")
{
    CHECK_FALSE(bnxt::decode_output_header(std::vector<std::uint8_t>(7, 0)));
    CHECK_FALSE(bnxt::decode_ver_get(std::vector<std::uint8_t>(127, 0)));
}

TEST_CASE("cxl wire: Get Supported Features request has op_size 8 and a byte count")
{
    const auto in = cxl::build_get_supported_features(96, 0);
    REQUIRE(in.size() == cxl::request_len);
    std::uint32_t opcode = 0, op_size = 0;
    std::memcpy(&opcode, in.data(), 4);
    std::memcpy(&op_size, in.data() + 8, 4);
    CHECK(opcode == 0x500);
    CHECK(op_size == 8);
    CHECK(in[16] == 96);
}

TEST_CASE("cxl wire: entries are decoded; a num_entries larger than the payload is rejected")
{
    std::vector<std::uint8_t> out(24 + 48, 0);
    const std::uint32_t size = 8 + 48, retval = 0;
    std::memcpy(out.data(), &size, 4);
    std::memcpy(out.data() + 4, &retval, 4);
    out[8] = 1;   // num_entries
    out[10] = 1;  // supported_feats
    const std::uint8_t uuid[16] = {0x96, 0xda, 0xd7, 0xd6, 0xfd, 0xe8, 0x48, 0x2b,
                                   0xa7, 0x33, 0x75, 0x77, 0x4e, 0x06, 0xdb, 0x8a};
    std::memcpy(out.data() + 16, uuid, 16);
    out[16 + 22] = 0x01;  // changeable
    auto f = cxl::decode_supported_features(out);
    REQUIRE(f);
    REQUIRE(f->entries.size() == 1);
    CHECK(cxl::uuid_text(f->entries[0].uuid) == "96dad7d6-fde8-482b-a733-75774e06db8a");
    CHECK(cxl::known_feature_name(f->entries[0].uuid) == "Patrol Scrub Control");

    out[8] = 2;  // claims two entries, carries one
    CHECK_FALSE(cxl::decode_supported_features(out));
    const std::uint32_t lying = 4096;
    std::memcpy(out.data(), &lying, 4);
    CHECK_FALSE(cxl::decode_supported_features(out));
    CHECK_FALSE(cxl::decode_supported_features(std::vector<std::uint8_t>(7, 0)));
}
