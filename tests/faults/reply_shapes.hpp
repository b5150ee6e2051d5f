// What a reply header looks like per device type: the only per-vendor
// knowledge the fault matrix needs. A device type that sends RPCs but has no
// shape here fails the matrix, so a new plugin cannot slip past it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace faults {

using Bytes = std::vector<std::uint8_t>;

struct ReplyShape {
    std::size_t header_len = 0;  // shorter than this cannot even carry a status
    // The firmware's own "internal error" answer to `request`, `out_len` bytes.
    Bytes (*in_band_error)(const Bytes& request, std::uint32_t out_len) = nullptr;
    // Status success, but every length/count field and all data bytes 0xff.
    Bytes (*length_overflow)(const Bytes& request, std::uint32_t out_len) = nullptr;
};

std::optional<ReplyShape> reply_shape(std::uint32_t type_id);

}  // namespace faults
