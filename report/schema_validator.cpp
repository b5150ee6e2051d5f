#include "report/schema_validator.hpp"

// valijson reports schema parse errors by exception only when asked to;
// without this it prints and aborts. The CMake target defines it too.
#ifndef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#endif

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <regex>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "report/generated/manifest_schema_text.hpp"
#include "report/generated/schema_text.hpp"
#include "report/yaml_reader.hpp"

namespace fwctl::report {

using nlohmann::json;

namespace {

constexpr std::string_view device_ref = "#/definitions/device";

// One compiled schema plus the JSON it came from: valijson only says which
// constraint failed, so the messages look up the expected pattern, enum or
// type in the JSON at the failing location.
struct Compiled {
    json root;  // the schema document; "$ref"s resolve against it
    std::unique_ptr<valijson::Schema> schema;
};

std::unique_ptr<valijson::Schema> compile(const json& root)
{
    auto schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    const valijson::adapters::NlohmannJsonAdapter adapter(root);
    parser.populateSchema(adapter, *schema);
    return schema;
}

// valijson compiles patterns lazily, during validation; compiling them here
// turns a bad pattern into a from_text() error instead of a surprise later.
void check_patterns(const json& node)
{
    if (node.is_object()) {
        if (const auto it = node.find("pattern"); it != node.end() && it->is_string()) {
            std::regex(it->get<std::string>());
        }
        if (const auto it = node.find("patternProperties"); it != node.end() && it->is_object()) {
            for (const auto& entry : it->items()) {
                std::regex(entry.key());
            }
        }
    }
    if (node.is_structured()) {
        for (const auto& child : node) {
            check_patterns(child);
        }
    }
}

// ---- locating the schema node for an instance location ----

const json* follow_refs(const json& root, const json* node)
{
    for (int hops = 0; node != nullptr && hops < 32; ++hops) {
        if (!node->is_object()) {
            return nullptr;
        }
        const auto ref = node->find("$ref");
        if (ref == node->end() || !ref->is_string()) {
            return node;
        }
        const auto& text = ref->get_ref<const std::string&>();
        if (text.empty() || text.front() != '#') {
            return nullptr;  // remote references are not used by our schemas
        }
        try {
            node = &root.at(json::json_pointer(text.substr(1)));
        } catch (const std::exception&) {
            return nullptr;
        }
    }
    return node;
}

const json* member(const json* node, std::string_view key)
{
    if (node == nullptr || !node->is_object()) {
        return nullptr;
    }
    const auto it = node->find(key);
    return it == node->end() ? nullptr : &*it;
}

const json* property_schema(const json& root, const json* node, const std::string& key)
{
    if (const json* properties = member(node, "properties")) {
        if (const json* child = member(properties, key)) {
            return follow_refs(root, child);
        }
    }
    if (const json* patterns = member(node, "patternProperties"); patterns && patterns->is_object()) {
        for (const auto& entry : patterns->items()) {
            if (std::regex_search(key, std::regex(entry.key()))) {
                return follow_refs(root, &entry.value());
            }
        }
    }
    const json* additional = member(node, "additionalProperties");
    return additional != nullptr && additional->is_object() ? follow_refs(root, additional) : nullptr;
}

const json* item_schema(const json& root, const json* node, std::size_t index)
{
    const json* items = member(node, "items");
    if (items == nullptr) {
        return nullptr;
    }
    if (items->is_array()) {
        return index < items->size() ? follow_refs(root, &(*items)[index]) : nullptr;
    }
    return follow_refs(root, items);
}

bool is_identifier(const std::string& key)
{
    static const std::regex identifier("[A-Za-z_][A-Za-z0-9_-]*");
    return key.size() < 128 && std::regex_match(key, identifier);
}

void append_key(std::string& path, const std::string& key)
{
    if (is_identifier(key)) {
        if (!path.empty()) {
            path += '.';
        }
        path += key;
    } else {
        path += "[" + json(key).dump() + "]";
    }
}

// Where a valijson error points: the instance value, its schema node and
// our path text.
struct Location {
    std::string path;
    const json* instance = nullptr;
    const json* schema = nullptr;
};

// valijson contexts look like {"<root>", "[devices]", "[2]", "[name]"}; array
// indexes and keys share the bracket form, so the instance says which it is.
Location locate(const json& schema_root, const json& schema_start, const json& doc,
                const std::vector<std::string>& context)
{
    Location at{{}, &doc, follow_refs(schema_root, &schema_start)};
    for (std::size_t i = 1; i < context.size(); ++i) {
        const std::string& raw = context[i];
        const std::string token =
            raw.size() >= 2 && raw.front() == '[' && raw.back() == ']' ? raw.substr(1, raw.size() - 2)
                                                                         : raw;
        if (at.instance != nullptr && at.instance->is_array()) {
            std::size_t index = 0;
            try {
                index = std::stoul(token);
            } catch (const std::exception&) {
                at.instance = nullptr;
            }
            at.path += "[" + token + "]";
            at.schema = at.schema ? item_schema(schema_root, at.schema, index) : nullptr;
            at.instance = at.instance && index < at.instance->size() ? &(*at.instance)[index] : nullptr;
        } else {
            append_key(at.path, token);
            at.schema = at.schema ? property_schema(schema_root, at.schema, token) : nullptr;
            at.instance = member(at.instance, token);
        }
    }
    return at;
}

// ---- wording ----

std::string show(const json& value)
{
    std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > 60) {
        text = text.substr(0, 57) + "...";
    }
    return text;
}

// Keys come from the document and may be huge; messages stay one line.
std::string short_key(const std::string& key)
{
    return key.size() > 60 ? key.substr(0, 57) + "..." : key;
}

std::string type_name(const json& value)
{
    if (value.is_number_integer()) {
        return "integer";
    }
    if (value.is_number()) {
        return "number";
    }
    return value.type_name();  // string, boolean, null, object, array
}

std::string join(const json& values, const char* separator, bool quote)
{
    std::string text;
    for (const auto& value : values) {
        if (!text.empty()) {
            text += separator;
        }
        text += quote || !value.is_string() ? show(value) : value.get<std::string>();
    }
    return text;
}

std::string quoted_name(const std::string& description)
{
    const auto first = description.find('\'');
    const auto last = description.rfind('\'');
    return first != std::string::npos && last > first ? description.substr(first + 1, last - first - 1)
                                                      : std::string();
}

bool starts_with(const std::string& text, std::string_view prefix)
{
    return text.rfind(prefix, 0) == 0;
}

// valijson repeats a nested failure at every enclosing level; the innermost
// error already names the path, so these summaries only add noise.
bool is_wrapper(const std::string& description)
{
    return starts_with(description, "Failed to validate against schema associated with") ||
           starts_with(description, "Failed to validate item #") ||
           starts_with(description, "Failed to validate against additional properties schema") ||
           starts_with(description, "Failed to validate against child schema") ||
           starts_with(description, "Failed to validate against any child schemas") ||
           starts_with(description, "Failed to validate against dependent schema");
}

void add(std::vector<Violation>& out, std::string path, std::string message)
{
    for (const auto& existing : out) {
        if (existing.path == path && existing.message == message) {
            return;
        }
    }
    out.push_back({std::move(path), std::move(message)});
}

void describe(std::vector<Violation>& out, const Location& at, const std::string& description)
{
    const json* value = at.instance;
    const json* schema = at.schema;
    const auto keyword = [&](std::string_view name) { return member(schema, name); };

    if (starts_with(description, "Missing required property")) {
        add(out, at.path, "missing required property '" + quoted_name(description) + "'");
        return;
    }
    if (starts_with(description, "Object contains a property that could not be validated")) {
        // valijson names only the first stray key; list them all when we can.
        if (value != nullptr && value->is_object() && schema != nullptr) {
            const json* properties = keyword("properties");
            const json* patterns = keyword("patternProperties");
            for (const auto& entry : value->items()) {
                bool known = properties != nullptr && properties->contains(entry.key());
                if (!known && patterns != nullptr && patterns->is_object()) {
                    for (const auto& pattern : patterns->items()) {
                        known = known || std::regex_search(entry.key(), std::regex(pattern.key()));
                    }
                }
                if (!known) {
                    add(out, at.path, "unexpected property '" + short_key(entry.key()) + "'");
                }
            }
            return;
        }
        add(out, at.path, "unexpected property '" + short_key(quoted_name(description)) + "'");
        return;
    }
    if (value == nullptr) {
        add(out, at.path, description);
        return;
    }
    if (starts_with(description, "Value type not permitted by 'type' constraint")) {
        const json* types = keyword("type");
        const std::string expected =
            types == nullptr ? "another type" : types->is_array() ? join(*types, " or ", false)
                                                                  : types->get<std::string>();
        add(out, at.path, "expected " + expected + ", got " + type_name(*value));
        return;
    }
    if (starts_with(description, "Failed to match regex specified by 'pattern'")) {
        const json* pattern = keyword("pattern");
        add(out, at.path, show(*value) + " does not match pattern " +
                              (pattern && pattern->is_string() ? pattern->get<std::string>() : "?"));
        return;
    }
    if (starts_with(description, "Failed to match against any enum values")) {
        const json* values = keyword("enum");
        add(out, at.path,
            show(*value) + " is not one of: " + (values ? join(*values, ", ", false) : "?"));
        return;
    }
    if (starts_with(description, "Failed to match expected value set by 'const'")) {
        const json* expected = keyword("const");
        add(out, at.path, "expected " + (expected ? show(*expected) : "?") + ", got " + show(*value));
        return;
    }
    if (starts_with(description, "Expected number greater than")) {
        const json* minimum = keyword("minimum");
        add(out, at.path, show(*value) + " is less than the minimum " + (minimum ? show(*minimum) : "?"));
        return;
    }
    if (starts_with(description, "Expected number less than")) {
        const json* maximum = keyword("maximum");
        add(out, at.path,
            show(*value) + " is greater than the maximum " + (maximum ? show(*maximum) : "?"));
        return;
    }
    if (starts_with(description, "String should be no fewer than")) {
        const json* length = keyword("minLength");
        add(out, at.path, length && *length == 1 ? std::string("must not be empty")
                                                 : "must be at least " + (length ? show(*length) : "?") +
                                                       " characters long");
        return;
    }
    if (starts_with(description, "String should be no more than")) {
        const json* length = keyword("maxLength");
        add(out, at.path, show(*value) + " is longer than " + (length ? show(*length) : "?") +
                              (length && *length == 1 ? " character" : " characters"));
        return;
    }
    add(out, at.path, description);
}

std::vector<Violation> run(const Compiled& compiled, const json& schema_start, const json& doc)
{
    std::vector<Violation> out;
    try {
        valijson::Validator validator(valijson::Validator::kStrongTypes);
        valijson::ValidationResults results;
        const valijson::adapters::NlohmannJsonAdapter target(doc);
        if (validator.validate(*compiled.schema, target, &results)) {
            return out;
        }
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            if (is_wrapper(error.description)) {
                continue;
            }
            describe(out, locate(compiled.root, schema_start, doc, error.context), error.description);
        }
        if (out.empty()) {
            out.push_back({{}, "does not match the schema"});  // only wrappers: still invalid
        }
    } catch (const std::exception& e) {
        out.push_back({{}, std::string("schema validation failed: ") + e.what()});
    }
    return out;
}

}  // namespace

