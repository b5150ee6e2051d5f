#include "report/redact/tokens.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "collector/hex.hpp"

namespace fwctl::report::redact {

namespace {

bool is_hex_digit(char c)
{
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

bool is_uuid(std::string_view v)
{
    return v.size() == 36 && v[8] == '-' && v[13] == '-' && v[18] == '-' && v[23] == '-';
}

// "0x" is part of the spelling, not a digit to replace.
std::size_t prefix_length(std::string_view shape)
{
    return shape.size() - without_hex_prefix(shape).size();
}

}  // namespace

std::string_view without_hex_prefix(std::string_view text)
{
    const bool prefixed = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    return prefixed ? text.substr(2) : text;
}

std::string normalised(FieldClass c, std::string_view value)
{
    std::string out;
    switch (c) {
    case FieldClass::mac:
    case FieldClass::guid:
        value.remove_prefix(prefix_length(value));
        for (char ch : value) {
            if (is_hex_digit(ch)) {
                out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            }
        }
        return out;
    case FieldClass::hostname:
        for (char ch : value) {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        }
        return out;
    case FieldClass::serial:
        break;
    }
    const auto first = value.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = value.find_last_not_of(" \t\r\n");
    return std::string(value.substr(first, last - first + 1));
}

std::string replace_hex_digits(std::string_view shape, std::string_view digits)
{
    std::string out(shape);
    if (digits.empty()) {
        return out;
    }
    // Digits have no case: the spelling is upper case when its letters are.
    const auto body = shape.substr(prefix_length(shape));
    const bool upper = body.find_first_of("ABCDEF") != std::string_view::npos &&
                       body.find_first_of("abcdef") == std::string_view::npos;
    std::size_t next = 0;
    for (std::size_t i = prefix_length(shape); i < out.size(); ++i) {
        if (!is_hex_digit(out[i])) {
            continue;
        }
        const char d = digits[next++ % digits.size()];
        out[i] = upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(d))) : d;
    }
    return out;
}

std::string Tokenizer::hmac_hex(std::string_view label, std::string_view value) const
{
    // The label keeps classes apart: a serial and a host name spelled alike get different tokens.
    std::string message(label);
    message += '\0';
    message += value;
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), key_.bytes().data(), static_cast<int>(key_.bytes().size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(), &length);
    return hex_bytes(std::span<const std::uint8_t>(digest.data(), length));
}

std::string Tokenizer::token(FieldClass c, std::string_view value) const
{
    const std::string digest = hmac_hex(class_name(c), normalised(c, value));
    switch (c) {
    case FieldClass::hostname:
        return "redacted-host-" + digest.substr(0, 12);
    case FieldClass::serial:
        return "REDACTED-SERIAL-" + digest.substr(0, 16);
    case FieldClass::mac: {
        // First octet: unicast (bit 0 clear), locally administered (bit 1 set),
        // so a token can never be a vendor's real address.
        std::string digits = digest.substr(0, 12);
        const int first = (std::stoi(digits.substr(0, 2), nullptr, 16) & 0xfc) | 0x02;
        digits.replace(0, 2, hex_id(static_cast<std::uint64_t>(first), 2).substr(2));
        return replace_hex_digits(value, digits);
    }
    case FieldClass::guid: {
        std::string digits = digest.substr(0, 32);
        if (is_uuid(value)) {
            digits[12] = '8';                                                      // version 8: custom
            digits[16] = "89ab"[std::stoi(digits.substr(16, 1), nullptr, 16) & 3];  // RFC 9562 variant
        }
        return replace_hex_digits(value, digits);
    }
    }
    return "REDACTED";
}

std::string Tokenizer::fill_digits(std::string_view secret_id) const
{
    return hmac_hex("hex-fill", secret_id);
}

}  // namespace fwctl::report::redact
