// Text from sysfs and firmware is bytes, not UTF-8. Reports must be valid
// UTF-8 and must not silently drop anything, so invalid bytes are escaped.
#pragma once
#include <string>
#include <string_view>

namespace fwctl {
// Valid UTF-8 passes unchanged; each invalid byte becomes "\xNN"; NUL and
// other C0 controls except tab/newline become "\xNN" too.
std::string escape_to_utf8(std::string_view bytes);

// The offset of the first byte that does not start a valid UTF-8 sequence,
// or npos when all of `bytes` is valid UTF-8.
std::size_t first_invalid_utf8(std::string_view bytes);
}
