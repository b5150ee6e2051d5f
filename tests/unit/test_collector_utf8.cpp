#include <doctest/doctest.h>

#include "collector/utf8.hpp"

using fwctl::escape_to_utf8;

TEST_CASE("utf8: valid text passes unchanged")
{
    CHECK(escape_to_utf8("mlx5_core") == "mlx5_core");
    CHECK(escape_to_utf8("Grüße €") == "Grüße €");
    CHECK(escape_to_utf8("a\tb\nc") == "a\tb\nc");
}

TEST_CASE("utf8: invalid bytes are escaped, never dropped")
{
    CHECK(escape_to_utf8(std::string("a\xff" "b")) == "a\\xffb");
    CHECK(escape_to_utf8(std::string("\xc3")) == "\\xc3");               // truncated sequence
    CHECK(escape_to_utf8(std::string("\xc0\xaf")) == "\\xc0\\xaf");       // overlong
    CHECK(escape_to_utf8(std::string("\xed\xa0\x80")) == "\\xed\\xa0\\x80");  // surrogate
}

TEST_CASE("utf8: control characters other than tab and newline are escaped")
{
    CHECK(escape_to_utf8(std::string("a\0b", 3)) == "a\\x00b");
    CHECK(escape_to_utf8("\x1b[31m") == "\\x1b[31m");
}