struct SchemaValidator::Impl {
    Compiled whole;
    std::optional<Compiled> device;  // {"$ref": "#/definitions/device"} over the same definitions
};

std::string Violation::to_string() const
{
    return (path.empty() ? std::string("(document)") : path) + ": " + message;
}

SchemaValidator::SchemaValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SchemaValidator::SchemaValidator(SchemaValidator&&) noexcept = default;
SchemaValidator& SchemaValidator::operator=(SchemaValidator&&) noexcept = default;
SchemaValidator::~SchemaValidator() = default;

Result<SchemaValidator> SchemaValidator::from_text(std::string_view schema_json, std::string_view where)
{
    auto root = parse_json_text(schema_json, where);
    FWCTL_TRY(root);
    if (!root->is_object()) {
        return fail(Errc::invalid_input, std::string(where), "a JSON Schema must be a JSON object");
    }
    try {
        check_patterns(*root);
        auto impl = std::make_unique<Impl>();
        impl->whole.root = std::move(*root);
        impl->whole.schema = compile(impl->whole.root);
        const json& definitions = impl->whole.root.value("definitions", json::object());
        if (definitions.contains("device")) {
            json wrapper = {{"$schema", impl->whole.root.value("$schema", "http://json-schema.org/draft-07/schema#")},
                            {"$ref", device_ref},
                            {"definitions", definitions}};
            impl->device.emplace();
            impl->device->root = std::move(wrapper);
            impl->device->schema = compile(impl->device->root);
        }
        return SchemaValidator(std::move(impl));
    } catch (const std::exception& e) {
        return fail(Errc::invalid_input, std::string(where), std::string("not a usable JSON Schema: ") + e.what());
    }
}

