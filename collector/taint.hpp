// Kernel taint: /proc/sys/kernel/tainted decoded into named flags, read
// before and after collection. Bit 19 (J, TAINT_FWCTL) is set by the first
// fwctl RPC at scope >= 2; fwctl-report must never be the cause.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "collector/error.hpp"
#include "collector/snapshot.hpp"

namespace fwctl {

inline constexpr unsigned taint_fwctl_bit = 19;
inline constexpr unsigned known_taint_flags = 20;  // TAINT_FLAGS_COUNT in include/linux/panic.h

// Every set bit, in bit order; unknown bits are named "bit N" with letter '?'.
TaintState decode_taint(std::uint64_t value);

// Parses the decimal text of /proc/sys/kernel/tainted.
Result<std::uint64_t> parse_taint_text(std::string_view text, std::string_view where);

Result<TaintState> read_kernel_taint(const std::string& path = "/proc/sys/kernel/tainted");

// /sys/module/<m>/taint for the fwctl-related modules that are loaded.
std::vector<ModuleTaint> read_module_taints();

}  // namespace fwctl
