#include "report/findings/engine.hpp"

#include <algorithm>
#include <functional>
#include <map>

namespace fwctl::report::findings {

namespace {

// A rule over a big document must not run away: a for_each over devices x
// config entries is a few thousand contexts, far below this.
constexpr std::size_t max_contexts_per_rule = 200000;

bool holds(const Condition& c, const Json& root, const Bindings& bindings)
{
    if (c.op == Condition::Op::any_of) {
        return std::any_of(c.any.begin(), c.any.end(), [&](const Condition& sub) { return holds(sub, root, bindings); });
    }
    const Json value = resolve_value(c.field, root, bindings);
    const bool empty = value.is_null() || (c.field.has_wildcard() && value.empty());
    auto in_list = [&](const Json& list, const Json& v) {
        return list.is_array() && std::find(list.begin(), list.end(), v) != list.end();
    };
    switch (c.op) {
    case Condition::Op::present:
        return !empty;
    case Condition::Op::absent:
        return empty;
    case Condition::Op::equals:
        return value == c.operand;
    case Condition::Op::not_equals:
        return value != c.operand;
    case Condition::Op::in:
        return in_list(c.operand, value);
    case Condition::Op::not_in:
        return !in_list(c.operand, value);
    case Condition::Op::contains:
        return in_list(value, c.operand);
    case Condition::Op::not_contains:
        return !in_list(value, c.operand);
    case Condition::Op::equals_field:
        return value == resolve_value(*c.other_field, root, bindings);
    case Condition::Op::not_equals_field:
        return value != resolve_value(*c.other_field, root, bindings);
    case Condition::Op::any_of:
        break;
    }
    return false;
}

bool all_hold(const Rule& rule, const Json& root, const Bindings& bindings)
{
    return std::all_of(rule.when.begin(), rule.when.end(),
                       [&](const Condition& c) { return holds(c, root, bindings); });
}

// Calls `visit` once for every combination of for_each values.
void for_each_context(const Rule& rule, const Json& root, const std::function<void(const Bindings&)>& visit)
{
    Bindings bindings;
    std::size_t visited = 0;
    std::function<void(std::size_t)> bind = [&](std::size_t level) {
        if (visited >= max_contexts_per_rule) {
            return;
        }
        if (level == rule.for_each.size()) {
            ++visited;
            visit(bindings);
            return;
        }
        const auto& [name, path] = rule.for_each[level];
        for (const Json* value : resolve_all(path, root, bindings)) {
            bindings[name] = value;
            bind(level + 1);
        }
        bindings.erase(name);
    };
    bind(0);
}

Json device_of(const Rule& rule, const Json& root, const Bindings& bindings)
{
    if (rule.device) {
        return fill_template(*rule.device, root, bindings);
    }
    auto device = bindings.find("device");
    if (device != bindings.end() && device->second->is_object()) {
        auto name = device->second->find("name");
        if (name != device->second->end() && name->is_string()) {
            return *name;
        }
    }
    return nullptr;
}

Json finding(const Rule& rule, Json device, std::string subject, std::string message, Json evidence)
{
    return Json{{"id", rule.id},
                {"severity", to_string(rule.severity)},
                {"device", std::move(device)},
                {"subject", std::move(subject)},
                {"message", std::move(message)},
                {"evidence", std::move(evidence)}};
}

void evaluate_plain(const Rule& rule, const Json& root, Json& out)
{
    for_each_context(rule, root, [&](const Bindings& bindings) {
        if (!all_hold(rule, root, bindings)) {
            return;
        }
        Json evidence = Json::object();
        for (const auto& [name, path] : rule.evidence) {
            // A key this document does not have (written_by on a CXL entry) is left out; a null is kept.
            if (path.has_wildcard() || !resolve_all(path, root, bindings).empty()) {
                evidence[name] = resolve_value(path, root, bindings);
            }
        }
        out.push_back(finding(rule, device_of(rule, root, bindings), fill_template(rule.subject, root, bindings),
                              fill_template(rule.message, root, bindings), std::move(evidence)));
    });
}

// Members whose `differs` value is null (not known) neither agree nor disagree.
void evaluate_group(const Rule& rule, const Json& root, Json& out)
{
    struct Member {
        std::string label;
        Json value;
    };
    std::vector<std::string> order;
    std::map<std::string, std::vector<Member>> groups;
    for_each_context(rule, root, [&](const Bindings& bindings) {
        if (!all_hold(rule, root, bindings)) {
            return;
        }
        const std::string key = fill_template(rule.group->key, root, bindings);
        Json value = resolve_value(rule.group->differs, root, bindings);
        if (key.empty() || key == "unknown" || value.is_null()) {
            return;
        }
        if (!groups.contains(key)) {
            order.push_back(key);
        }
        groups[key].push_back({fill_template(rule.group->member, root, bindings), std::move(value)});
    });
    for (const auto& key : order) {
        const auto& members = groups[key];
        Json distinct = Json::array();
        Json labels = Json::array();
        Json evidence = Json::object();
        for (const auto& m : members) {
            if (std::find(distinct.begin(), distinct.end(), m.value) == distinct.end()) {
                distinct.push_back(m.value);
            }
            labels.push_back(m.label);
            evidence[m.label] = m.value;
        }
        if (distinct.size() < 2) {
            continue;
        }
        const TemplateValues extra{{"group", key}, {"values", distinct}, {"members", labels}};
        const Bindings none;
        Json device = rule.device ? Json(fill_template(*rule.device, root, none, extra)) : Json(nullptr);
        out.push_back(finding(rule, std::move(device), fill_template(rule.subject, root, none, extra),
                              fill_template(rule.message, root, none, extra), std::move(evidence)));
    }
}

}  // namespace

Json evaluate(std::span<const Rule> rules, const Json& report)
{
    std::array<Json, 4> by_severity{Json::array(), Json::array(), Json::array(), Json::array()};
    for (const Rule& rule : rules) {
        Json& out = by_severity[static_cast<std::size_t>(rule.severity)];
        if (rule.group) {
            evaluate_group(rule, report, out);
        } else {
            evaluate_plain(rule, report, out);
        }
    }
    Json findings = Json::array();
    for (auto it = by_severity.rbegin(); it != by_severity.rend(); ++it) {
        for (auto& f : *it) {
            findings.push_back(std::move(f));
        }
    }
    return findings;
}

std::optional<Severity> highest_severity(const Json& findings)
{
    std::optional<Severity> highest;
    for (const auto& f : findings) {
        auto s = parse_severity(f.value("severity", std::string()));
        if (s && (!highest || *s > *highest)) {
            highest = s;
        }
    }
    return highest;
}

}  // namespace fwctl::report::findings