std::vector<Violation> SchemaValidator::validate(const json& doc) const
{
    return run(impl_->whole, impl_->whole.root, doc);
}

std::vector<Violation> SchemaValidator::validate(const nlohmann::ordered_json& doc) const
{
    // valijson reads only nlohmann::json, so an ordered document is copied. A
    // report is copied one device at a time (devices[] items are exactly
    // #/definitions/device in our schemas): a copy of a whole 256-device
    // report was the largest allocation of a run (bench/RESULTS.md, RSS).
    const bool per_device = impl_->device && doc.is_object() && doc.contains("devices") &&
                            doc["devices"].is_array() && !doc["devices"].empty() &&
                            impl_->whole.root.contains("properties") &&
                            impl_->whole.root["properties"].value("devices", json::object()).value("items", json::object()) ==
                                json{{"$ref", device_ref}};
    if (!per_device) {
        return validate(json(doc));
    }
    json top = json::object();
    for (const auto& [key, value] : doc.items()) {
        top[key] = key == "devices" ? json::array() : json(value);
    }
    std::vector<Violation> out = validate(top);
    const auto& devices = doc["devices"];
    for (std::size_t i = 0; i < devices.size(); ++i) {
        const std::string at = "devices[" + std::to_string(i) + "]";
        for (auto& v : validate_device(json(devices[i]))) {
            v.path = v.path.empty() ? at : at + (v.path.front() == '[' ? "" : ".") + v.path;
            out.push_back(std::move(v));
        }
    }
    return out;
}

