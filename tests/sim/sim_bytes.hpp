// Byte helpers for the emulator: wire-order stores and loads, hex text, errno names.
// Device replies are built byte by byte in the vendor's wire order, never by casting
// host structs, so a reply is right on any host and matches the layouts notes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fwctl::sim {

using Bytes = std::vector<uint8_t>;

// Stores grow `b` when needed, so a reply can be filled in any field order.
void put_be16(Bytes& b, size_t off, uint16_t v);
void put_be32(Bytes& b, size_t off, uint32_t v);
void put_le16(Bytes& b, size_t off, uint16_t v);
void put_le32(Bytes& b, size_t off, uint32_t v);
void put_u8(Bytes& b, size_t off, uint8_t v);
// Copies at most `width` bytes of `s`; the rest of the field stays zero (NUL padding).
void put_ascii(Bytes& b, size_t off, std::string_view s, size_t width);

// Loads read zero past the end: a short request decodes as if zero-padded, which is
// what a driver sees in its kvzalloc'ed copy of a too-short user buffer.
uint16_t get_be16(std::span<const uint8_t> b, size_t off);
uint16_t get_le16(std::span<const uint8_t> b, size_t off);
uint32_t get_le32(std::span<const uint8_t> b, size_t off);
uint8_t get_u8(std::span<const uint8_t> b, size_t off);

std::string to_hex(std::span<const uint8_t> b);
// Accepts upper/lower case and ignores spaces, '_' and ':' so labs can group bytes.
std::optional<Bytes> from_hex(std::string_view text);

// A request pattern: hex bytes where "??" matches any byte. Matches as a prefix.
struct BytePattern {
    Bytes value;
    Bytes care;  // 1 = this byte must equal value, 0 = wildcard
    bool matches(std::span<const uint8_t> data) const;
};
std::optional<BytePattern> parse_pattern(std::string_view text);

// errno <-> name for the lab file and the RPC log ("" for 0, "E<n>" for unknown).
std::string errno_name(int err);
std::optional<int> errno_from_name(std::string_view name);

}  // namespace fwctl::sim
