#include "report/findings/findings_block.hpp"

#include <algorithm>

namespace fwctl::report::findings {

namespace {

std::string text_of(const Json& finding, const char* key, const char* missing)
{
    auto it = finding.find(key);
    return it != finding.end() && it->is_string() ? it->get<std::string>() : std::string(missing);
}

Tone tone_of(const std::string& severity)
{
    if (severity == "critical") {
        return Tone::bad;
    }
    if (severity == "warning") {
        return Tone::warn;
    }
    return severity == "info" ? Tone::dim : Tone::plain;
}

std::string padded(std::string text, std::size_t width)
{
    if (text.size() < width) {
        text.resize(width, ' ');
    }
    return text;
}

bool same_finding(const Json& a, const Json& b)
{
    return a.value("id", Json()) == b.value("id", Json()) && a.value("device", Json()) == b.value("device", Json()) &&
           a.value("subject", Json()) == b.value("subject", Json());
}

}  // namespace

TextBlock findings_block(const Json& findings, std::string title)
{
    TextBlock block;
    block.title = std::move(title);
    if (!findings.is_array() || findings.empty()) {
        block.lines.push_back({"none", Tone::dim});
        return block;
    }
    std::size_t device_width = 4;  // "host"
    for (const auto& f : findings) {
        device_width = std::max(device_width, text_of(f, "device", "host").size());
    }
    for (const auto& f : findings) {
        const std::string severity = text_of(f, "severity", "?");
        block.lines.push_back({padded(severity, 9) + padded(text_of(f, "device", "host"), device_width + 2) +
                                   text_of(f, "id", "?") + "  " + text_of(f, "subject", ""),
                               tone_of(severity)});
    }
    return block;
}

Json findings_not_in(const Json& after, const Json& before)
{
    Json out = Json::array();
    if (!after.is_array()) {
        return out;
    }
    for (const auto& f : after) {
        const bool known = before.is_array() && std::any_of(before.begin(), before.end(),
                                                            [&](const Json& g) { return same_finding(f, g); });
        if (!known) {
            out.push_back(f);
        }
    }
    return out;
}

}  // namespace fwctl::report::findings
