// Turns what was read about one configuration item into the report's
// config_entry objects: one per catalogue parameter (decoded, with mlxconfig
// names), or one raw entry for an item the catalogue does not know. Pure.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collector/snapshot.hpp"
#include "plugins/mlx5/mlx5_catalogue.hpp"
#include "plugins/mlx5/mlx5_nv_regs.hpp"

namespace fwctl::plugins::mlx5 {

enum class ItemStatus : std::uint8_t { ok, not_supported, bad_parameter, unavailable, error };
std::string_view item_status_name(ItemStatus status);  // the config_entry `status` values

// One value (default, current or next-boot) of an item: its data bytes, or why not.
struct ValueSlot {
    std::optional<std::vector<std::uint8_t>> data;
    std::string unavailable;
};

struct ItemReading {
    std::uint32_t type = 0;
    const ItemSpec* spec = nullptr;  // null: not in the catalogue, reported raw
    std::array<ValueSlot, 3> values; // indexed by AccessMode (next, current, default)
    ItemStatus status = ItemStatus::ok;
    std::string firmware_status;     // the firmware's refusal of this item, if any
    std::optional<std::uint8_t> writer_id;  // who stored the item in flash (MNVGN)

    ValueSlot& slot(AccessMode mode) { return values[static_cast<std::size_t>(mode)]; }
    const ValueSlot& slot(AccessMode mode) const { return values[static_cast<std::size_t>(mode)]; }
    bool has_any_value() const;
};

// Appends the reading's entries to `config` (a JSON array).
void append_config_entries(Tree& config, const ItemReading& reading);

}  // namespace fwctl::plugins::mlx5
