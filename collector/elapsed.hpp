// Monotonic durations for the report's timing fields.
#pragma once

#include <chrono>
#include <cstdint>

namespace fwctl {

using SteadyClock = std::chrono::steady_clock;

// Nanoseconds since `start` on the steady clock.
inline std::uint64_t elapsed_ns(SteadyClock::time_point start)
{
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(SteadyClock::now() - start).count());
}

}  // namespace fwctl
