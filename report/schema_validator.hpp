// JSON Schema (draft-07) validation of report documents, device documents and
// archive manifests, with violations named by path ("devices[2].parent.pci.
// vendor_id") and worded for the person who has to fix the file. valijson
// stays behind a pimpl so only schema_validator.cpp pays for its headers.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "collector/error.hpp"

namespace fwctl::report {

struct Violation {
    // Dotted path with [index] for array items, e.g. "devices[2].parent.pci";
    // keys that are not identifiers are written ["like this"]. Empty for the
    // document itself.
    std::string path;
    // What was expected, e.g. "missing required property 'name'" or
    // "\"0x15B3\" does not match pattern ^0x[0-9a-f]+$".
    std::string message;

    // "path: message", or "(document): message" when path is empty.
    std::string to_string() const;
};

class SchemaValidator {
public:
    // Compiles a draft-07 schema. Errc::invalid_input when the text is not
    // JSON, not a schema valijson accepts, or has a pattern std::regex rejects.
    static Result<SchemaValidator> from_text(std::string_view schema_json, std::string_view where);

    // A moved-from validator may only be assigned to or destroyed.
    SchemaValidator(SchemaValidator&&) noexcept;
    SchemaValidator& operator=(SchemaValidator&&) noexcept;
    ~SchemaValidator();

    // Every violation against the whole schema; empty when the document is valid.
    // Types are strict: "1" is not 1, and 1.0 is not an integer.
    std::vector<Violation> validate(const nlohmann::json& doc) const;
    std::vector<Violation> validate(const nlohmann::ordered_json& doc) const;

    // Against #/definitions/device (devices/<name>.yaml in a bundle). A schema
    // without that definition reports one violation saying so.
    std::vector<Violation> validate_device(const nlohmann::json& doc) const;
    bool has_device_definition() const;

    // Errc::schema_violation naming the first few violations, or success.
    Result<void> validate_or_error(const nlohmann::json& doc, std::string_view where) const;
    Result<void> validate_device_or_error(const nlohmann::json& doc, std::string_view where) const;

private:
    struct Impl;
    explicit SchemaValidator(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// "N schema violations: a: ...; b: ...; c: ... (and K more)" for error details.
std::string summarize(const std::vector<Violation>& violations, std::size_t max_listed = 3);

// Validators for the schemas compiled into the binary (report/generated/*).
// Built once, on first use; the schemas are covered by unit tests, so a
// failure to compile them is a build defect and aborts with a message.
const SchemaValidator& report_schema();
const SchemaValidator& manifest_schema();

}  // namespace fwctl::report
