// The CXL features this tool knows by UUID, and decoders of their readable
// attributes (the bytes Get Feature returns). Catalogue as data, decoders pure.
//
// Sources: include/cxl/features.h (UUIDs), drivers/cxl/core/features.c
// (cxl_exclusive_feats), drivers/cxl/core/edac.c (attribute layouts, CXL r3.2
// Tables 8-128, 8-131, 8-134, 8-222, 8-225).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "collector/error.hpp"
#include "plugins/cxl/cxl_wire.hpp"

namespace fwctl::plugins::cxl {

enum class Layout { patrol_scrub, ecs, ppr, sparing };

struct KnownFeature {
    std::string_view uuid;      // canonical text
    std::string_view name;      // CXL spec name, reported as the entries' `item`
    std::string_view key;       // prefix of decoded field names: "patrol_scrub"
    std::string_view category;  // "ras" or "memory_repair"
    Layout layout;
    bool kernel_exclusive;      // listed in cxl_exclusive_feats: Set Feature gives EPERM
};

std::span<const KnownFeature> known_features();
const KnownFeature* find_known_feature(const Uuid& uuid);  // nullptr if unknown

// A decoded value: config values are scalars.
using FieldValue = std::variant<bool, std::int64_t, std::string>;

struct Field {
    std::string name;         // "patrol_scrub.scrub_cycle_hours"
    FieldValue value;
    std::string description;  // one sentence: what the field says and where it lives
};

// Media FRUs decoded at most for ECS; a larger count is reported undecoded.
inline constexpr std::size_t max_ecs_frus = 32;

// Decodes one selection's bytes. Fails (never throws) when `data` does not fit the
// layout: shorter than it, or an ECS size that is not 1 + 4 x FRUs.
Result<std::vector<Field>> decode_feature(const KnownFeature& feature, std::span<const std::uint8_t> data);

}  // namespace fwctl::plugins::cxl
