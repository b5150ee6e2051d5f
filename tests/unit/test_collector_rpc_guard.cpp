#include <doctest/doctest.h>

#include <vector>

#include "collector/rpc_guard.hpp"

using namespace fwctl;

namespace {

const std::vector<RpcRule>& sample_allowlist()
{
    static const std::vector<RpcRule> rules{
        {"ACCESS_REG read", 1, {{0, 2, FieldMatch::Order::big, 0x805}, {6, 2, FieldMatch::Order::big, 1}}, 64, 512},
        {"HWRM_VER_GET", 1, {{0, 2, FieldMatch::Order::little, 0}}, 24, 704},
    };
    return rules;
}

std::vector<std::uint8_t> access_reg(std::uint16_t op_mod)
{
    std::vector<std::uint8_t> in(32, 0);
    in[0] = 0x08, in[1] = 0x05;
    in[6] = static_cast<std::uint8_t>(op_mod >> 8), in[7] = static_cast<std::uint8_t>(op_mod);
    return in;
}

}  // namespace

TEST_CASE("rpc_guard: a listed rule with matching bytes is allowed")
{
    const auto& rules = sample_allowlist();
    CHECK(check_rpc(rules, rules[0], access_reg(1), 512));
}

TEST_CASE("rpc_guard: an mlx5 register write (ACCESS_REG op_mod 0) is refused")
{
    const auto& rules = sample_allowlist();
    auto r = check_rpc(rules, rules[0], access_reg(0), 512);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::refused_by_guard);
}

TEST_CASE("rpc_guard: scope 2 and 3 are refused even if a plugin lists them")
{
    for (std::uint32_t scope : {2u, 3u, 99u}) {
        std::vector<RpcRule> rules{{"debug write", scope, {{0, 2, FieldMatch::Order::big, 0x805}}}};
        auto r = check_rpc(rules, rules[0], access_reg(1), 16);
        REQUIRE_FALSE(r);
        CHECK(r.error().detail.find("scope") != std::string::npos);
        CHECK_FALSE(check_allowlist(rules));
    }
}

TEST_CASE("rpc_guard: a rule that is not in the caller's allowlist is refused")
{
    const RpcRule foreign{"NVM_FACTORY_DEFAULTS", 1, {{0, 2, FieldMatch::Order::little, 0xffee}}};
    std::vector<std::uint8_t> in{0xee, 0xff, 0, 0};
    auto r = check_rpc(sample_allowlist(), foreign, in, 8);
    REQUIRE_FALSE(r);
    CHECK(r.error().detail.find("allowlist") != std::string::npos);
}

TEST_CASE("rpc_guard: a request too short to hold the pinned field is refused")
{
    const auto& rules = sample_allowlist();
    CHECK_FALSE(check_rpc(rules, rules[0], std::vector<std::uint8_t>{0x08, 0x05}, 16));
    CHECK_FALSE(check_rpc(rules, rules[1], std::vector<std::uint8_t>{}, 16));
}

TEST_CASE("rpc_guard: oversize requests and reply buffers are refused")
{
    const auto& rules = sample_allowlist();
    CHECK_FALSE(check_rpc(rules, rules[0], std::vector<std::uint8_t>(65, 0), 16));
    auto big = access_reg(1);
    CHECK_FALSE(check_rpc(rules, rules[0], big, 513));
}

TEST_CASE("rpc_guard: little-endian fields compare the right bytes")
{
    const FieldMatch le{0, 2, FieldMatch::Order::little, 0xfff6};
    CHECK(le.matches(std::vector<std::uint8_t>{0xf6, 0xff}));
    CHECK_FALSE(le.matches(std::vector<std::uint8_t>{0xff, 0xf6}));
    const FieldMatch be{2, 4, FieldMatch::Order::big, 0x01020304};
    CHECK(be.matches(std::vector<std::uint8_t>{0, 0, 1, 2, 3, 4}));
}

TEST_CASE("rpc_guard: a rule that pins no field is never allowed")
{
    std::vector<RpcRule> rules{{"anything", 1, {}}};
    CHECK_FALSE(check_rpc(rules, rules[0], std::vector<std::uint8_t>{1, 2, 3}, 8));
    CHECK_FALSE(check_allowlist(rules));
}
