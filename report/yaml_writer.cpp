#include "report/yaml_writer.hpp"

#include <charconv>
#include <cmath>
#include <ostream>
#include <regex>

#include <nlohmann/json.hpp>

namespace fwctl::report {
namespace {

// Plain scalars that a YAML 1.1 (PyYAML's resolver regexes, plus y/n from the
// 1.1 spec) or YAML 1.2 core resolver reads as something other than a string.
// Matched case-insensitively: "yEs" is a string to both, but quoting it costs
// nothing and keeps the rule simple.
const std::regex& non_string_scalar()
{
    static const std::regex re(
        // bool (1.1 and 1.2)
        "(y|yes|n|no|true|false|on|off)"
        // null (1.1 and 1.2); the empty string is handled by the caller
        "|(~|null)"
        // int: 1.1 binary, octal, decimal, hex, sexagesimal; 1.2 0o octal
        "|[-+]?0b[0-1_]+"
        "|[-+]?0o?[0-7_]+"
        "|[-+]?(0|[1-9][0-9_]*)"
        "|[-+]?[0-9]+"
        "|[-+]?0x[0-9a-f_]+"
        "|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"
        // float: 1.1 (dot required, signed exponent), 1.2 core, sexagesimal, inf/nan
        "|[-+]?[0-9][0-9_]*\\.[0-9_]*([e][-+][0-9]+)?"
        "|\\.[0-9][0-9_]*([e][-+][0-9]+)?"
        "|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([e][-+]?[0-9]+)?"
        "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
        "|[-+]?\\.inf|\\.nan"
        // 1.1 merge key and value indicator
        "|<<|="
        // 1.1 timestamp
        "|[0-9]{4}-[0-9]{2}-[0-9]{2}"
        "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([t]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?"
        "([ \\t]*(z|[-+][0-9]{1,2}(:[0-9]{2})?))?",
        std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
    return re;
}

constexpr std::size_t max_regex_length = 64;
// Well under YAML's 1024-character limit on implicit keys even after every
// byte is escaped as "\xNN" (four characters) and the key is quoted.
constexpr std::size_t max_implicit_key_length = 128;
// Every character any resolver pattern above can match (either case).
constexpr std::string_view resolver_alphabet =
    "0123456789_:.+- \t~<=abcdefilnorstuxyzABCDEFILNORSTUXYZ";

bool is_printable_ascii(char c)
{
    return c >= 0x20 && c <= 0x7e;
}

// Characters that start YAML syntax when they begin a plain scalar, plus '.'
// (a "..." line ends the document).
bool is_indicator(char c)
{
    return std::string_view("-?:,[]{}#&*!|>'\"%@`.").find(c) != std::string_view::npos;
}

// Shortest text that reads back as the same double, always with a '.' and a
// signed exponent so YAML 1.1 readers see a float too (they need both).
std::string format_double(double value)
{
    if (std::isnan(value)) {
        return ".nan";
    }
    if (std::isinf(value)) {
        return value < 0 ? "-.inf" : ".inf";
    }
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, ec == std::errc() ? end : buffer);
    const auto exponent = text.find('e');
    const std::string mantissa = text.substr(0, exponent);
    if (mantissa.find('.') == std::string::npos) {
        text.insert(mantissa.size(), ".0");
    }
    return text;
}

// U+FFFD for what is not a Unicode scalar value a YAML reader keeps: a bad or
// truncated UTF-8 sequence, a surrogate, a noncharacter (as yaml-cpp's emitter
// does, so the text did not change when this writer replaced it).
constexpr char32_t replacement_character = 0xFFFD;

char32_t next_code_point(std::string_view text, std::size_t& i)
{
    const auto lead = static_cast<unsigned char>(text[i++]);
    int trailing = 0;
    char32_t cp = 0;
    if (lead < 0x80) {
        return lead;
    } else if (lead >= 0xC0 && lead < 0xE0) {
        trailing = 1;
        cp = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead < 0xF0) {
        trailing = 2;
        cp = lead & 0x0Fu;
    } else if (lead >= 0xF0) {
        trailing = 3;
        cp = lead & 0x07u;
    } else {
        return replacement_character;  // a trailing byte where a lead byte belongs
    }
    for (; trailing > 0; --trailing) {
        if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0u) != 0x80u) {
            return replacement_character;  // truncated: the next byte starts afresh
        }
        cp = (cp << 6) | (static_cast<unsigned char>(text[i++]) & 0x3Fu);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp & 0xFFFEu) == 0xFFFEu ||
        (cp >= 0xFDD0 && cp <= 0xFDEF)) {
        return replacement_character;
    }
    return cp;
}

void append_escape(std::string& out, char32_t cp)
{
    static constexpr char hex[] = "0123456789abcdef";
    int digits = 8;
    out += '\\';
    if (cp < 0xFF) {
        out += 'x';
        digits = 2;
    } else if (cp < 0xFFFF) {
        out += 'u';
        digits = 4;
    } else {
        out += 'U';
    }
    for (int d = digits - 1; d >= 0; --d) {
        out += hex[(cp >> (4 * d)) & 0xFu];
    }
}

// A double-quoted scalar in plain ASCII: control and non-ASCII characters as
// escapes, the short forms where YAML has one.
void append_double_quoted(std::string& out, std::string_view text)
{
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = next_code_point(text, i);
        switch (cp) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (cp < 0x20 || cp > 0x7E) {
                append_escape(out, cp);
            } else {
                out += static_cast<char>(cp);
            }
        }
    }
    out += '"';
}

void append_string(std::string& out, const std::string& text)
{
    if (yaml_needs_quotes(text)) {
        append_double_quoted(out, text);
    } else {
        out += text;
    }
}

