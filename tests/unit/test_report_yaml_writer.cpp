// Specification of report/yaml_writer: YAML that YAML 1.1 and 1.2 readers
// both read back as exactly the document that was written.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "report/yaml_reader.hpp"
#include "report/yaml_writer.hpp"

using fwctl::report::to_yaml;
using fwctl::report::yaml_needs_quotes;
using fwctl::report::yaml_to_json;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// The error text of a failed Result, "" on success (doctest may stringify
// messages even for passing checks, so this must be safe to call either way).
template <class Result>
std::string error_text(const Result& result)
{
    return result ? std::string() : result.error().message();
}

// The YAML text of {"v": value}, without the document marker.
std::string value_line(const ordered_json& value)
{
    const std::string text = to_yaml(ordered_json{{"v", value}});
    return text.substr(text.find('\n') + 1);
}

// schemas/examples/<name>, in its key order.
ordered_json example(const char* name)
{
    std::ifstream file(std::string(FWCTL_SOURCE_DIR) + "/schemas/examples/" + name);
    REQUIRE_MESSAGE(file, name);
    return ordered_json::parse(file);
}

json read_back(const std::string& text)
{
    auto doc = yaml_to_json(text, "test");
    REQUIRE_MESSAGE(doc.has_value(), error_text(doc));
    return *doc;
}

}  // namespace

TEST_CASE("yaml_writer: the document starts with --- and ends with one newline")
{
    const std::string text = to_yaml(ordered_json{{"a", 1}});
    CHECK(text == "---\na: 1\n");
}

TEST_CASE("yaml_writer: ordinary words stay plain")
{
    CHECK(value_line("fwctl0") == "v: fwctl0\n");
    CHECK(value_line("mlx5_core") == "v: mlx5_core\n");
    CHECK(value_line("6.15.0-1-amd64") == "v: 6.15.0-1-amd64\n");
    CHECK(value_line("Debian GNU/Linux 12 (bookworm)") == "v: Debian GNU/Linux 12 (bookworm)\n");
    CHECK(value_line("/dev/fwctl/fwctl0") == "v: /dev/fwctl/fwctl0\n");
}

TEST_CASE("yaml_writer: strings that YAML 1.1 would read as booleans are quoted")
{
    for (const char* word : {"yes", "no", "Yes", "NO", "on", "Off", "y", "N", "true", "False", "TRUE"}) {
        CAPTURE(std::string(word));
        CHECK(value_line(word) == std::string("v: \"") + word + "\"\n");
    }
}

TEST_CASE("yaml_writer: strings that read as null are quoted, real nulls are written null")
{
    CHECK(value_line("null") == "v: \"null\"\n");
    CHECK(value_line("~") == "v: \"~\"\n");
    CHECK(value_line("") == "v: \"\"\n");
    CHECK(value_line(nullptr) == "v: null\n");
}

TEST_CASE("yaml_writer: strings that read as numbers are quoted, hex ids included")
{
    for (const char* text : {"0x15b3", "0x0041", "12", "-7", "+3", "0o17", "017", "0b101", "1_000", "1:20",
                             "511:0", "0000:03:00.0", "3.14", "1e3", "1.5e-07", ".5", ".inf", "-.Inf", ".nan",
                             "0100000004000000"}) {
        CAPTURE(std::string(text));
        CHECK(value_line(text) == std::string("v: \"") + text + "\"\n");
    }
}

TEST_CASE("yaml_writer: strings that YAML 1.1 reads as timestamps or merge keys are quoted")
{
    CHECK(yaml_needs_quotes("2026-11-24T06:30:00Z"));
    CHECK(yaml_needs_quotes("2026-11-24"));
    CHECK(yaml_needs_quotes("2001-12-14 21:59:43.10 -5"));
    CHECK(yaml_needs_quotes("<<"));
    CHECK(yaml_needs_quotes("="));
}

TEST_CASE("yaml_writer: YAML syntax characters force quotes")
{
    for (const char* text : {"- item", "key: value", "a #comment", "trailing:", "#x", "&anchor", "*alias", "!tag",
                             "|", ">", "'q'", "\"q\"", "%YAML", "@x", "`x", "[a]", "{a}", "a,b", "...", "?"}) {
        CAPTURE(std::string(text));
        CHECK(yaml_needs_quotes(text));
    }
}

