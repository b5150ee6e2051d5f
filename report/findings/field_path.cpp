#include "report/findings/field_path.hpp"

#include <algorithm>
#include <cctype>

namespace fwctl::report::findings {

namespace {

bool is_key_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

// "[*]" or "[12]" at text[pos]; advances pos past it.
Result<void> parse_brackets(std::string_view text, std::size_t& pos, PathSegment& segment)
{
    const auto close = text.find(']', pos);
    if (close == std::string_view::npos) {
        return fail(Errc::invalid_input, std::string(text), "'[' without a closing ']'");
    }
    const std::string_view inside = text.substr(pos + 1, close - pos - 1);
    if (inside == "*") {
        segment.wildcard = true;
    } else if (!inside.empty() && inside.size() <= 6 &&
               std::all_of(inside.begin(), inside.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        segment.index = std::stoul(std::string(inside));
    } else {
        return fail(Errc::invalid_input, std::string(text),
                    "'[" + std::string(inside) + "]' must be [*] or a list index such as [0]");
    }
    pos = close + 1;
    return {};
}

void descend(const Json& value, const std::vector<PathSegment>& segments, std::size_t at,
             std::vector<const Json*>& out)
{
    if (at == segments.size()) {
        out.push_back(&value);
        return;
    }
    const PathSegment& s = segments[at];
    const Json* here = &value;
    if (!s.key.empty()) {
        if (!here->is_object()) {
            return;
        }
        auto it = here->find(s.key);
        if (it == here->end()) {
            return;
        }
        here = &*it;
    }
    if (s.wildcard) {
        if (here->is_array() || here->is_object()) {
            for (const auto& element : *here) {
                descend(element, segments, at + 1, out);
            }
        }
        return;
    }
    if (s.index) {
        if (here->is_array() && *s.index < here->size()) {
            descend((*here)[*s.index], segments, at + 1, out);
        }
        return;
    }
    descend(*here, segments, at + 1, out);
}

}  // namespace

bool FieldPath::has_wildcard() const
{
    return std::any_of(segments.begin(), segments.end(), [](const auto& s) { return s.wildcard; });
}

Result<FieldPath> parse_field_path(std::string_view text)
{
    FieldPath path;
    path.text = std::string(text);
    if (text.empty()) {
        return fail(Errc::invalid_input, "", "empty field path");
    }
    if (text.size() > 256) {
        return fail(Errc::invalid_input, std::string(text.substr(0, 40)) + "...", "field path longer than 256 characters");
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        PathSegment segment;
        const std::size_t start = pos;
        while (pos < text.size() && is_key_char(text[pos])) {
            ++pos;
        }
        segment.key = std::string(text.substr(start, pos - start));
        if (segment.key.empty() && (pos >= text.size() || text[pos] != '[')) {
            return fail(Errc::invalid_input, std::string(text),
                        "expected a key (letters, digits, '_', '-') at character " + std::to_string(pos + 1));
        }
        if (pos < text.size() && text[pos] == '[') {
            FWCTL_TRY(parse_brackets(text, pos, segment));
        }
        path.segments.push_back(std::move(segment));
        // A second bracket directly after the first ("a[*][*]") is its own segment.
        while (pos < text.size() && text[pos] == '[') {
            PathSegment nested;
            FWCTL_TRY(parse_brackets(text, pos, nested));
            path.segments.push_back(std::move(nested));
        }
        if (pos < text.size()) {
            if (text[pos] != '.' || pos + 1 == text.size()) {
                return fail(Errc::invalid_input, std::string(text),
                            "unexpected '" + std::string(1, text[pos]) + "' at character " + std::to_string(pos + 1));
            }
            ++pos;
        }
    }
    if (path.segments.front().key.empty()) {
        return fail(Errc::invalid_input, std::string(text), "a path starts with a variable or a top-level key");
    }
    return path;
}

std::vector<const Json*> resolve_all(const FieldPath& path, const Json& root, const Bindings& bindings)
{
    std::vector<const Json*> out;
    const PathSegment& first = path.segments.front();
    auto bound = bindings.find(first.key);
    if (bound != bindings.end()) {
        // The variable replaces the first key; its own brackets still apply.
        PathSegment rest_of_first = first;
        rest_of_first.key.clear();
        std::vector<PathSegment> segments{rest_of_first};
        segments.insert(segments.end(), path.segments.begin() + 1, path.segments.end());
        descend(*bound->second, segments, 0, out);
    } else {
        descend(root, path.segments, 0, out);
    }
    return out;
}

Json resolve_value(const FieldPath& path, const Json& root, const Bindings& bindings)
{
    const auto found = resolve_all(path, root, bindings);
    if (path.has_wildcard()) {
        Json list = Json::array();
        for (const Json* v : found) {
            list.push_back(*v);
        }
        return list;
    }
    return found.empty() ? Json(nullptr) : *found.front();
}

}  // namespace fwctl::report::findings
