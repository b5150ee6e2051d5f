#include "report/findings/rules_file.hpp"

#include <set>

#include "report/yaml_reader.hpp"

namespace fwctl::report::findings {

namespace {

using nlohmann::json;

constexpr std::size_t max_rules_per_file = 1000;
constexpr std::size_t max_conditions = 64;

// A problem with one key of one rule; turned into an error entry by the caller.
struct RuleProblem {
    std::string key;
    std::string message;
};

using Checked = std::expected<void, RuleProblem>;

std::unexpected<RuleProblem> problem(std::string key, std::string message)
{
    return std::unexpected(RuleProblem{std::move(key), std::move(message)});
}

// Values from YAML keep their type (true, 3, "ETH"); an operand is compared with json ==.
Json operand_of(const json& value)
{
    return Json::parse(value.dump());
}

std::expected<FieldPath, RuleProblem> path_at(const json& node, const std::string& key)
{
    if (!node.is_string()) {
        return problem(key, "must be a field path such as device.firmware.running");
    }
    auto path = parse_field_path(node.get<std::string>());
    if (!path) {
        return problem(key, path.error().detail + (path.error().where.empty() ? "" : " in '" + path.error().where + "'"));
    }
    return *path;
}

std::expected<MessageTemplate, RuleProblem> template_at(const json& node, const std::string& key)
{
    if (!node.is_string() || node.get<std::string>().empty()) {
        return problem(key, "must be a non-empty text");
    }
    auto t = parse_template(node.get<std::string>());
    if (!t) {
        return problem(key, t.error().detail);
    }
    return *t;
}

Checked only_keys(const json& node, const std::set<std::string>& allowed, const std::string& where)
{
    for (const auto& [key, value] : node.items()) {
        if (!allowed.contains(key)) {
            std::string known;
            for (const auto& k : allowed) {
                known += (known.empty() ? "" : ", ") + k;
            }
            return problem(where.empty() ? key : where + "." + key, "unknown key (known: " + known + ")");
        }
    }
    return {};
}

const std::map<std::string, Condition::Op>& operator_names()
{
    static const std::map<std::string, Condition::Op> names{
        {"present", Condition::Op::present},
        {"equals", Condition::Op::equals},
        {"not_equals", Condition::Op::not_equals},
        {"in", Condition::Op::in},
        {"not_in", Condition::Op::not_in},
        {"contains", Condition::Op::contains},
        {"not_contains", Condition::Op::not_contains},
        {"equals_field", Condition::Op::equals_field},
        {"not_equals_field", Condition::Op::not_equals_field},
    };
    return names;
}

std::expected<Condition, RuleProblem> parse_condition(const json& node, const std::string& where, int depth)
{
    if (!node.is_object()) {
        return problem(where, "a condition is a map such as {field: device.firmware.pending_activation, equals: true}");
    }
    Condition c;
    if (node.contains("any")) {
        if (depth > 2) {
            return problem(where, "'any' nested too deeply (at most 2 levels)");
        }
        if (auto ok = only_keys(node, {"any"}, where); !ok) {
            return std::unexpected(ok.error());
        }
        const json& list = node["any"];
        if (!list.is_array() || list.empty() || list.size() > max_conditions) {
            return problem(where + ".any", "must be a non-empty list of conditions");
        }
        c.op = Condition::Op::any_of;
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto sub = parse_condition(list[i], where + ".any[" + std::to_string(i) + "]", depth + 1);
            if (!sub) {
                return std::unexpected(sub.error());
            }
            c.any.push_back(std::move(*sub));
        }
        return c;
    }
    if (!node.contains("field")) {
        return problem(where, "a condition needs 'field' (or is {any: [...]})");
    }
    auto field = path_at(node["field"], where + ".field");
    if (!field) {
        return std::unexpected(field.error());
    }
    c.field = std::move(*field);

