#include "report/redact/redactor.hpp"

namespace fwctl::report::redact {

namespace {

std::string as_text(const Document& value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// Pushes a segment for the lifetime of a scope, so the recursion below cannot
// forget to pop it.
class PathSegment {
public:
    PathSegment(Path& path, std::string segment) : path_(path) { path_.push_back(std::move(segment)); }
    ~PathSegment() { path_.pop_back(); }
    PathSegment(const PathSegment&) = delete;
    PathSegment& operator=(const PathSegment&) = delete;

private:
    Path& path_;
};

}  // namespace

void Redactor::learn(const Document& node, Path& path)
{
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            PathSegment segment(path, key);
            learn(value, path);
        }
        return;
    }
    if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            PathSegment segment(path, std::to_string(i));
            learn(node[i], path);
        }
        return;
    }
    const auto field_class = classify_field(path, node);
    if (!field_class) {
        return;
    }
    const std::string value = as_text(node);
    if (value.empty() || !seen_[*field_class].insert(normalised(*field_class, value)).second) {
        return;
    }
    sweep_.add(*field_class, value);
}

void Redactor::rewrite(Document& node, Path& path) const
{
    if (node.is_object()) {
        // Keys are swept too (a plugin may key a map by MAC); rebuilding keeps their order.
        Document rebuilt = Document::object();
        for (auto& [key, value] : node.items()) {
            PathSegment segment(path, key);
            rewrite(value, path);
            rebuilt[is_sweep_exempt(path) ? key : sweep_.apply(key)] = std::move(value);
        }
        node = std::move(rebuilt);
        return;
    }
    if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            PathSegment segment(path, std::to_string(i));
            rewrite(node[i], path);
        }
        return;
    }
    if (const auto field_class = classify_field(path, node)) {
        const std::string value = as_text(node);
        if (!value.empty()) {
            node = tokens_.token(*field_class, value);
        }
        return;
    }
    if (node.is_string() && !is_sweep_exempt(path)) {
        node = sweep_.apply(node.get_ref<const std::string&>());
    }
}

void Redactor::redact(Document& doc, Path base)
{
    learn(doc, base);
    rewrite(doc, base);
}

void Redactor::redact_report(Document& report)
{
    redact(report, {});
    report["redaction"] = summary();
}

void Redactor::redact_device(Document& device)
{
    // The table's paths are written for the report; a device file is one of its devices[].
    redact(device, {"devices", "0"});
}

Document Redactor::summary() const
{
    Document classes = Document::array();
    Document counts = Document::object();
    for (const auto c : all_classes()) {
        classes.push_back(class_name(c));
        const auto it = seen_.find(c);
        counts[std::string(class_name(c))] = it == seen_.end() ? 0 : it->second.size();
    }
    return {{"classes", classes}, {"keyed", tokens_.keyed()}, {"distinct_values", counts}};
}

}  // namespace fwctl::report::redact
