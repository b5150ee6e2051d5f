// Specification of report/yaml_reader: YAML 1.2 core-schema resolution for
// plain scalars, strings for quoted ones, and errors that say where.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "report/yaml_reader.hpp"

using fwctl::Errc;
using fwctl::report::parse_json_text;
using fwctl::report::yaml_to_json;
using nlohmann::json;

namespace {

// The error text of a failed Result, "" on success (doctest may stringify
// messages even for passing checks, so this must be safe to call either way).
template <class Result>
std::string error_text(const Result& result)
{
    return result ? std::string() : result.error().message();
}

json read(const std::string& text)
{
    auto doc = yaml_to_json(text, "test.yaml");
    REQUIRE_MESSAGE(doc.has_value(), error_text(doc));
    return *doc;
}

json value_of(const std::string& scalar)
{
    return read("v: " + scalar + "\n")["v"];
}

}  // namespace

TEST_CASE("yaml_reader: quoted scalars stay strings whatever they look like")
{
    CHECK(value_of("\"12\"") == json("12"));
    CHECK(value_of("'true'") == json("true"));
    CHECK(value_of("\"null\"") == json("null"));
    CHECK(value_of("\"\"") == json(""));
    CHECK(value_of("\"0x15b3\"") == json("0x15b3"));
    CHECK(value_of("!!str 12") == json("12"));
}

TEST_CASE("yaml_reader: block scalars are strings")
{
    CHECK(read("v: |\n  line one\n  12\n")["v"] == json("line one\n12\n"));
}

TEST_CASE("yaml_reader: plain null, ~ and empty values are null")
{
    CHECK(value_of("null").is_null());
    CHECK(value_of("Null").is_null());
    CHECK(value_of("~").is_null());
    CHECK(read("v:\n")["v"].is_null());
}

TEST_CASE("yaml_reader: booleans follow YAML 1.2, so yes/no/on/off stay strings")
{
    CHECK(value_of("true") == json(true));
    CHECK(value_of("False") == json(false));
    CHECK(value_of("TRUE") == json(true));
    CHECK(value_of("yes") == json("yes"));
    CHECK(value_of("off") == json("off"));
}

TEST_CASE("yaml_reader: plain integers are integers, large ones unsigned")
{
    CHECK(value_of("12").is_number_integer());
    CHECK(value_of("12") == json(12));
    CHECK(value_of("-7") == json(-7));
    CHECK(value_of("+3") == json(3));
    CHECK(value_of("0x1f") == json(31));
    CHECK(value_of("0o17") == json(15));
    CHECK(value_of("18446744073709551615").is_number_unsigned());
    CHECK(value_of("18446744073709551615") == json(std::numeric_limits<std::uint64_t>::max()));
    CHECK(value_of("-9223372036854775808") == json(std::numeric_limits<std::int64_t>::min()));
    CHECK(value_of("99999999999999999999999").is_number_float());  // beyond 64 bits: still a number
}

TEST_CASE("yaml_reader: plain floats are numbers, .inf and .nan included")
{
    CHECK(value_of("1.5").is_number_float());
    CHECK(value_of("1.5") == json(1.5));
    CHECK(value_of("1e3") == json(1000.0));
    CHECK(value_of("12.0").is_number_float());
    CHECK(value_of(".5") == json(0.5));
    CHECK(value_of(".inf").get<double>() == std::numeric_limits<double>::infinity());
    CHECK(value_of("-.Inf").get<double>() == -std::numeric_limits<double>::infinity());
    CHECK(std::isnan(value_of(".nan").get<double>()));
}

TEST_CASE("yaml_reader: anything else plain is a string, YAML 1.1 sexagesimals included")
{
    CHECK(value_of("1:20") == json("1:20"));
    CHECK(value_of("0000:03:00.0") == json("0000:03:00.0"));
    CHECK(value_of("6.15.0-1-amd64") == json("6.15.0-1-amd64"));
    CHECK(value_of("0x") == json("0x"));
    CHECK(value_of("2026-11-24T06:30:00Z") == json("2026-11-24T06:30:00Z"));
}

TEST_CASE("yaml_reader: mappings keep their keys as strings and sequences become arrays")
{
    const json doc = read("a:\n  - 1\n  - x\n12: twelve\nempty: []\nobj: {}\n");
    CHECK(doc["a"] == json({1, "x"}));
    CHECK(doc["12"] == json("twelve"));
    CHECK(doc["empty"] == json::array());
    CHECK(doc["obj"] == json::object());
}

