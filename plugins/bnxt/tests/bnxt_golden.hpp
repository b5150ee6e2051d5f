// The golden bnxt reply bytes (tests/golden/replies/*.bin, written by
// make_replies.py from the HSI layouts), shared by the bnxt test files.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace fwctl::plugins::bnxt::testing {

inline std::vector<std::uint8_t> golden(const char* name)
{
    const auto path = std::filesystem::path(FWCTL_SOURCE_DIR) / "plugins/bnxt/tests/golden/replies" / name;
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "missing golden reply " << path);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

}  // namespace fwctl::plugins::bnxt::testing