template <class Json>
bool is_block(const Json& value)
{
    return (value.is_object() || value.is_array()) && !value.empty();
}

void new_line(std::string& out, std::size_t indent)
{
    out += '\n';
    out.append(indent, ' ');
}

template <class Json>
void append_scalar(std::string& out, const Json& value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::boolean:
        out += value.template get<bool>() ? "true" : "false";
        break;
    case nlohmann::json::value_t::number_integer:
        out += std::to_string(value.template get<std::int64_t>());
        break;
    case nlohmann::json::value_t::number_unsigned:
        out += std::to_string(value.template get<std::uint64_t>());
        break;
    case nlohmann::json::value_t::number_float:
        // Our own text: the shortest that reads back exactly, always a float.
        out += format_double(value.template get<double>());
        break;
    case nlohmann::json::value_t::string:
        append_string(out, value.template get_ref<const std::string&>());
        break;
    case nlohmann::json::value_t::array:
        out += "[]";  // only empty ones get here
        break;
    case nlohmann::json::value_t::object:
        out += "{}";
        break;
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::binary:     // never produced by the document builder
    case nlohmann::json::value_t::discarded:  // null keeps the output valid
        out += "null";
        break;
    }
}

// Block YAML in yaml-cpp's layout (which wrote these reports before): two
// spaces per level, "- " items with a mapping's first key on the item's line,
// nested sequences and mapping values on the lines below. `inline_first`: the
// first entry continues the current line (after "- ").
template <class Json, class Sink>
void append_block(std::string& out, const Json& value, std::size_t indent, bool inline_first, Sink& sink)
{
    // Each entry on a line of its own, except the first after "- ".
    bool first = true;
    auto start_entry = [&] {
        if (!first || !inline_first) {
            new_line(out, indent);
        }
        first = false;
    };
    if (value.is_object()) {
        for (const auto& [key, item] : value.items()) {
            start_entry();
            // YAML limits implicit keys to 1024 characters, and readers
            // (yaml-cpp included) reject a longer one: a long key is written as
            // an explicit "? key" entry instead. Report keys are short; this
            // keeps the writer's promise for any document.
            if (key.size() > max_implicit_key_length) {
                out += "? ";
                append_string(out, key);
                new_line(out, indent);
            } else {
                append_string(out, key);
            }
            if (is_block(item)) {
                out += ':';
                append_block(out, item, indent + 2, false, sink);
            } else {
                out += ": ";
                append_scalar(out, item);
            }
            sink(out);
        }
        return;
    }
    for (const auto& item : value) {
        start_entry();
        if (item.is_object() && !item.empty()) {
            out += "- ";
            append_block(out, item, indent + 2, true, sink);
        } else if (is_block(item)) {
            out += '-';
            append_block(out, item, indent + 2, false, sink);
        } else {
            out += "- ";
            append_scalar(out, item);
        }
        sink(out);
    }
}

// "---", the document, one final newline. `sink(text)` may take the text
// written so far and clear it (write_yaml streams that way).
template <class Json, class Sink>
void append_document(std::string& out, const Json& doc, Sink& sink)
{
    out += "---";
    if (is_block(doc)) {
        append_block(out, doc, 0, false, sink);
    } else {
        out += '\n';
        append_scalar(out, doc);
    }
    out += '\n';
}

template <class Json>
std::string to_yaml_impl(const Json& doc)
{
    std::string out;
    auto keep = [](std::string&) {};
    append_document(out, doc, keep);
    return out;
}

}  // namespace

bool yaml_needs_quotes(std::string_view text)
{
    if (text.empty()) {
        return true;
    }
    for (const char c : text) {
        // Control and non-ASCII characters need escapes, which only the
        // double-quoted style has; ASCII-only output also survives any locale.
        if (!is_printable_ascii(c)) {
            return true;
        }
    }
    if (text.front() == ' ' || text.back() == ' ') {
        return true;
    }
    if (is_indicator(text.front()) || text.back() == ':') {
        return true;
    }
    // ": " starts a mapping value and " #" a comment; flow indicators are
    // harmless in block context but quoting them keeps every reader happy.
    if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos ||
        text.find_first_of("[]{},") != std::string_view::npos) {
        return true;
    }
    // libstdc++'s regex engine recurses per character, so long strings are
    // not fed to it. Every resolver pattern uses only the characters below; a
    // long string made only of them (a 1000-digit number) is quoted without
    // asking, and any other long string cannot be a number, bool or null.
    const bool resolver_characters_only = text.find_first_not_of(resolver_alphabet) == std::string_view::npos;
    if (text.size() > max_regex_length) {
        return resolver_characters_only;
    }
    // Most scalars (names, versions with letters, hex with a 'g'..'z') contain a
    // character no pattern matches: skip the regex, which cost a third of a
    // large report's CPU time (bench/RESULTS.md).
    if (!resolver_characters_only) {
        return false;
    }
    return std::regex_match(text.begin(), text.end(), non_string_scalar());
}

std::string to_yaml(const nlohmann::ordered_json& doc)
{
    return to_yaml_impl(doc);
}

std::string to_yaml(const nlohmann::json& doc)
{
    return to_yaml_impl(doc);
}

void write_yaml(std::ostream& out, const nlohmann::ordered_json& doc)
{
    // Passed on in pieces of about 64 KiB: a large report is never held twice.
    constexpr std::size_t piece = 64 * 1024;
    std::string buffer;
    buffer.reserve(piece + 4096);
    auto pass_on = [&](std::string& text) {
        if (text.size() >= piece) {
            out.write(text.data(), static_cast<std::streamsize>(text.size()));
            text.clear();
        }
    };
    append_document(buffer, doc, pass_on);
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    out.flush();
}

}  // namespace fwctl::report
