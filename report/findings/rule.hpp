// A rule, as loaded from a rules file (rules/*.yaml; format in rules/README.md).
// Plain data: parsing is in rules_file.cpp, evaluation in engine.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/findings/field_path.hpp"
#include "report/findings/message_template.hpp"

namespace fwctl::report::findings {

enum class Severity { info = 0, notice = 1, warning = 2, critical = 3 };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

// One test on one field. A missing field reads as null everywhere, so
// "not_equals: false" holds for a device that does not have the field at all.
struct Condition {
    enum class Op {
        present,           // value is not null (a wildcard list: not empty)
        absent,            // value is null (a wildcard list: empty)
        equals,            // value == operand
        not_equals,        // value != operand
        in,                // value is one of operand's elements
        not_in,            // value is none of them
        contains,          // value is a list holding operand
        not_contains,      // value is not a list holding operand
        equals_field,      // value == the value of other_field
        not_equals_field,  // value != the value of other_field
        any_of,            // at least one of `any` holds
    };
    Op op = Op::present;
    FieldPath field;                  // unused for any_of
    Json operand;                     // equals, not_equals, in, not_in, contains, not_contains
    std::optional<FieldPath> other_field;
    std::vector<Condition> any;
};

// A group rule fires once per group whose members disagree on `differs`.
struct GroupSpec {
    MessageTemplate key;     // members with the same key form a group; an empty key leaves the member out
    FieldPath differs;       // the field that should be equal within a group
    MessageTemplate member;  // how a member is named in the evidence
};

struct Rule {
    std::string id;          // FWCTL-CFG-PCI-NONDEFAULT
    Severity severity = Severity::info;
    std::string file;        // the rules file it came from, for messages
    std::vector<std::pair<std::string, FieldPath>> for_each;  // variable -> path, in order
    std::vector<Condition> when;                              // all must hold
    std::optional<GroupSpec> group;
    std::optional<MessageTemplate> device;  // nullopt: {device.name} when `device` is bound, else null
    MessageTemplate subject;
    MessageTemplate message;
    std::vector<std::pair<std::string, FieldPath>> evidence;  // name -> field
};

}  // namespace fwctl::report::findings
