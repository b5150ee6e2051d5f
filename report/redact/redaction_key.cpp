#include "report/redact/redaction_key.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "collector/unique_fd.hpp"

namespace fwctl::report::redact {

namespace {

constexpr std::string_view how_to_make =
    " (make one with: head -c 32 /dev/urandom > FILE; chmod 600 FILE)";

}  // namespace

Result<RedactionKey> RedactionKey::random()
{
    RedactionKey key;
    key.bytes_.resize(32);
    if (RAND_bytes(key.bytes_.data(), static_cast<int>(key.bytes_.size())) != 1) {
        return fail(Errc::internal, "--redact", "the OpenSSL random generator failed; cannot make a redaction key");
    }
    return key;
}

RedactionKey RedactionKey::from_bytes(std::vector<std::uint8_t> bytes, bool keyed)
{
    RedactionKey key;
    key.bytes_ = std::move(bytes);
    key.keyed_ = keyed;
    return key;
}

Result<RedactionKey> RedactionKey::from_file(const std::string& path)
{
    const std::string where = "--redact-key " + path;
    // O_NONBLOCK: a FIFO or device named by mistake must not hang the run.
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (!fd) {
        return fail(Errc::invalid_input, where, "cannot open the key file", errno);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        return fail(Errc::invalid_input, where, "cannot stat the key file", errno);
    }
    if (!S_ISREG(st.st_mode)) {
        return fail(Errc::invalid_input, where, "is not a regular file" + std::string(how_to_make));
    }
    if (static_cast<std::uint64_t>(st.st_size) > max_key_bytes + 2) {
        return fail(Errc::invalid_input, where,
                    "is " + std::to_string(st.st_size) + " bytes; a key file holds " +
                        std::to_string(min_key_bytes) + " to " + std::to_string(max_key_bytes) + " bytes" +
                        std::string(how_to_make));
    }
    RedactionKey key;
    key.keyed_ = true;
    key.readable_by_others_ = (st.st_mode & 0077) != 0;
    key.bytes_.resize(max_key_bytes + 3);  // one more than allowed: a file that grew is still caught
    std::size_t used = 0;
    while (used < key.bytes_.size()) {
        const ssize_t n = ::read(fd.get(), key.bytes_.data() + used, key.bytes_.size() - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return fail(Errc::invalid_input, where, "cannot read the key file", errno);
        }
        if (n == 0) {
            break;
        }
        used += static_cast<std::size_t>(n);
    }
    key.bytes_.resize(used);
    while (!key.bytes_.empty() && (key.bytes_.back() == '\n' || key.bytes_.back() == '\r')) {
        key.bytes_.pop_back();
    }
    if (key.bytes_.size() < min_key_bytes || key.bytes_.size() > max_key_bytes) {
        return fail(Errc::invalid_input, where,
                    "holds " + std::to_string(key.bytes_.size()) + " bytes; a key needs " +
                        std::to_string(min_key_bytes) + " to " + std::to_string(max_key_bytes) +
                        std::string(how_to_make));
    }
    return key;
}

RedactionKey::~RedactionKey()
{
    if (!bytes_.empty()) {
        OPENSSL_cleanse(bytes_.data(), bytes_.size());
    }
}

}  // namespace fwctl::report::redact
