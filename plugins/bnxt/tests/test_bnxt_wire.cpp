// bnxt decoders are pure functions over bytes: fed real layouts, short replies,
// lying length fields. None may read out of bounds or throw.
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "plugins/bnxt/bnxt_wire.hpp"

using namespace fwctl;
using namespace fwctl::plugins;

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