    std::string op_name;
    for (const auto& [key, value] : node.items()) {
        if (key == "field") {
            continue;
        }
        if (!operator_names().contains(key)) {
            return problem(where + "." + key,
                           "unknown test (known: present, equals, not_equals, in, not_in, contains, "
                           "not_contains, equals_field, not_equals_field)");
        }
        if (!op_name.empty()) {
            return problem(where + "." + key, "a condition has one test; '" + op_name + "' is already given");
        }
        op_name = key;
    }
    if (op_name.empty()) {
        return problem(where, "the condition names a field but no test (equals, present, ...)");
    }
    const json& operand = node[op_name];
    const std::string key = where + "." + op_name;
    c.op = operator_names().at(op_name);
    switch (c.op) {
    case Condition::Op::present:
        if (!operand.is_boolean()) {
            return problem(key, "must be true or false");
        }
        c.op = operand.get<bool>() ? Condition::Op::present : Condition::Op::absent;
        break;
    case Condition::Op::in:
    case Condition::Op::not_in:
        if (!operand.is_array()) {
            return problem(key, "must be a list of values");
        }
        c.operand = operand_of(operand);
        break;
    case Condition::Op::equals_field:
    case Condition::Op::not_equals_field: {
        auto other = path_at(operand, key);
        if (!other) {
            return std::unexpected(other.error());
        }
        c.other_field = std::move(*other);
        break;
    }
    default:
        if (operand.is_object() || operand.is_array()) {
            return problem(key, "must be a single value (text, number, true, false or null)");
        }
        c.operand = operand_of(operand);
        break;
    }
    return c;
}

// for_each variables may refer to each other ("entry: device.config[*]"):
// bind them so that every variable comes after the one its path starts from.
std::expected<std::vector<std::pair<std::string, FieldPath>>, RuleProblem> parse_for_each(const json& node)
{
    if (!node.is_object() || node.empty()) {
        return problem("for_each", "must be a map of variable: path, e.g. {device: \"devices[*]\"}");
    }
    std::map<std::string, FieldPath> pending;
    for (const auto& [name, value] : node.items()) {
        if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
            return problem("for_each." + name, "a variable name is lower-case letters and '_'");
        }
        auto path = path_at(value, "for_each." + name);
        if (!path) {
            return std::unexpected(path.error());
        }
        pending.emplace(name, std::move(*path));
    }
    std::vector<std::pair<std::string, FieldPath>> ordered;
    while (!pending.empty()) {
        bool progressed = false;
        for (auto it = pending.begin(); it != pending.end();) {
            const std::string& root = it->second.segments.front().key;
            const bool waits = pending.contains(root) && root != it->first;
            if (root == it->first) {
                return problem("for_each." + it->first, "a variable cannot start from itself");
            }
            if (!waits) {
                ordered.emplace_back(it->first, std::move(it->second));
                it = pending.erase(it);
                progressed = true;
            } else {
                ++it;
            }
        }
        if (!progressed) {
            return problem("for_each", "the variables refer to each other in a circle");
        }
    }
    return ordered;
}

std::expected<Rule, RuleProblem> parse_rule(const json& node)
{
    if (!node.is_object()) {
        return problem("", "a rule is a map with id, severity, subject, message, ...");
    }
    if (auto ok = only_keys(node, {"id", "severity", "for_each", "when", "group_by", "differs", "member",
                                   "device", "subject", "message", "evidence"},
                            "");
        !ok) {
        return std::unexpected(ok.error());
    }
    Rule rule;
    if (!node.contains("id") || !node["id"].is_string() || !is_valid_rule_id(node["id"].get<std::string>())) {
        return problem("id", "each rule needs an id like FWCTL-CFG-PCI-NONDEFAULT (FWCTL- and upper-case words)");
    }
    rule.id = node["id"].get<std::string>();
    if (!node.contains("severity") || !node["severity"].is_string() ||
        !parse_severity(node["severity"].get<std::string>())) {
        return problem("severity", "must be info, notice, warning or critical");
    }
    rule.severity = *parse_severity(node["severity"].get<std::string>());

    if (node.contains("for_each")) {
        auto for_each = parse_for_each(node["for_each"]);
        if (!for_each) {
            return std::unexpected(for_each.error());
        }
        rule.for_each = std::move(*for_each);
    }
    if (node.contains("when")) {
        const json& when = node["when"];
        if (!when.is_array() || when.size() > max_conditions) {
            return problem("when", "must be a list of conditions (all must hold)");
        }
        for (std::size_t i = 0; i < when.size(); ++i) {
            auto c = parse_condition(when[i], "when[" + std::to_string(i) + "]", 0);
            if (!c) {
                return std::unexpected(c.error());
            }
            rule.when.push_back(std::move(*c));
        }
    }
    const int group_keys = int(node.contains("group_by")) + int(node.contains("differs"));
    if (group_keys == 1) {
        return problem(node.contains("group_by") ? "differs" : "group_by",
                       "group_by and differs go together: group_by says which devices belong together, "
                       "differs which field should be equal among them");
    }
    if (node.contains("member") && group_keys == 0) {
        return problem("member", "only group rules (group_by, differs) name their members");
    }
    if (group_keys == 2) {
        GroupSpec group;
        auto key = template_at(node["group_by"], "group_by");
        auto differs = path_at(node["differs"], "differs");
        if (!key) {
            return std::unexpected(key.error());
        }
        if (!differs) {
            return std::unexpected(differs.error());
        }
        group.key = std::move(*key);
        group.differs = std::move(*differs);
        auto member = template_at(node.value("member", json("{device.name}")), "member");
        if (!member) {
            return std::unexpected(member.error());
        }
        group.member = std::move(*member);
        rule.group = std::move(group);
    }
    if (node.contains("device") && !node["device"].is_null()) {
        auto device = template_at(node["device"], "device");
        if (!device) {
            return std::unexpected(device.error());
        }
        rule.device = std::move(*device);
    }
    for (const char* key : {"subject", "message"}) {
        if (!node.contains(key)) {
            return problem(key, "is required");
        }
        auto t = template_at(node[key], key);
        if (!t) {
            return std::unexpected(t.error());
        }
        (std::string_view(key) == "subject" ? rule.subject : rule.message) = std::move(*t);
    }
    if (node.contains("evidence")) {
        const json& evidence = node["evidence"];
        if (!evidence.is_object()) {
            return problem("evidence", "must be a map of name: field path");
        }
        for (const auto& [name, value] : evidence.items()) {
            auto path = path_at(value, "evidence." + name);
            if (!path) {
                return std::unexpected(path.error());
            }
            rule.evidence.emplace_back(name, std::move(*path));
        }
    }
    return rule;
}

