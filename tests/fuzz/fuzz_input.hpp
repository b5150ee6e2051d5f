// What every fuzz target shares: libFuzzer's (data, size) as the byte span the
// decoders take, and a way for one input to play several device replies in turn.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace fwctl::fuzz {

using Bytes = std::span<const std::uint8_t>;

// Separates successive replies inside one input, for the paged read loops
// (fetch 1 gets the bytes before the first separator, and so on). It is in each
// target's dictionary, so libFuzzer inserts it, and an input without it is
// simply one reply, which is what the golden replies in the seed corpus are.
inline constexpr std::string_view reply_separator = "\xff" "FUZZ-NEXT-REPLY" "\xff";

inline std::vector<Bytes> split_replies(Bytes input)
{
    const auto* sep = reinterpret_cast<const std::uint8_t*>(reply_separator.data());
    std::vector<Bytes> replies;
    for (;;) {
        const auto at = std::search(input.begin(), input.end(), sep, sep + reply_separator.size());
        replies.push_back(input.subspan(0, static_cast<std::size_t>(at - input.begin())));
        if (at == input.end()) {
            return replies;
        }
        input = input.subspan(static_cast<std::size_t>(at - input.begin()) + reply_separator.size());
    }
}

// The k-th reply of a device that, once it has said everything, repeats itself
// from the start: a loop that asks too often must still end by its own limits.
class ReplyScript {
public:
    explicit ReplyScript(Bytes input) : replies_(split_replies(input)) {}
    Bytes next() { return replies_[calls_++ % replies_.size()]; }
    std::size_t calls() const { return calls_; }

private:
    std::vector<Bytes> replies_;
    std::size_t calls_ = 0;
};

// Host-order dword at `offset`, or 0 past the end (for picking decoder arguments
// out of the input itself, so that a golden reply reaches its decoder's happy path).
inline std::uint32_t be32_at(Bytes b, std::size_t offset)
{
    if (offset + 4 > b.size()) {
        return 0;
    }
    return std::uint32_t{b[offset]} << 24 | std::uint32_t{b[offset + 1]} << 16 |
           std::uint32_t{b[offset + 2]} << 8 | std::uint32_t{b[offset + 3]};
}

inline std::uint16_t le16_at(Bytes b, std::size_t offset)
{
    if (offset + 2 > b.size()) {
        return 0;
    }
    return static_cast<std::uint16_t>(b[offset] | b[offset + 1] << 8);
}

}  // namespace fwctl::fuzz
