#include <doctest/doctest.h>

#include <regex>

#include "report/redact/tokens.hpp"

using namespace fwctl::report::redact;

namespace {

Tokenizer tokenizer(std::string key)
{
    return Tokenizer(RedactionKey::from_bytes(std::vector<std::uint8_t>(key.begin(), key.end()), true));
}

bool matches(const std::string& text, const char* pattern)
{
    return std::regex_match(text, std::regex(pattern));
}

}  // namespace

TEST_CASE("tokens: the same value and key give the same token; another key or value another token")
{
    const auto a = tokenizer("key A, sixteen bytes or more");
    const auto b = tokenizer("key B, sixteen bytes or more");
    CHECK(a.token(FieldClass::serial, "0x3b5a7c9e12d4f601") == a.token(FieldClass::serial, "0x3b5a7c9e12d4f601"));
    CHECK(a.token(FieldClass::serial, "0x3b5a7c9e12d4f601") != a.token(FieldClass::serial, "0x3b5a7c9e12d4f602"));
    CHECK(a.token(FieldClass::serial, "0x3b5a7c9e12d4f601") != b.token(FieldClass::serial, "0x3b5a7c9e12d4f601"));
    CHECK(a.keyed());
}

TEST_CASE("tokens: serials and host names become labelled tokens; a host token is still a valid host name")
{
    const auto t = tokenizer("0123456789abcdef0123");
    CHECK(matches(t.token(FieldClass::serial, "MT2145X12345"), "REDACTED-SERIAL-[0-9a-f]{16}"));
    CHECK(matches(t.token(FieldClass::hostname, "web01.example.com"), "redacted-host-[0-9a-f]{12}"));
    // Host names are case-insensitive, so are their tokens.
    CHECK(t.token(FieldClass::hostname, "WEB01.example.com") == t.token(FieldClass::hostname, "web01.example.com"));
}

TEST_CASE("tokens: a MAC stays a MAC in its own spelling, locally administered and unicast")
{
    const auto t = tokenizer("0123456789abcdef0123");
    const std::string colon = t.token(FieldClass::mac, "00:0a:f7:12:34:56");
    CHECK(matches(colon, "[0-9a-f]{2}(:[0-9a-f]{2}){5}"));
    const int first = std::stoi(colon.substr(0, 2), nullptr, 16);
    CHECK((first & 0x02) == 0x02);  // locally administered
    CHECK((first & 0x01) == 0);     // unicast
    // One MAC, however it is spelled, has one token (in that spelling).
    const std::string dashed = t.token(FieldClass::mac, "00-0A-F7-12-34-56");
    CHECK(matches(dashed, "[0-9A-F]{2}(-[0-9A-F]{2}){5}"));
    CHECK(normalised(FieldClass::mac, dashed) == normalised(FieldClass::mac, colon));
    CHECK(matches(t.token(FieldClass::mac, "0x000af7123456"), "0x[0-9a-f]{12}"));
}

TEST_CASE("tokens: a GUID keeps its form, and a UUID becomes a version-8 UUID")
{
    const auto t = tokenizer("0123456789abcdef0123");
    CHECK(matches(t.token(FieldClass::guid, "0x248a070300a1b2c3"), "0x[0-9a-f]{16}"));
    CHECK(matches(t.token(FieldClass::guid, "248a:0703:00a1:b2c3"), "[0-9a-f]{4}(:[0-9a-f]{4}){3}"));
    const std::string uuid = t.token(FieldClass::guid, "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    CHECK(matches(uuid, "[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    CHECK(t.token(FieldClass::guid, "0x248a070300a1b2c3") != "0x248a070300a1b2c3");
}

TEST_CASE("tokens: replace_hex_digits keeps 0x, separators and letter case")
{
    CHECK(replace_hex_digits("0xAB:CD-12", "fedcba") == "0xFE:DC-BA");
    CHECK(replace_hex_digits("00-12", "fedc") == "fe-dc");  // no letters: lower case
    CHECK(replace_hex_digits("aB", "fe") == "fe");          // mixed: lower case
    CHECK(replace_hex_digits("ab cd", "1") == "11 11");  // short digit strings are cycled
    CHECK(replace_hex_digits("xyz", "12") == "xyz");
}
