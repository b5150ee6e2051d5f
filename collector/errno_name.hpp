// Symbolic errno names ("EIO") for reports: numbers differ between
// architectures, names are what support engineers search for.
#pragma once
#include <string>

namespace fwctl {
// "EIO" for 5; "errno 1234" for values the tool does not know; "" for 0.
std::string errno_name(int sys_errno);
}
