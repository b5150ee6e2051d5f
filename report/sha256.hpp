// SHA-256 for the manifest, via OpenSSL's libcrypto (maintained, in every distro).
#pragma once
#include <string>
#include <string_view>

namespace fwctl::report {
std::string sha256_hex(std::string_view data);  // 64 lowercase hex digits
}
