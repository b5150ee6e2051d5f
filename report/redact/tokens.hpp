// Stable replacement tokens: HMAC-SHA256 under the redaction key of the field
// class and the normalised value. The same value gives the same token within a
// report and, with the same --redact-key, across reports; nobody without the
// key can go back from a token to the value or test a guess.
#pragma once

#include <string>
#include <string_view>

#include "report/redact/field_classes.hpp"
#include "report/redact/redaction_key.hpp"

namespace fwctl::report::redact {

class Tokenizer {
public:
    explicit Tokenizer(RedactionKey key) : key_(std::move(key)) {}

    // The token that replaces `value` in a field of class `c`, in a shape a reader
    // (and sos's own cleaner) recognises:
    //   hostname  redacted-host-<12 hex>              (still a valid host name)
    //   serial    REDACTED-SERIAL-<16 hex>
    //   mac       the value's own spelling, digits replaced by a locally
    //             administered unicast address (aa:bb:.. stays aa:bb:..)
    //   guid      the value's own spelling (UUIDs become version-8 UUIDs), so
    //             schema patterns on GUID fields still hold
    std::string token(FieldClass c, std::string_view value) const;

    // 64 hex digits that stand in for a secret found inside a hex dump (see
    // replace_hex_digits); the same `secret_id` gives the same digits every time.
    std::string fill_digits(std::string_view secret_id) const;

    bool keyed() const { return key_.keyed(); }

private:
    std::string hmac_hex(std::string_view label, std::string_view value) const;
    RedactionKey key_;
};

// The value as tokens see it: hex digits only for MACs and GUIDs (aa-bb and
// AA:BB are one MAC), lower case for host names, trimmed for serials.
std::string normalised(FieldClass c, std::string_view value);

// `text` without a leading 0x or 0X.
std::string_view without_hex_prefix(std::string_view text);

// `shape` with its hex digits replaced, in order, by `digits` (cycled if short);
// a leading 0x and all other characters stay, and so does the case of letters.
std::string replace_hex_digits(std::string_view shape, std::string_view digits);

}  // namespace fwctl::report::redact