TEST_CASE("yaml_reader: syntax errors are invalid_input with line and column")
{
    const auto doc = yaml_to_json("a: 1\nb: [unclosed\n", "report.yaml");
    REQUIRE_FALSE(doc.has_value());
    CHECK(doc.error().code == Errc::invalid_input);
    CHECK(doc.error().where == "report.yaml");
    CHECK(doc.error().detail.find("line ") != std::string::npos);
    CHECK(doc.error().detail.find("column ") != std::string::npos);
}

TEST_CASE("yaml_reader: duplicate keys, several documents and empty text are rejected")
{
    const auto duplicate = yaml_to_json("a: 1\na: 2\n", "t");
    REQUIRE_FALSE(duplicate.has_value());
    CHECK(duplicate.error().detail.find("duplicate key 'a'") != std::string::npos);
    CHECK(duplicate.error().detail.find("line 2") != std::string::npos);

    const auto several = yaml_to_json("---\na: 1\n---\nb: 2\n", "t");
    REQUIRE_FALSE(several.has_value());
    CHECK(several.error().detail.find("one YAML document") != std::string::npos);

    const auto empty = yaml_to_json("", "t");
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().code == Errc::invalid_input);
}

TEST_CASE("yaml_reader: a stray comma is an error, not a parse that never ends")
{
    // yaml-cpp 0.7's LoadAll() loops for ever on these, allocating until memory
    // runs out (yaml-cpp issue #1040); found by tests/fuzz/fuzz_report_reader.
    for (const char* text : {",", "\n,\n", ",wctl-fwctl-repor20261124T063000Z/30m"}) {
        const auto doc = yaml_to_json(text, "t");
        REQUIRE_FALSE(doc.has_value());
        CHECK(doc.error().code == Errc::invalid_input);
        CHECK(doc.error().detail.find("not valid YAML") != std::string::npos);
    }
}

TEST_CASE("yaml_reader: a key or string that is not UTF-8 is an error, not a document that cannot be written back")
{
    // Found by tests/fuzz/fuzz_report_archive: yaml-cpp passes invalid bytes
    // through, which the writer could only write back as U+FFFD.
    const auto doc = yaml_to_json("\".\xb0N\": 1\n", "t");
    REQUIRE_FALSE(doc.has_value());
    CHECK(doc.error().code == Errc::invalid_input);
    CHECK(doc.error().detail.find("not valid UTF-8") != std::string::npos);
    // So are noncharacters (U+FFFF, U+FDDF, U+1FFFE), which the writer could not write back.
    for (const char* text : {".\xef\xbf\xbfN: 1\n", ".\xef\xb7\x9f: 1\n", "k: \"\xf0\x9f\xbf\xbe\"\n"}) {
        CAPTURE(text);
        CHECK_FALSE(yaml_to_json(text, "t").has_value());
    }
    // Lone surrogate escapes are refused too (by yaml-cpp or by the check).
    for (const char* text : {"key: \"\\ud800\"\n", "\"\\udc00\": 1\n"}) {
        CAPTURE(text);
        CHECK_FALSE(yaml_to_json(text, "t").has_value());
    }
    CHECK(yaml_to_json("name: \"caf\xc3\xa9 \\u00e9\"\n", "t").has_value());
}

TEST_CASE("yaml_reader: complex mapping keys are rejected")
{
    const auto doc = yaml_to_json("? [a, b]\n: 1\n", "t");
    REQUIRE_FALSE(doc.has_value());
    CHECK(doc.error().code == Errc::invalid_input);
}

TEST_CASE("parse_json_text: parses JSON and reports syntax errors with line and column")
{
    const auto good = parse_json_text("{\"a\": [1, 2.5, \"x\", null]}", "t.json");
    REQUIRE(good.has_value());
    CHECK((*good)["a"][1] == json(2.5));

    const auto bad = parse_json_text("{\n  \"a\": 1,\n  oops\n}", "t.json");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code == Errc::invalid_input);
    CHECK(bad.error().where == "t.json");
    CHECK(bad.error().detail.rfind("line 3, column", 0) == 0);
}
