// Hex text as the report writes it: lowercase, "0x" for ids, bare pairs for bytes.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace fwctl {

// 0x15b3 -> "0x15b3"; `digits` pads with zeros (0 = no padding).
inline std::string hex_id(std::uint64_t value, int digits = 0)
{
    static constexpr char xdigits[] = "0123456789abcdef";
    std::string body;
    do {
        body.insert(body.begin(), xdigits[value & 0xf]);
        value >>= 4;
    } while (value != 0);
    while (static_cast<int>(body.size()) < digits) {
        body.insert(body.begin(), '0');
    }
    return "0x" + body;
}

// {0x01, 0xab} -> "01ab"
inline std::string hex_bytes(std::span<const std::uint8_t> bytes)
{
    static constexpr char xdigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (std::uint8_t b : bytes) {
        out += xdigits[b >> 4];
        out += xdigits[b & 0xf];
    }
    return out;
}

}  // namespace fwctl
