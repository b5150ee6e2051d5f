#include "report/findings/message_template.hpp"

#include <algorithm>

namespace fwctl::report::findings {

namespace {

Result<TemplateFilter> parse_filter(std::string_view name, std::string_view text)
{
    if (name == "pci_slot") {
        return TemplateFilter::pci_slot;
    }
    if (name == "count") {
        return TemplateFilter::count;
    }
    if (name == "join") {
        return TemplateFilter::join;
    }
    if (name == "unique") {
        return TemplateFilter::unique;
    }
    return fail(Errc::invalid_input, std::string(text),
                "unknown filter '" + std::string(name) + "' (known: pci_slot, count, join, unique)");
}

Json apply_filter(TemplateFilter filter, const Json& value)
{
    switch (filter) {
    case TemplateFilter::pci_slot:
        if (value.is_string()) {
            const std::string address = value.get<std::string>();
            const auto dot = address.rfind('.');
            return dot == std::string::npos ? value : Json(address.substr(0, dot));
        }
        return value;
    case TemplateFilter::count:
        return value.is_array() || value.is_object() ? Json(value.size()) : Json(value.is_null() ? 0 : 1);
    case TemplateFilter::unique:
        if (value.is_array()) {
            Json once = Json::array();
            for (const auto& element : value) {
                if (std::find(once.begin(), once.end(), element) == once.end()) {
                    once.push_back(element);
                }
            }
            return once;
        }
        return value;
    case TemplateFilter::join:
    case TemplateFilter::none:
        return value;
    }
    return value;
}

}  // namespace

std::string to_text(const Json& value)
{
    if (value.is_null()) {
        return "unknown";
    }
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_array()) {
        std::string out;
        for (const auto& element : value) {
            out += (out.empty() ? "" : ", ") + to_text(element);
        }
        return out.empty() ? "none" : out;
    }
    return value.dump();
}

Result<MessageTemplate> parse_template(std::string_view text)
{
    MessageTemplate t;
    t.text = std::string(text);
    TemplatePart part;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == '{' && pos + 1 < text.size() && text[pos + 1] == '{') {
            part.literal += '{';
            pos += 2;
        } else if (c == '}' && pos + 1 < text.size() && text[pos + 1] == '}') {
            part.literal += '}';
            pos += 2;
        } else if (c == '}') {
            return fail(Errc::invalid_input, t.text, "'}' without '{' (write }} for a brace)");
        } else if (c == '{') {
            const auto close = text.find('}', pos);
            if (close == std::string_view::npos) {
                return fail(Errc::invalid_input, t.text, "'{' without a closing '}' (write {{ for a brace)");
            }
            std::string_view inside = text.substr(pos + 1, close - pos - 1);
            std::string_view filter_name;
            if (const auto bar = inside.find('|'); bar != std::string_view::npos) {
                filter_name = inside.substr(bar + 1);
                inside = inside.substr(0, bar);
            }
            while (true) {
                const auto comma = inside.find(',');
                const std::string_view one = inside.substr(0, comma);
                auto field = parse_field_path(one);
                if (!field) {
                    return fail(Errc::invalid_input, t.text,
                                "placeholder {" + std::string(one) + "}: " + field.error().detail);
                }
                part.fields.push_back(std::move(*field));
                if (comma == std::string_view::npos) {
                    break;
                }
                inside = inside.substr(comma + 1);
            }
            if (!filter_name.empty()) {
                auto filter = parse_filter(filter_name, t.text);
                FWCTL_TRY(filter);
                part.filter = *filter;
            }
            t.parts.push_back(std::move(part));
            part = {};
            pos = close + 1;
        } else {
            part.literal += c;
            ++pos;
        }
    }
    if (!part.literal.empty()) {
        t.parts.push_back(std::move(part));
    }
    return t;
}

std::string fill_template(const MessageTemplate& t, const Json& root, const Bindings& bindings,
                          const TemplateValues& extra)
{
    std::string out;
    for (const auto& part : t.parts) {
        out += part.literal;
        Json value;
        for (const auto& field : part.fields) {
            auto named = extra.find(field.text);
            value = named != extra.end() ? named->second : resolve_value(field, root, bindings);
            if (!value.is_null()) {
                break;
            }
        }
        if (part.fields.empty()) {
            continue;
        }
        out += to_text(apply_filter(part.filter, value));
    }
    return out;
}

}  // namespace fwctl::report::findings
