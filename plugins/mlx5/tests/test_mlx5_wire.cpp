// mlx5 decoders are pure functions over bytes: fed real layouts, short replies,
// lying length fields. None may read out of bounds or throw.
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

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
