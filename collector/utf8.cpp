#include "collector/utf8.hpp"

#include <cstdint>
#include <cstdio>

namespace fwctl {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if invalid.
std::size_t valid_sequence_length(std::string_view s, std::size_t i)
{
    const auto b0 = static_cast<std::uint8_t>(s[i]);
    std::size_t len = 0;
    std::uint32_t min = 0;
    std::uint32_t cp = 0;
    if (b0 < 0x80) {
        return 1;
    } else if ((b0 & 0xe0) == 0xc0) {
        len = 2, min = 0x80, cp = b0 & 0x1fu;
    } else if ((b0 & 0xf0) == 0xe0) {
        len = 3, min = 0x800, cp = b0 & 0x0fu;
    } else if ((b0 & 0xf8) == 0xf0) {
        len = 4, min = 0x10000, cp = b0 & 0x07u;
    } else {
        return 0;
    }
    if (i + len > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<std::uint8_t>(s[i + k]);
        if ((b & 0xc0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return 0;  // overlong, out of range or surrogate
    }
    return len;
}

}  // namespace

std::string escape_to_utf8(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        const auto b = static_cast<std::uint8_t>(bytes[i]);
        const std::size_t len = valid_sequence_length(bytes, i);
        const bool control = b < 0x20 && b != '\t' && b != '\n';
        if (len == 0 || control || b == 0x7f) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02x", b);
            out += hex;
            ++i;
        } else {
            out.append(bytes.substr(i, len));
            i += len;
        }
    }
    return out;
}

std::size_t first_invalid_utf8(std::string_view bytes)
{
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t len = valid_sequence_length(bytes, i);
        if (len == 0) {
            return i;
        }
        i += len;
    }
    return std::string_view::npos;
}

}  // namespace fwctl
