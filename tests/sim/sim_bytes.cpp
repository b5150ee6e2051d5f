#include "tests/sim/sim_bytes.hpp"

#include <array>
#include <cerrno>
#include <utility>

namespace fwctl::sim {
namespace {

void ensure(Bytes& b, size_t end) {
    if (b.size() < end)
        b.resize(end, 0);
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool is_separator(char c) { return c == ' ' || c == '_' || c == ':' || c == '\n' || c == '\t'; }

// The names labs may use for injected failures, plus the ones the emulated kernel
// itself produces (so every logged errno has a readable name).
constexpr std::array<std::pair<std::string_view, int>, 19> kErrnoNames{{
    {"EIO", EIO},         {"ENODEV", ENODEV},       {"EBADMSG", EBADMSG},
    {"EMSGSIZE", EMSGSIZE}, {"EPERM", EPERM},       {"EACCES", EACCES},
    {"ENOMEM", ENOMEM},   {"EINTR", EINTR},         {"EAGAIN", EAGAIN},
    {"EINVAL", EINVAL},   {"EOPNOTSUPP", EOPNOTSUPP}, {"ETIMEDOUT", ETIMEDOUT},
    {"E2BIG", E2BIG},     {"ENOTTY", ENOTTY},       {"EFAULT", EFAULT},
    {"ENOENT", ENOENT},   {"EBUSY", EBUSY},         {"EREMOTEIO", EREMOTEIO},
    {"ENOSPC", ENOSPC},
}};

}  // namespace

void put_u8(Bytes& b, size_t off, uint8_t v) {
    ensure(b, off + 1);
    b[off] = v;
}

void put_be16(Bytes& b, size_t off, uint16_t v) {
    ensure(b, off + 2);
    b[off] = static_cast<uint8_t>(v >> 8);
    b[off + 1] = static_cast<uint8_t>(v);
}

void put_be32(Bytes& b, size_t off, uint32_t v) {
    ensure(b, off + 4);
    for (size_t i = 0; i < 4; ++i)
        b[off + i] = static_cast<uint8_t>(v >> (24 - 8 * i));
}

void put_le16(Bytes& b, size_t off, uint16_t v) {
    ensure(b, off + 2);
    b[off] = static_cast<uint8_t>(v);
    b[off + 1] = static_cast<uint8_t>(v >> 8);
}

void put_le32(Bytes& b, size_t off, uint32_t v) {
    ensure(b, off + 4);
    for (size_t i = 0; i < 4; ++i)
        b[off + i] = static_cast<uint8_t>(v >> (8 * i));
}

void put_ascii(Bytes& b, size_t off, std::string_view s, size_t width) {
    ensure(b, off + width);
    for (size_t i = 0; i < width && i < s.size(); ++i)
        b[off + i] = static_cast<uint8_t>(s[i]);
}

uint8_t get_u8(std::span<const uint8_t> b, size_t off) { return off < b.size() ? b[off] : 0; }

uint16_t get_be16(std::span<const uint8_t> b, size_t off) {
    return static_cast<uint16_t>(get_u8(b, off) << 8 | get_u8(b, off + 1));
}

uint16_t get_le16(std::span<const uint8_t> b, size_t off) {
    return static_cast<uint16_t>(get_u8(b, off) | get_u8(b, off + 1) << 8);
}

uint32_t get_le32(std::span<const uint8_t> b, size_t off) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i)
        v |= static_cast<uint32_t>(get_u8(b, off + i)) << (8 * i);
    return v;
}

std::string to_hex(std::span<const uint8_t> b) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s;
    s.reserve(b.size() * 2);
    for (uint8_t v : b) {
        s.push_back(kDigits[v >> 4]);
        s.push_back(kDigits[v & 0xf]);
    }
    return s;
}

std::optional<BytePattern> parse_pattern(std::string_view text) {
    BytePattern p;
    std::string digits;
    for (char c : text)
        if (!is_separator(c))
            digits.push_back(c);
    if (digits.size() % 2 != 0)
        return std::nullopt;
    for (size_t i = 0; i < digits.size(); i += 2) {
        if (digits[i] == '?' && digits[i + 1] == '?') {
            p.value.push_back(0);
            p.care.push_back(0);
            continue;
        }
        int hi = hex_digit(digits[i]);
        int lo = hex_digit(digits[i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        p.value.push_back(static_cast<uint8_t>(hi << 4 | lo));
        p.care.push_back(1);
    }
    return p;
}

std::optional<Bytes> from_hex(std::string_view text) {
    auto p = parse_pattern(text);
    if (!p)
        return std::nullopt;
    for (uint8_t c : p->care)
        if (c == 0)
            return std::nullopt;  // wildcards only make sense in match patterns
    return std::move(p->value);
}

bool BytePattern::matches(std::span<const uint8_t> data) const {
    if (data.size() < value.size())
        return false;
    for (size_t i = 0; i < value.size(); ++i)
        if (care[i] && data[i] != value[i])
            return false;
    return true;
}

std::string errno_name(int err) {
    if (err == 0)
        return "";
    for (const auto& [name, value] : kErrnoNames)
        if (value == err)
            return std::string(name);
    return "E" + std::to_string(err);
}

std::optional<int> errno_from_name(std::string_view name) {
    for (const auto& [n, value] : kErrnoNames)
        if (n == name)
            return value;
    return std::nullopt;
}

}  // namespace fwctl::sim
