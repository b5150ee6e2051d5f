#include "report/yaml_reader.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "collector/utf8.hpp"

namespace fwctl::report {
namespace {

using nlohmann::json;

constexpr std::string_view str_tag = "tag:yaml.org,2002:str";

std::string at(const YAML::Mark& mark)
{
    if (mark.is_null()) {
        return {};
    }
    return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1) +
           ": ";
}

// YAML 1.2 core schema (section 10.3.2) resolution of a plain scalar.
json resolve_plain(const std::string& text)
{
    if (text == "null" || text == "Null" || text == "NULL" || text == "~" || text.empty()) {
        return nullptr;
    }
    if (text == "true" || text == "True" || text == "TRUE") {
        return true;
    }
    if (text == "false" || text == "False" || text == "FALSE") {
        return false;
    }
    // Cheap first-character test keeps ordinary words out of the regexes, and
    // the length cap keeps libstdc++'s recursive regex engine off long input.
    const char first = text.front();
    const bool maybe_number = (first >= '0' && first <= '9') || first == '-' || first == '+' ||
                              first == '.';
    if (!maybe_number || text.size() > 400) {
        return text;
    }
    static const std::regex decimal("[-+]?[0-9]+");
    static const std::regex octal("0o[0-7]+");
    static const std::regex hex("0x[0-9a-fA-F]+");
    static const std::regex real("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    if (std::regex_match(text, decimal)) {
        const char* begin = text.data() + (first == '+' ? 1 : 0);
        const char* end = text.data() + text.size();
        std::int64_t signed_value = 0;
        if (std::from_chars(begin, end, signed_value).ec == std::errc()) {
            return signed_value;
        }
        std::uint64_t unsigned_value = 0;
        if (first != '-' && std::from_chars(begin, end, unsigned_value).ec == std::errc()) {
            return unsigned_value;
        }
        // Beyond 64 bits: a number all the same, as nlohmann's JSON parser does.
        return std::strtod(text.c_str(), nullptr);
    }
    const bool is_octal = std::regex_match(text, octal);
    if (is_octal || std::regex_match(text, hex)) {
        std::uint64_t value = 0;
        const auto [ptr, ec] = std::from_chars(text.data() + 2, text.data() + text.size(), value,
                                               is_octal ? 8 : 16);
        if (ec != std::errc() || ptr != text.data() + text.size()) {
            return std::strtod(text.c_str(), nullptr);  // out of range: keep the magnitude
        }
        if (value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return static_cast<std::int64_t>(value);
        }
        return value;
    }
    if (std::regex_match(text, real)) {
        return std::strtod(text.c_str(), nullptr);
    }
    const std::string_view rest = std::string_view(text).substr(first == '-' || first == '+' ? 1 : 0);
    if (rest == ".inf" || rest == ".Inf" || rest == ".INF") {
        return first == '-' ? -std::numeric_limits<double>::infinity()
                            : std::numeric_limits<double>::infinity();
    }
    if (text == ".nan" || text == ".NaN" || text == ".NAN") {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return text;
}

Result<json> convert(const YAML::Node& node, std::string_view where);

// Every key and string must be UTF-8. The input text is checked before
// parsing, but yaml-cpp decodes escapes such as "\ud800" (a lone surrogate)
// into bytes that are not, and a document holding them could not be written
// back as the same document (found by fuzz_report_archive).
Result<void> check_utf8(const YAML::Node& node, std::string_view where)
{
    const std::string& text = node.Scalar();
    if (first_invalid_utf8(text) != std::string_view::npos) {
        return fail(Errc::invalid_input, std::string(where),
                    at(node.Mark()) + "not valid UTF-8 once its escapes are decoded");
    }
    // Unicode noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF): yaml-cpp's
    // emitter writes them as U+FFFD, so they could not be written back either
    // (fuzz_report_archive). `text` is valid UTF-8 here.
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t len = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
        std::uint32_t cp = len == 1 ? lead : lead & (0x3fu >> (len - 1));
        for (std::size_t k = 1; k < len; ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3fu);
        }
        if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe) {
            return fail(Errc::invalid_input, std::string(where),
                        at(node.Mark()) + "contains a Unicode noncharacter");
        }
        i += len;
    }
    return {};
}

