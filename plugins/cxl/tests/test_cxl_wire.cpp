// cxl decoders are pure functions over bytes: fed real layouts, short replies,
// lying length fields. None may read out of bounds or throw.
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "plugins/cxl/cxl_wire.hpp"

using namespace fwctl;
using namespace fwctl::plugins;

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
