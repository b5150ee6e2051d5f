// Helpers for the cxl plugin's unit tests: golden reply files, host-order envelope
// fields, hex, and a small deterministic generator for garbage inputs.
#pragma once

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include "collector/hex.hpp"

namespace cxl_test {

using Bytes = std::vector<std::uint8_t>;

// plugins/cxl/tests/golden/replies/<name>, written by make_replies.py.
inline Bytes golden(const std::string& name)
{
    std::ifstream in(std::string(FWCTL_SOURCE_DIR) + "/plugins/cxl/tests/golden/replies/" + name, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::uint32_t host32(std::span<const std::uint8_t> b, std::size_t off)
{
    std::uint32_t v = 0;
    std::memcpy(&v, b.data() + off, 4);
    return v;
}

inline void put_host32(Bytes& b, std::size_t off, std::uint32_t v) { std::memcpy(b.data() + off, &v, 4); }

inline std::uint16_t le16(std::span<const std::uint8_t> b, std::size_t off)
{
    return static_cast<std::uint16_t>(b[off] | (b[off + 1] << 8));
}

inline Bytes from_hex(const std::string& text)
{
    Bytes out;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
        out.push_back(static_cast<std::uint8_t>(std::stoi(text.substr(i, 2), nullptr, 16)));
    }
    return out;
}

inline std::string hex(std::span<const std::uint8_t> b) { return fwctl::hex_bytes(b); }

// xorshift32: the same "random" bytes on every run, so a failure reproduces.
struct Garbage {
    std::uint32_t state = 0x2545f491u;
    std::uint32_t next()
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    }
    Bytes bytes(std::size_t max_len)
    {
        Bytes b(next() % (max_len + 1));
        for (auto& x : b) {
            x = static_cast<std::uint8_t>(next());
        }
        return b;
    }
};

}  // namespace cxl_test
