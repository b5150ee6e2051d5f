// Bounds-checked reads of fixed-layout fields from device replies. Every
// access names the field, so a short reply becomes a precise error, never an
// out-of-bounds read.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "collector/error.hpp"
#include "collector/utf8.hpp"

namespace fwctl {

class ByteReader {
public:
    ByteReader(std::span<const std::uint8_t> bytes, std::string_view what) : bytes_(bytes), what_(what) {}

    std::size_t size() const noexcept { return bytes_.size(); }
    bool has(std::size_t offset, std::size_t len) const noexcept
    {
        return offset <= bytes_.size() && len <= bytes_.size() - offset;
    }

    Result<std::uint8_t> u8(std::size_t offset, std::string_view field) const
    {
        return read<std::uint8_t>(offset, 1, false, field);
    }
    Result<std::uint16_t> be16(std::size_t offset, std::string_view field) const
    {
        return read<std::uint16_t>(offset, 2, true, field);
    }
    Result<std::uint32_t> be32(std::size_t offset, std::string_view field) const
    {
        return read<std::uint32_t>(offset, 4, true, field);
    }
    Result<std::uint16_t> le16(std::size_t offset, std::string_view field) const
    {
        return read<std::uint16_t>(offset, 2, false, field);
    }
    Result<std::uint32_t> le32(std::size_t offset, std::string_view field) const
    {
        return read<std::uint32_t>(offset, 4, false, field);
    }

    // A fixed-size, NUL-padded text field (may be unterminated), as UTF-8 with
    // invalid bytes escaped.
    Result<std::string> text(std::size_t offset, std::size_t len, std::string_view field) const
    {
        if (!has(offset, len)) {
            return short_reply(offset, len, field);
        }
        std::string_view raw(reinterpret_cast<const char*>(bytes_.data() + offset), len);
        raw = raw.substr(0, raw.find('\0'));
        return escape_to_utf8(raw);
    }

    Result<std::span<const std::uint8_t>> bytes(std::size_t offset, std::size_t len,
                                                std::string_view field) const
    {
        if (!has(offset, len)) {
            return short_reply(offset, len, field);
        }
        return bytes_.subspan(offset, len);
    }

private:
    template <class T>
    Result<T> read(std::size_t offset, std::size_t len, bool big_endian, std::string_view field) const
    {
        if (!has(offset, len)) {
            return short_reply(offset, len, field);
        }
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < len; ++i) {
            const std::size_t index = big_endian ? i : len - 1 - i;
            value = (value << 8) | bytes_[offset + index];
        }
        return static_cast<T>(value);
    }

    std::unexpected<Error> short_reply(std::size_t offset, std::size_t len, std::string_view field) const
    {
        return fail(Errc::truncated_reply, std::string(what_),
                    std::string(field) + " (bytes " + std::to_string(offset) + ".." +
                        std::to_string(offset + len) + ") lies beyond the " +
                        std::to_string(bytes_.size()) + "-byte reply");
    }

    std::span<const std::uint8_t> bytes_;
    std::string_view what_;
};

}  // namespace fwctl