TEST_CASE("yaml_writer: surrounding whitespace, control and non-ASCII characters are escaped in double quotes")
{
    CHECK(value_line(" lead") == "v: \" lead\"\n");
    CHECK(value_line("trail ") == "v: \"trail \"\n");
    CHECK(value_line("a\nb") == "v: \"a\\nb\"\n");
    CHECK(value_line("tab\there") == "v: \"tab\\there\"\n");
    const std::string unicode = value_line("caf\xc3\xa9 \xf0\x9f\x98\x80");
    CHECK(unicode.front() == 'v');
    for (const char c : unicode) {
        CHECK(static_cast<unsigned char>(c) < 0x80);  // the whole output is ASCII
    }
}

TEST_CASE("yaml_writer: empty arrays and objects are written [] and {}")
{
    const ordered_json doc = {{"config", json::array()}, {"health", json::object()}, {"nested", {{"x", json::array({json::object()})}}}};
    CHECK(to_yaml(doc) == "---\nconfig: []\nhealth: {}\nnested:\n  x:\n    - {}\n");
}

TEST_CASE("yaml_writer: key order of the document is kept")
{
    ordered_json doc;
    doc["zeta"] = 1;
    doc["alpha"] = 2;
    doc["mid"] = 3;
    CHECK(to_yaml(doc) == "---\nzeta: 1\nalpha: 2\nmid: 3\n");
}

TEST_CASE("yaml_writer: booleans are true/false and integers are plain decimal")
{
    CHECK(value_line(true) == "v: true\n");
    CHECK(value_line(false) == "v: false\n");
    CHECK(value_line(std::numeric_limits<std::uint64_t>::max()) == "v: 18446744073709551615\n");
    CHECK(value_line(std::numeric_limits<std::int64_t>::min()) == "v: -9223372036854775808\n");
}

TEST_CASE("yaml_writer: doubles use the shortest text that reads back exactly, always as floats")
{
    CHECK(value_line(0.31) == "v: 0.31\n");
    CHECK(value_line(1.2) == "v: 1.2\n");
    CHECK(value_line(12.0) == "v: 12.0\n");  // stays a float, not the integer 12
    CHECK(value_line(1e21) == "v: 1.0e+21\n");
    CHECK(value_line(2.5e-7) == "v: 2.5e-07\n");
    CHECK(value_line(0.1 + 0.2) == "v: 0.30000000000000004\n");  // that is the value, not noise
    CHECK(value_line(std::numeric_limits<double>::infinity()) == "v: .inf\n");
}

TEST_CASE("yaml_writer: no anchors, aliases or tags even for repeated subtrees")
{
    const ordered_json flags = {{{"bit", 12}, {"letter", "O"}, {"name", "TAINT_OOT_MODULE"}}};
    const ordered_json doc = {{"before", {{"flags", flags}}}, {"after", {{"flags", flags}}}};
    const std::string text = to_yaml(doc);
    CHECK(text.find('&') == std::string::npos);
    CHECK(text.find('*') == std::string::npos);
    CHECK(text.find('!') == std::string::npos);
}

TEST_CASE("yaml_writer: tricky values round-trip through yaml_reader unchanged")
{
    ordered_json doc;
    doc["yes"] = "yes";
    doc["hex"] = "0x15b3";
    doc["sexagesimal"] = "1:20";
    doc["empty"] = "";
    doc["null_word"] = "null";
    doc["lead"] = " lead";
    doc["newline"] = "a\nb";
    doc["unicode"] = "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 \xe2\x80\xa8";
    doc["control"] = std::string("nul\x01\x7f", 5);
    doc["quotes"] = "it's \"quoted\" \\ back";
    doc["big"] = std::numeric_limits<std::uint64_t>::max();
    doc["small"] = std::numeric_limits<std::int64_t>::min();
    doc["doubles"] = {0.31, 1.2, 12.0, 1e21, 2.5e-7, 0.1 + 0.2, -0.0, 5e-324};
    doc["nested_empty"] = {{"a", json::array()}, {"o", json::object()}, {"aa", {json::array(), json::object()}}};
    doc["null"] = nullptr;
    doc["bools"] = {true, false};
    doc["0x10"] = "key that looks like a number";
    doc[""] = "empty key";
    doc[std::string(2000, '7')] = std::string(3000, '9');  // long digit strings still quoted

    const json back = read_back(to_yaml(doc));
    CHECK(back == json(doc));
    CHECK(back["doubles"][2].is_number_float());
    CHECK(back["big"].is_number_unsigned());
    CHECK(back[std::string(2000, '7')].is_string());
}

