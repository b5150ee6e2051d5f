#include "report/yaml_writer.hpp"

#include <charconv>
#include <cmath>
#include <ostream>
#include <regex>
#include <streambuf>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

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

template <class Json>
void emit(YAML::Emitter& out, const Json& value);

void emit_string(YAML::Emitter& out, const std::string& text)
{
    if (yaml_needs_quotes(text)) {
        out << YAML::DoubleQuoted << text;
    } else {
        out << text;
    }
}

template <class Json>
void emit(YAML::Emitter& out, const Json& value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null:
        out << YAML::Null;
        break;
    case nlohmann::json::value_t::boolean:
        out << value.template get<bool>();
        break;
    case nlohmann::json::value_t::number_integer:
        out << value.template get<std::int64_t>();
        break;
    case nlohmann::json::value_t::number_unsigned:
        out << value.template get<std::uint64_t>();
        break;
    case nlohmann::json::value_t::number_float:
        // Our own text: yaml-cpp's precision setting would print 0.1 + 0.2 noise
        // or drop the '.', and a plain number-like string is left unquoted.
        out << format_double(value.template get<double>());
        break;
    case nlohmann::json::value_t::string:
        emit_string(out, value.template get_ref<const std::string&>());
        break;
    case nlohmann::json::value_t::array:
        if (value.empty()) {
            out << YAML::Flow;
        }
        out << YAML::BeginSeq;
        for (const auto& item : value) {
            emit(out, item);
        }
        out << YAML::EndSeq;
        break;
    case nlohmann::json::value_t::object:
        if (value.empty()) {
            out << YAML::Flow;
        }
        out << YAML::BeginMap;
        for (const auto& [key, item] : value.items()) {
            // YAML limits implicit keys to 1024 characters, and readers
            // (yaml-cpp included) reject a longer one: a long key is written as
            // an explicit "? key" entry instead. Report keys are short; this
            // keeps the writer's promise for any document.
            if (key.size() > max_implicit_key_length) {
                out << YAML::LongKey;
            }
            out << YAML::Key;
            emit_string(out, key);
            out << YAML::Value;
            emit(out, item);
        }
        out << YAML::EndMap;
        break;
    case nlohmann::json::value_t::binary:
    case nlohmann::json::value_t::discarded:
        // Never produced by the document builder; null keeps the output valid.
        out << YAML::Null;
        break;
    }
}

void configure(YAML::Emitter& out)
{
    out.SetOutputCharset(YAML::EscapeNonAscii);
    out.SetNullFormat(YAML::LowerNull);
    out.SetBoolFormat(YAML::TrueFalseBool);
    out.SetBoolFormat(YAML::LowerCase);
    out.SetIndent(2);
}

template <class Json>
std::string to_yaml_impl(const Json& doc)
{
    YAML::Emitter out;
    configure(out);
    out << YAML::BeginDoc;
    emit(out, doc);
    std::string text = out.c_str();
    if (text.empty() || text.back() != '\n') {
        text += '\n';
    }
    return text;
}

// Passes characters on to another buffer and remembers the last one, so that
// write_yaml() can end the text with exactly one newline, as to_yaml() does.
class LastCharacter : public std::streambuf {
public:
    explicit LastCharacter(std::streambuf* target) : target_(target) {}
    char last() const { return last_; }

protected:
    int_type overflow(int_type c) override
    {
        if (traits_type::eq_int_type(c, traits_type::eof())) {
            return traits_type::not_eof(c);
        }
        last_ = traits_type::to_char_type(c);
        return target_->sputc(last_);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override
    {
        if (n > 0) {
            last_ = s[n - 1];
        }
        return target_->sputn(s, n);
    }
    int sync() override { return target_->pubsync(); }

private:
    std::streambuf* target_;
    char last_ = '\0';
};

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
    LastCharacter tracker(out.rdbuf());
    std::ostream tracked(&tracker);
    {
        YAML::Emitter emitter(tracked);
        configure(emitter);
        emitter << YAML::BeginDoc;
        emit(emitter, doc);
    }
    if (tracker.last() != '\n') {
        tracked.put('\n');
    }
    tracked.flush();
    if (!tracked) {
        out.setstate(std::ios::badbit);
    }
}

}  // namespace fwctl::report