bool SchemaValidator::has_device_definition() const
{
    return impl_->device.has_value();
}

std::vector<Violation> SchemaValidator::validate_device(const json& doc) const
{
    if (!impl_->device) {
        return {{{}, "this schema has no definitions/device to validate a device document against"}};
    }
    return run(*impl_->device, impl_->device->root, doc);
}

std::string summarize(const std::vector<Violation>& violations, std::size_t max_listed)
{
    std::string text = std::to_string(violations.size()) +
                       (violations.size() == 1 ? " schema violation: " : " schema violations: ");
    for (std::size_t i = 0; i < violations.size() && i < max_listed; ++i) {
        text += (i == 0 ? "" : "; ") + violations[i].to_string();
    }
    if (violations.size() > max_listed) {
        text += " (and " + std::to_string(violations.size() - max_listed) + " more)";
    }
    return text;
}

namespace {

Result<void> as_result(const std::vector<Violation>& violations, std::string_view where)
{
    if (violations.empty()) {
        return {};
    }
    return fail(Errc::schema_violation, std::string(where), summarize(violations));
}

SchemaValidator built_in(std::string_view text, const char* name)
{
    auto validator = SchemaValidator::from_text(text, name);
    if (!validator) {
        std::fprintf(stderr, "fwctl-report: built-in schema %s does not compile: %s\n", name,
                     validator.error().message().c_str());
        std::abort();
    }
    return std::move(*validator);
}

}  // namespace

Result<void> SchemaValidator::validate_or_error(const json& doc, std::string_view where) const
{
    return as_result(validate(doc), where);
}

Result<void> SchemaValidator::validate_device_or_error(const json& doc, std::string_view where) const
{
    return as_result(validate_device(doc), where);
}

const SchemaValidator& report_schema()
{
    static const SchemaValidator validator = built_in(schema_text, "fwctl-report.schema.json");
    return validator;
}

const SchemaValidator& manifest_schema()
{
    static const SchemaValidator validator =
        built_in(manifest_schema_text, "fwctl-report-manifest.schema.json");
    return validator;
}

}  // namespace fwctl::report