TEST_CASE("yaml_writer: the example documents round-trip through yaml_reader")
{
    for (const char* name : {"mixed.json", "no-devices.json"}) {
        CAPTURE(std::string(name));
        const ordered_json doc = example(name);
        CHECK(read_back(to_yaml(doc)) == json(doc));
    }
}

TEST_CASE("yaml_writer: keys too long for an implicit YAML key are written as explicit '? key' entries")
{
    // YAML caps implicit keys at 1024 characters; escapes make a key's text up
    // to four times its byte length (found by fuzz_report_archive).
    ordered_json doc;
    doc["short"] = 1;
    const std::string bells = "s.=:33=" + std::string(400, '\x07') + "tr";
    doc[bells] = nullptr;
    doc[std::string(1100, 'k')] = "plain";

    const std::string text = to_yaml(doc);
    CHECK(text.find("\n? ") != std::string::npos);
    CHECK(text.find("\nshort: 1\n") != std::string::npos);  // a short key stays implicit
    CHECK(read_back(text) == json(doc));
}

TEST_CASE("yaml_writer: write_yaml streams exactly the text to_yaml returns")
{
    for (const char* name : {"mixed.json", "no-devices.json"}) {
        CAPTURE(std::string(name));
        const ordered_json doc = example(name);
        std::ostringstream out;
        fwctl::report::write_yaml(out, doc);
        CHECK(out.good());
        CHECK(out.str() == to_yaml(doc));
    }
    std::ostringstream scalar;
    fwctl::report::write_yaml(scalar, ordered_json("text"));
    CHECK(scalar.str() == to_yaml(ordered_json("text")));
}

TEST_CASE("yaml_writer: nested blocks are laid out two spaces a level, mapping items start on the '- ' line")
{
    // The layout yaml-cpp's emitter gave the first reports: kept, so that
    // reports stay comparable line by line across versions.
    const ordered_json doc = ordered_json::parse(
        R"({"a":[{"x":1,"y":[1,2]},[3,{"q":1}],[]],"b":{"c":{"d":null}},"e":{}})");
    CHECK(to_yaml(doc) == "---\n"
                          "a:\n"
                          "  - x: 1\n"
                          "    \"y\":\n"
                          "      - 1\n"
                          "      - 2\n"
                          "  -\n"
                          "    - 3\n"
                          "    - q: 1\n"
                          "  - []\n"
                          "b:\n"
                          "  c:\n"
                          "    d: null\n"
                          "e: {}\n");
    CHECK(to_yaml(ordered_json("text")) == "---\ntext\n");
    CHECK(to_yaml(ordered_json::array()) == "---\n[]\n");
}

TEST_CASE("yaml_writer: text that is not valid UTF-8 or not a character becomes U+FFFD (the collector escapes raw bytes before this)")
{
    // A bad lead byte, a truncated sequence (the next byte starts afresh), a
    // surrogate, a noncharacter.
    CHECK(value_line(std::string("\xff")) == "v: \"\\ufffd\"\n");
    CHECK(value_line(std::string("\xc3" "a")) == "v: \"\\ufffda\"\n");
    CHECK(value_line(std::string("\xed\xa0\x80")) == "v: \"\\ufffd\"\n");
    CHECK(value_line(std::string("\xef\xbf\xbe")) == "v: \"\\ufffd\"\n");
    CHECK(value_line(std::string("\xef\xbb\xbf")) == "v: \"\\ufeff\"\n");
    CHECK(value_line(std::string("\xf0\x9f\x98\x80")) == "v: \"\\U0001f600\"\n");
}
