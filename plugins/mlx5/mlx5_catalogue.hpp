// What the plugin knows about mlx5 non-volatile configuration items: for each item
// (TLV) its type id and size, and for each parameter in it the mlxconfig name, the
// bit position, how to show the value, the bit that says whether the item sets it,
// a category and a one-line description. Data only; mlx5_catalogue.cpp holds the table.
// Sources: /work/shared/mlx5-layouts.md §9 (kernel nv_param.c, mlxconfig_host.db).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace fwctl::plugins::mlx5 {

enum class Category : std::uint8_t { pci, performance, other };
std::string_view category_name(Category category);

enum class ValueKind : std::uint8_t { boolean, integer, enumeration };

struct ValueName {
    std::uint32_t value;
    std::string_view name;
};

// A bit field of the item's data: the big-endian dword at byte `dword`, bits
// lsb .. lsb+width-1 of its host-order value (mlxconfig DB "offset" numbering).
struct FieldPos {
    std::uint8_t dword = 0;
    std::uint8_t lsb = 0;
    std::uint8_t width = 1;
};

struct ParamSpec {
    std::string_view name;  // as mlxconfig shows it: SRIOV_EN, LINK_TYPE_P1, ...
    FieldPos field;
    ValueKind kind = ValueKind::integer;
    std::span<const ValueName> values;  // names of enumeration values
    // The item's "valid" bit for this parameter: when it reads 0 in a next-boot or
    // current image, the item does not set the parameter and the default applies
    // (mlxconfig TLVConf::query does the same).
    std::optional<FieldPos> valid;
    Category category = Category::other;
    std::string_view description;
};

struct ItemSpec {
    std::string_view item;  // TLV name: nv_global_pci_conf, ...
    std::uint32_t type;     // MNVDA type dword: class << 24 | class-specific index
    std::uint16_t length;   // data bytes to request
    std::span<const ParamSpec> params;
};

// Every item, in the order the report lists them.
std::span<const ItemSpec> catalogue();
const ItemSpec* find_item(std::uint32_t type);

}  // namespace fwctl::plugins::mlx5
