#include <doctest/doctest.h>

#include "collector/taint.hpp"

using namespace fwctl;

TEST_CASE("taint: zero decodes to no flags")
{
    const auto state = decode_taint(0);
    CHECK(state.value == 0);
    CHECK(state.flags.empty());
}

TEST_CASE("taint: all 20 known flags are decoded with letter and name")
{
    const auto state = decode_taint((1u << 20) - 1);
    REQUIRE(state.flags.size() == 20);
    const std::string letters = [&] {
        std::string s;
        for (const auto& f : state.flags) s += f.letter;
        return s;
    }();
    CHECK(letters == "PFSRMBUDAWCIOELKXTNJ");
    CHECK(state.flags[0].name == "TAINT_PROPRIETARY_MODULE");
    CHECK(state.flags[12].name == "TAINT_OOT_MODULE");
}

TEST_CASE("taint: bit 19 is TAINT_FWCTL, letter J")
{
    const auto state = decode_taint(0x80000);
    REQUIRE(state.flags.size() == 1);
    CHECK(state.flags[0].bit == taint_fwctl_bit);
    CHECK(state.flags[0].letter == 'J');
    CHECK(state.flags[0].name == "TAINT_FWCTL");
}

TEST_CASE("taint: unknown higher bits are reported as 'bit N', never dropped")
{
    const auto state = decode_taint((std::uint64_t{1} << 20) | (std::uint64_t{1} << 63) | 1);
    REQUIRE(state.flags.size() == 3);
    CHECK(state.flags[1].name == "bit 20");
    CHECK(state.flags[1].letter == '?');
    CHECK(state.flags[2].name == "bit 63");
}

TEST_CASE("taint: the decimal text of /proc/sys/kernel/tainted is parsed, garbage is an error")
{
    CHECK(parse_taint_text("4096\n", "t").value() == 4096);
    CHECK(parse_taint_text("0", "t").value() == 0);
    CHECK_FALSE(parse_taint_text("", "t"));
    CHECK_FALSE(parse_taint_text("0x10", "t"));
    CHECK_FALSE(parse_taint_text("-1", "t"));
    CHECK_FALSE(parse_taint_text("12 34", "t"));
    CHECK_FALSE(parse_taint_text("99999999999999999999999", "t"));
    CHECK(parse_taint_text("abc", "t").error().code == Errc::malformed_reply);
}

TEST_CASE("taint: a missing taint file is an io error naming the path")
{
    auto r = read_kernel_taint("/nonexistent/tainted");
    REQUIRE_FALSE(r);
    CHECK(r.error().where == "/nonexistent/tainted");
    CHECK(r.error().sys_errno != 0);
}
