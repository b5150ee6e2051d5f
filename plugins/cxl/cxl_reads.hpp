// The two read loops of the cxl plugin, over injected request functions so they
// are testable without a device: the feature list (count, then pages of entries)
// and one value of one feature (Get Feature, paged by offset). They turn in-band
// return codes and the kernel's quirks into per-item outcomes; no I/O of their own.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collector/error.hpp"
#include "plugins/cxl/cxl_wire.hpp"

namespace fwctl::plugins::cxl {

// --- the feature list ------------------------------------------------------------

// Sends Get Supported Features for `entries` entries from index `start`.
using FetchSupported = std::function<Result<SupportedFeatures>(std::uint32_t entries, std::uint16_t start)>;

struct FeatureList {
    std::uint16_t total = 0;            // what the device reports (supported_feats)
    std::vector<FeatureEntry> entries;  // at most max_features, in device order
    std::optional<Error> incomplete;    // a later page failed: `entries` is partial
};

// First with room for no entries (to learn the total), then pages of up to
// features_per_request. An error before any entry was read is returned as such.
Result<FeatureList> read_feature_list(const FetchSupported& fetch, const std::string& what);

// --- one value of one feature ------------------------------------------------------

// Sends Get Feature for `count` bytes at `offset` (selection and UUID are bound).
using FetchFeature = std::function<Result<FeatureData>(std::uint16_t offset, std::uint16_t count)>;

// One selection of one feature as the report shows it.
struct ValueRead {
    std::optional<std::vector<std::uint8_t>> data;  // the value's bytes, when read
    std::string status = "ok";  // ok | not_supported | bad_parameter | unavailable | error
    std::string reason;         // why `data` is missing (empty when read)
    std::optional<Error> error; // for the report's errors list (status "error" only)

    static ValueRead not_requested(std::string why);
};

// Reads `get_size` bytes in requests of at most feature_bytes_per_request.
// `what` names the request in errors ("fwctl0 CXL Get Feature (saved)"), `label`
// the feature ("96dad7d6-... (Patrol Scrub Control)").
ValueRead read_feature_value(const FetchFeature& fetch, std::uint16_t get_size, const std::string& what,
                             const std::string& label);

// How a CXL return code from Get Feature is reported: not_supported, bad_parameter
// or error.
std::string_view status_for_return_code(std::uint32_t retval);

}  // namespace fwctl::plugins::cxl