ErrorEntry rules_error(const std::string& what, const std::string& message)
{
    return {"rules", what, 0, message};
}

}  // namespace

std::string_view to_string(Severity severity)
{
    switch (severity) {
    case Severity::info:
        return "info";
    case Severity::notice:
        return "notice";
    case Severity::warning:
        return "warning";
    case Severity::critical:
        return "critical";
    }
    return "info";
}

std::optional<Severity> parse_severity(std::string_view text)
{
    for (auto s : {Severity::info, Severity::notice, Severity::warning, Severity::critical}) {
        if (to_string(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

bool is_valid_rule_id(std::string_view id)
{
    if (!id.starts_with("FWCTL-") || id.size() > 64 || id.ends_with("-")) {
        return false;
    }
    char previous = '-';
    for (char c : id.substr(6)) {
        const bool word = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!word && !(c == '-' && previous != '-')) {
            return false;
        }
        previous = c;
    }
    return id.size() > 6;
}

RuleSet parse_rules_file(std::string_view text, const std::string& file)
{
    RuleSet set;
    auto doc = yaml_to_json(text, file);
    if (!doc) {
        set.errors.push_back(rules_error(file, "cannot read the rules file, none of its rules are used: " +
                                                   doc.error().message()));
        return set;
    }
    if (!doc->is_object() || !doc->contains("rules") || !(*doc)["rules"].is_array()) {
        set.errors.push_back(rules_error(file, "not a rules file (expected a map with rules_version: 1 and a "
                                               "'rules' list); none of its rules are used"));
        return set;
    }
    if (auto ok = only_keys(*doc, {"rules_version", "description", "rules"}, ""); !ok) {
        set.errors.push_back(rules_error(file + " key '" + ok.error().key + "'", ok.error().message));
        return set;
    }
    if (doc->value("rules_version", json()) != json(rules_format_version)) {
        set.errors.push_back(rules_error(file + " key 'rules_version'",
                                         "must be 1 (this fwctl-report reads rules format 1); none of its rules are used"));
        return set;
    }
    const json& rules = (*doc)["rules"];
    if (rules.size() > max_rules_per_file) {
        set.errors.push_back(rules_error(file, "more than 1000 rules; none of its rules are used"));
        return set;
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
        auto rule = parse_rule(rules[i]);
        if (rule) {
            rule->file = file;
            set.rules.push_back(std::move(*rule));
            continue;
        }
        std::string name = "rule " + std::to_string(i + 1);
        if (rules[i].is_object() && rules[i].contains("id") && rules[i]["id"].is_string()) {
            name += " (" + rules[i]["id"].get<std::string>() + ")";
        }
        std::string what = file + " " + name;
        if (!rule.error().key.empty()) {
            what += " key '" + rule.error().key + "'";
        }
        set.errors.push_back(rules_error(what, rule.error().message + "; this rule is not used"));
    }
    return set;
}

}  // namespace fwctl::report::findings
