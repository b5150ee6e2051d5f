#include <doctest/doctest.h>

#include "report/redact/secret_sweep.hpp"

using namespace fwctl::report::redact;

namespace {

const Tokenizer& tokens()
{
    static const std::string key = "sweep test key, 32 bytes long...";
    static const Tokenizer t(RedactionKey::from_bytes(std::vector<std::uint8_t>(key.begin(), key.end()), true));
    return t;
}

bool contains(const std::string& text, std::string_view what)
{
    return text.find(what) != std::string::npos;
}

}  // namespace

TEST_CASE("sweep: a serial in a note or an error message becomes its token")
{
    SecretSweep sweep(tokens());
    sweep.add(FieldClass::serial, "0x3b5a7c9e12d4f601");
    const std::string token = tokens().token(FieldClass::serial, "0x3b5a7c9e12d4f601");
    CHECK(sweep.apply("Get Feature failed on device 0x3b5a7c9e12d4f601 (serial)") ==
          "Get Feature failed on device " + token + " (serial)");
    CHECK(sweep.apply("SERIAL 0X3B5A7C9E12D4F601") == "SERIAL " + token);  // any letter case
    CHECK(sweep.apply("nothing secret here") == "nothing secret here");
}

TEST_CASE("sweep: a secret inside a hex dump is replaced by hex of the same shape")
{
    SecretSweep sweep(tokens());
    sweep.add(FieldClass::serial, "0x3b5a7c9e12d4f601");
    const std::string dump = "01000000" "3b5a7c9e12d4f601" "ffff";
    const std::string out = sweep.apply(dump);
    CHECK(out.size() == dump.size());
    CHECK(is_hex_text(out));
    CHECK(out.substr(0, 8) == "01000000");
    CHECK(out.substr(24) == "ffff");
    CHECK_FALSE(contains(out, "3b5a7c9e12d4f601"));
    // Little-endian, as firmware stores a 64-bit number, with the dump's separators and case.
    const std::string spaced = sweep.apply("00 01 F6 D4 12 9E 7C 5A 3B 00");
    CHECK(spaced.size() == std::string("00 01 F6 D4 12 9E 7C 5A 3B 00").size());
    CHECK_FALSE(contains(spaced, "F6 D4 12 9E 7C 5A"));
    CHECK(spaced.substr(0, 3) == "00 ");
    CHECK(spaced.substr(5, 1) == " ");
    // The serial's text, hex-encoded ("0x3b5a..." as ASCII bytes).
    const std::string ascii = sweep.apply("aa307833623561376339653132643466363031bb");
    CHECK_FALSE(contains(ascii, "307833623561376339653132643466363031"));
    CHECK(ascii.substr(0, 2) == "aa");
    // The same secret fills the same way every time: redacted dumps stay comparable.
    CHECK(sweep.apply(dump) == out);
}

TEST_CASE("sweep: a host name, its first label and its hex bytes are found anywhere")
{
    SecretSweep sweep(tokens());
    sweep.add(FieldClass::hostname, "web01.example.com");
    const std::string token = tokens().token(FieldClass::hostname, "web01.example.com");
    CHECK(sweep.apply("collected on web01.example.com") == "collected on " + token);
    CHECK(sweep.apply("peer WEB01 is down") == "peer " + token + " is down");
    const std::string dump = "00" + std::string("7765623031") + "00";  // "web01"
    CHECK_FALSE(contains(sweep.apply(dump), "7765623031"));
}

TEST_CASE("sweep: a MAC spelled another way inside text gets the MAC token's digits")
{
    SecretSweep sweep(tokens());
    sweep.add(FieldClass::mac, "00:0a:f7:12:34:56");
    const std::string token = tokens().token(FieldClass::mac, "00:0a:f7:12:34:56");
    CHECK(sweep.apply("link up on 00:0a:f7:12:34:56") == "link up on " + token);
    const std::string dashed = sweep.apply("port 00-0A-F7-12-34-56 ok");
    CHECK_FALSE(contains(dashed, "00-0A-F7-12-34-56"));
    CHECK(normalised(FieldClass::mac, dashed.substr(5, 17)) == normalised(FieldClass::mac, token));
    CHECK(dashed.substr(5, 17) == replace_hex_digits("00-0A-F7-12-34-56", normalised(FieldClass::mac, token)));
}

TEST_CASE("sweep: a UUID is found in the mixed-endian byte order EFI and CXL use")
{
    SecretSweep sweep(tokens());
    sweep.add(FieldClass::guid, "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    const std::string out = sweep.apply("e004253f894fd3119a0c0305e82c3301");
    CHECK_FALSE(contains(out, "e004253f894fd311"));
}

TEST_CASE("sweep: secrets too short to search for safely are left to their own field")
{
    SecretSweep sweep(tokens());
    sweep.add(FieldClass::hostname, "db1");
    CHECK(sweep.apply("the db1 pool; dump 646231") == "the db1 pool; dump 646231");
}

TEST_CASE("sweep: an unset serial or broadcast MAC is not swept, so zero bytes in dumps survive")
{
    SecretSweep sweep(tokens());
    sweep.add(FieldClass::serial, "0x0000000000000000");
    sweep.add(FieldClass::serial, "0x0000000000000001");
    sweep.add(FieldClass::mac, "ff:ff:ff:ff:ff:ff");
    CHECK(sweep.apply("0000000000000000ffffffffffff0000000000000001") == "0000000000000000ffffffffffff0000000000000001");
    CHECK(sweep.apply("serial 0x0000000000000000") == "serial 0x0000000000000000");
}

TEST_CASE("sweep: is_hex_text recognises dumps")
{
    CHECK(is_hex_text("0100000004000000"));
    CHECK(is_hex_text("01 00:00-00_04"));
    CHECK(is_hex_text("0x1f"));
    CHECK_FALSE(is_hex_text(""));
    CHECK_FALSE(is_hex_text("0x"));
    CHECK_FALSE(is_hex_text("serial 01"));
}
