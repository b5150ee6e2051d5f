// The second pass of --redact: once the field table has found the secret
// values, every string of the document (notes, error messages, plugin fields
// the table does not know, hex dumps) is searched for them, spelled as text or
// hex-encoded, and each occurrence is replaced. This is what keeps a serial
// number that also sits in an INFO hex dump or a firmware note from leaking.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "report/redact/field_classes.hpp"
#include "report/redact/tokens.hpp"

namespace fwctl::report::redact {

// Shorter secrets are replaced in their own field but not swept: replacing
// every "db1" or "0a0b" in a report would garble it.
inline constexpr std::size_t min_swept_text = 4;
inline constexpr std::size_t min_swept_bytes = 4;
// ... and so are values made of fewer distinct bytes than this (0x0000000000000000,
// ff:ff:ff:ff:ff:ff, 0x0000000000000001): their spellings are everywhere in dumps.
inline constexpr std::size_t min_distinct_units = 3;

// One way a secret can be spelled inside another string.
struct Needle {
    enum class Kind {
        text,   // the value itself, any letter case
        bytes,  // hex pairs, any case, optionally one of " :-_." between pairs
    };
    Kind kind = Kind::text;
    std::string text;                 // Kind::text
    std::vector<std::uint8_t> bytes;  // Kind::bytes
    std::string token;                // replaces a text match in ordinary text
    std::string fill;                 // hex digits that replace a match inside hex text
};

// Every spelling of `value` worth searching for: the text (and, for a host
// name, its first label), its ASCII bytes in hex, and, when the value is a hex
// number, MAC or GUID, its bytes big- and little-endian (and a UUID's mixed-endian
// form as EFI and CXL store it).
std::vector<Needle> needles_for(FieldClass c, std::string_view value, const Tokenizer& tokens);

class SecretSweep {
public:
    explicit SecretSweep(const Tokenizer& tokens) : tokens_(tokens) {}

    void add(FieldClass c, std::string_view value);

    // `text` with every known secret replaced. Inside a string that is all hex
    // (a dump), the replacement is hex of the same shape, so the field keeps
    // its schema pattern; elsewhere a text match becomes the class token.
    std::string apply(std::string_view text) const;

private:
    const Tokenizer& tokens_;
    std::vector<Needle> needles_;  // longest first
};

// Only hex digits and the separators hex dumps use (plus a leading 0x).
bool is_hex_text(std::string_view text);

}  // namespace fwctl::report::redact
