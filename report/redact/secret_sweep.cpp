#include "report/redact/secret_sweep.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace fwctl::report::redact {

namespace {

constexpr std::string_view separators = " :-_.";

bool is_hex_digit(char c)
{
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

int digit_value(char c)
{
    const int l = std::tolower(static_cast<unsigned char>(c));
    return l <= '9' ? l - '0' : l - 'a' + 10;
}

char lower(char c)
{
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// The bytes a hex-number spelling stands for ("0x3b5a..", "aa:bb:..", UUIDs);
// nullopt for anything else. An odd digit count gets a leading zero, as a number.
std::optional<std::vector<std::uint8_t>> hex_value_bytes(std::string_view value)
{
    value = without_hex_prefix(value);
    std::string digits;
    for (char c : value) {
        if (is_hex_digit(c)) {
            digits += c;
        } else if (separators.find(c) == std::string_view::npos) {
            return std::nullopt;
        }
    }
    if (digits.size() % 2 != 0) {
        digits.insert(digits.begin(), '0');
    }
    std::vector<std::uint8_t> bytes;
    for (std::size_t i = 0; i + 1 < digits.size(); i += 2) {
        bytes.push_back(static_cast<std::uint8_t>(digit_value(digits[i]) * 16 + digit_value(digits[i + 1])));
    }
    return bytes;
}

// Where a byte needle matches at `at`, the end of the match.
std::optional<std::size_t> match_bytes(std::string_view text, std::size_t at, const std::vector<std::uint8_t>& bytes)
{
    static constexpr char xdigits[] = "0123456789abcdef";
    std::size_t i = at;
    for (std::size_t k = 0; k < bytes.size(); ++k) {
        if (k > 0 && i < text.size() && separators.find(text[i]) != std::string_view::npos) {
            ++i;
        }
        if (i + 2 > text.size() || lower(text[i]) != xdigits[bytes[k] >> 4] ||
            lower(text[i + 1]) != xdigits[bytes[k] & 0xf]) {
            return std::nullopt;
        }
        i += 2;
    }
    return i;
}

std::optional<std::size_t> match_text(std::string_view text, std::size_t at, std::string_view needle)
{
    if (at + needle.size() > text.size()) {
        return std::nullopt;
    }
    for (std::size_t k = 0; k < needle.size(); ++k) {
        if (lower(text[at + k]) != lower(needle[k])) {
            return std::nullopt;
        }
    }
    return at + needle.size();
}

// A value such as 0x0000000000000000, ff:ff:ff:ff:ff:ff or "0001" (an unset serial,
// a broadcast MAC) is not worth sweeping: its spellings match ordinary data (zero
// bytes in every dump), and replacing those would lose information, not protect it.
template <class Range>
bool too_plain_to_sweep(const Range& units)
{
    std::set<int> distinct;
    for (const auto u : units) {
        distinct.insert(static_cast<int>(u));
    }
    return distinct.size() < min_distinct_units;
}

// The characters that tell one value from another: no 0x, no separators, one case.
std::string significant_characters(std::string_view text)
{
    text = without_hex_prefix(text);
    std::string out;
    for (char c : text) {
        if (separators.find(c) == std::string_view::npos) {
            out += lower(c);
        }
    }
    return out;
}

std::size_t needle_length(const Needle& n)
{
    return n.kind == Needle::Kind::text ? n.text.size() : n.bytes.size() * 2;
}

}  // namespace

bool is_hex_text(std::string_view text)
{
    text = without_hex_prefix(text);
    bool digit = false;
    for (char c : text) {
        if (is_hex_digit(c)) {
            digit = true;
        } else if (separators.find(c) == std::string_view::npos) {
            return false;
        }
    }
    return digit;
}

std::vector<Needle> needles_for(FieldClass c, std::string_view value, const Tokenizer& tokens)
{
    const std::string token = tokens.token(c, value);
    const std::string id = std::string(class_name(c)) + '\0' + normalised(c, value);
    const bool shaped = c == FieldClass::mac || c == FieldClass::guid;
    std::vector<Needle> out;
    const auto add_text = [&](std::string_view text) {
        if (text.size() >= min_swept_text && !too_plain_to_sweep(significant_characters(text))) {
            out.push_back({Needle::Kind::text, std::string(text), {}, token,
                           shaped ? normalised(c, token) : tokens.fill_digits(id + '\0' + "text")});
        }
    };
    const auto add_bytes = [&](std::vector<std::uint8_t> bytes, std::string_view form, bool token_fill) {
        if (bytes.size() >= min_swept_bytes && !too_plain_to_sweep(bytes)) {
            out.push_back({Needle::Kind::bytes, {}, std::move(bytes), token,
                           token_fill ? normalised(c, token) : tokens.fill_digits(id + '\0' + std::string(form))});
        }
    };

    std::vector<std::string_view> spellings{value};
    if (const auto dot = value.find('.'); c == FieldClass::hostname && dot != std::string_view::npos) {
        spellings.push_back(value.substr(0, dot));  // web01 of web01.example.com
    }
    for (const auto text : spellings) {
        add_text(text);
        add_bytes(std::vector<std::uint8_t>(text.begin(), text.end()), "ascii " + std::string(text), false);
    }
    if (const auto bytes = hex_value_bytes(value)) {
        add_bytes(*bytes, "big-endian", shaped);
        add_bytes(std::vector<std::uint8_t>(bytes->rbegin(), bytes->rend()), "little-endian", false);
        if (bytes->size() == 16 && value.size() == 36) {
            auto mixed = *bytes;  // EFI_GUID / CXL: the first three fields little-endian
            std::reverse(mixed.begin(), mixed.begin() + 4);
            std::reverse(mixed.begin() + 4, mixed.begin() + 6);
            std::reverse(mixed.begin() + 6, mixed.begin() + 8);
            add_bytes(std::move(mixed), "mixed-endian", false);
        }
    }
    return out;
}

void SecretSweep::add(FieldClass c, std::string_view value)
{
    auto more = needles_for(c, value, tokens_);
    needles_.insert(needles_.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    // Longest first: "0x3b5a.." goes as a whole before its digits match as bytes.
    std::stable_sort(needles_.begin(), needles_.end(),
                     [](const Needle& a, const Needle& b) { return needle_length(a) > needle_length(b); });
}

std::string SecretSweep::apply(std::string_view input) const
{
    std::string text(input);
    const bool hex_dump = is_hex_text(text);
    for (const auto& needle : needles_) {
        std::string out;
        std::size_t i = 0;
        while (i < text.size()) {
            const auto end = needle.kind == Needle::Kind::text ? match_text(text, i, needle.text)
                                                              : match_bytes(text, i, needle.bytes);
            if (!end) {
                out += text[i++];
                continue;
            }
            const std::string_view found = std::string_view(text).substr(i, *end - i);
            const bool as_hex = hex_dump || needle.kind == Needle::Kind::bytes;
            out += as_hex ? replace_hex_digits(found, needle.fill) : needle.token;
            i = *end;
        }
        text = std::move(out);
    }
    return text;
}

}  // namespace fwctl::report::redact
