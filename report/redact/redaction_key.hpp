// The secret behind the redaction tokens. With --redact-key FILE the same file
// gives the same tokens on every host and run, so redacted reports can still be
// compared; without it each run draws a random key and its tokens match only
// within that report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "collector/error.hpp"

namespace fwctl::report::redact {

// Bounds on a key file: shorter keys are guessable, longer files are not keys.
inline constexpr std::size_t min_key_bytes = 16;
inline constexpr std::size_t max_key_bytes = 4096;

class RedactionKey {
public:
    // 32 random bytes from the OpenSSL CSPRNG.
    static Result<RedactionKey> random();
    // The file's bytes, without trailing newlines (so `echo`-made and
    // `head -c`-made files both work). Errors name the file, never its content.
    static Result<RedactionKey> from_file(const std::string& path);
    // For tests.
    static RedactionKey from_bytes(std::vector<std::uint8_t> bytes, bool keyed);

    RedactionKey(RedactionKey&&) noexcept = default;
    RedactionKey& operator=(RedactionKey&&) noexcept = default;
    RedactionKey(const RedactionKey&) = delete;
    RedactionKey& operator=(const RedactionKey&) = delete;
    ~RedactionKey();  // wipes the bytes

    const std::vector<std::uint8_t>& bytes() const { return bytes_; }
    // True when the key came from a file (tokens are comparable across reports).
    bool keyed() const { return keyed_; }
    // True when the file could be read by group or others (worth a warning).
    bool readable_by_others() const { return readable_by_others_; }

private:
    RedactionKey() = default;
    std::vector<std::uint8_t> bytes_;
    bool keyed_ = false;
    bool readable_by_others_ = false;
};

}  // namespace fwctl::report::redact