Result<json> convert_map(const YAML::Node& node, std::string_view where)
{
    json object = json::object();
    for (const auto& entry : node) {
        if (!entry.first.IsScalar()) {
            return fail(Errc::invalid_input, std::string(where),
                        at(entry.first.Mark()) + "mapping keys must be strings");
        }
        FWCTL_TRY(check_utf8(entry.first, where));
        const std::string& key = entry.first.Scalar();
        if (object.contains(key)) {
            // A silently dropped duplicate would hide exactly the kind of edit
            // --validate exists to catch.
            return fail(Errc::invalid_input, std::string(where),
                        at(entry.first.Mark()) + "duplicate key '" + key + "'");
        }
        auto value = convert(entry.second, where);
        FWCTL_TRY(value);
        object[key] = std::move(*value);
    }
    return object;
}

Result<json> convert(const YAML::Node& node, std::string_view where)
{
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return json(nullptr);
    case YAML::NodeType::Scalar:
        FWCTL_TRY(check_utf8(node, where));
        // yaml-cpp tags plain scalars "?" and quoted or block scalars "!".
        if (node.Tag() == "!" || node.Tag() == str_tag) {
            return json(node.Scalar());
        }
        return resolve_plain(node.Scalar());
    case YAML::NodeType::Sequence: {
        json array = json::array();
        for (const auto& item : node) {
            auto value = convert(item, where);
            FWCTL_TRY(value);
            array.push_back(std::move(*value));
        }
        return array;
    }
    case YAML::NodeType::Map:
        return convert_map(node, where);
    }
    return fail(Errc::internal, std::string(where), "unknown YAML node type");
}

// Sees where each document of a YAML stream starts; the events themselves are
// not needed (YAML::Load builds the node afterwards).
class DocumentStarts final : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark& mark) override { last = mark; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
    YAML::Mark last;
};

// Counts the documents in `text`, but never past two: one is all a report may
// have. yaml-cpp 0.7's LoadAll() cannot be used to count: on some malformed
// input (a lone ",") the parser reports an empty document without consuming
// anything, again and again, and LoadAll() allocates until memory runs out
// (yaml-cpp issue #1040, fixed upstream after 0.8; found by fuzz_report_reader).
// Throws YAML::Exception on a syntax error; `stuck` is set when the parser
// made no progress between two documents.
std::size_t count_documents(const std::string& text, std::optional<YAML::Mark>& stuck)
{
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    DocumentStarts starts;
    std::size_t count = 0;
    std::optional<YAML::Mark> previous;
    while (count < 2 && parser.HandleNextDocument(starts)) {
        if (previous && previous->pos == starts.last.pos) {
            stuck = starts.last;
            return count;
        }
        previous = starts.last;
        ++count;
    }
    return count;
}

}  // namespace

Result<json> yaml_to_json(std::string_view text, std::string_view where)
{
    YAML::Node document;
    try {
        const std::string owned(text);
        std::optional<YAML::Mark> stuck;
        const std::size_t count = count_documents(owned, stuck);
        if (stuck) {
            return fail(Errc::invalid_input, std::string(where), at(*stuck) + "not valid YAML here");
        }
        if (count == 0) {
            return fail(Errc::invalid_input, std::string(where), "no YAML document (the file is empty)");
        }
        if (count > 1) {
            return fail(Errc::invalid_input, std::string(where), "expected one YAML document, found more than one");
        }
        document = YAML::Load(owned);
    } catch (const YAML::Exception& e) {
        return fail(Errc::invalid_input, std::string(where), at(e.mark) + e.msg);
    } catch (const std::exception& e) {
        return fail(Errc::invalid_input, std::string(where), e.what());
    }
    try {
        return convert(document, where);
    } catch (const std::exception& e) {
        // yaml-cpp iterators can throw on malformed trees; nothing may escape.
        return fail(Errc::invalid_input, std::string(where), e.what());
    }
}

Result<json> parse_json_text(std::string_view text, std::string_view where)
{
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
        // -> "line 3, column 5: ...".
        std::string what = e.what();
        constexpr std::string_view marker = "parse error at ";
        if (const auto pos = what.find(marker); pos != std::string::npos) {
            what.erase(0, pos + marker.size());
        }
        return fail(Errc::invalid_input, std::string(where), what);
    } catch (const std::exception& e) {
        return fail(Errc::invalid_input, std::string(where), e.what());
    }
}

}  // namespace fwctl::report
