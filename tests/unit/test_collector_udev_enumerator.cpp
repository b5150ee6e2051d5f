#include <doctest/doctest.h>

#include "collector/udev_enumerator.hpp"

using fwctl::device_name_less;

TEST_CASE("udev_enumerator: device names sort naturally (fwctl2 before fwctl10)")
{
    CHECK(device_name_less("fwctl2", "fwctl10"));
    CHECK_FALSE(device_name_less("fwctl10", "fwctl2"));
    CHECK(device_name_less("fwctl0", "fwctl1"));
    CHECK_FALSE(device_name_less("fwctl1", "fwctl1"));
    CHECK(device_name_less("aaa", "fwctl0"));
}
