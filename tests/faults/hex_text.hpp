// Hex text as the RPC log and the lab files write it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace faults {

std::vector<std::uint8_t> from_hex(const std::string& hex);
std::string to_hex(const std::vector<std::uint8_t>& bytes);

}  // namespace faults
