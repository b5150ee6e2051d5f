// Message templates: plain text with {field} placeholders, filled from the
// document when a rule fires.
//
//   "Firmware {device.firmware.stored} is staged over {device.firmware.running}."
//   "{device.parent.pci.address|pci_slot}"    a filter after '|'
//   "{entry.name,entry.id}"                    the first of these that is not null
//   "{{" and "}}"                              literal braces
//
// Filters: pci_slot (0000:03:00.1 -> 0000:03:00), count (length of a list),
// join (a list as "a, b, c"; lists are joined this way by default anyway),
// unique (a list without repeated values).
// A missing value prints as "unknown". Templates are parsed when the rules
// file is loaded, so filling one in never fails.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/findings/field_path.hpp"

namespace fwctl::report::findings {

enum class TemplateFilter { none, pci_slot, count, join, unique };

struct TemplatePart {
    std::string literal;               // text before the placeholder
    std::vector<FieldPath> fields;     // the placeholder's alternatives; empty: no placeholder
    TemplateFilter filter = TemplateFilter::none;
};

struct MessageTemplate {
    std::string text;
    std::vector<TemplatePart> parts;
    bool empty() const { return text.empty(); }
};

Result<MessageTemplate> parse_template(std::string_view text);

// Extra named values a template may use besides document fields (group rules
// offer {group}, {values} and {members}). Looked up before the document.
using TemplateValues = std::map<std::string, Json, std::less<>>;

std::string fill_template(const MessageTemplate& t, const Json& root, const Bindings& bindings,
                          const TemplateValues& extra = {});

// How a value reads inside a sentence: strings bare, lists joined by ", ".
std::string to_text(const Json& value);

}  // namespace fwctl::report::findings
