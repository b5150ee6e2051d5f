// --redact: a pass over the finished schema document, before it is printed or
// bundled. First the field table (field_classes) finds the host name, serial
// numbers, MACs and GUIDs and replaces each with its token; then every other
// string is swept for those values (secret_sweep). PCI addresses, PSIDs and
// firmware versions are not secrets and stay, so a support engineer can still
// read the report and `fwctl-report diff` can still match devices.
#pragma once

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "report/redact/field_classes.hpp"
#include "report/redact/redaction_key.hpp"
#include "report/redact/secret_sweep.hpp"
#include "report/redact/tokens.hpp"

namespace fwctl::report::redact {

using Document = nlohmann::ordered_json;

class Redactor {
public:
    explicit Redactor(RedactionKey key) : tokens_(std::move(key)), sweep_(tokens_) {}
    Redactor(const Redactor&) = delete;
    Redactor& operator=(const Redactor&) = delete;

    // A whole report: redacted in place, and given its top-level `redaction` block.
    void redact_report(Document& report);
    // One devices/<name>.yaml document of the same run (its schema has no room
    // for a `redaction` block; report.yaml and the manifest carry it).
    void redact_device(Document& device);

    // The `redaction` block: {classes, keyed, distinct_values}. Valid after a redact_*.
    Document summary() const;

private:
    void learn(const Document& node, Path& path);
    void rewrite(Document& node, Path& path) const;
    void redact(Document& doc, Path base);

    Tokenizer tokens_;
    SecretSweep sweep_;
    std::map<FieldClass, std::set<std::string>> seen_;  // normalised values already added to the sweep
};

}  // namespace fwctl::report::redact
