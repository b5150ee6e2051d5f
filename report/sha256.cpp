#include "report/sha256.hpp"

#include <openssl/evp.h>

#include <span>

#include "collector/hex.hpp"

namespace fwctl::report {

std::string sha256_hex(std::string_view data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    // EVP_Digest only fails on allocation failure; an empty digest then makes
    // the manifest fail schema validation loudly rather than lie.
    if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
        return "";
    }
    return hex_bytes(std::span<const std::uint8_t>(digest, len));
}

}  // namespace fwctl::report
