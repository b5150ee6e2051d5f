// What the report-reading fuzz targets do with every document the loader
// accepts. Shared, so that a new reader of reports is fuzzed from every way a
// document can arrive (a file's text, an archive member): add it here.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/diff/diff_output.hpp"
#include "report/diff/report_diff.hpp"
#include "report/schema_validator.hpp"
#include "report/summary.hpp"
#include "report/yaml_reader.hpp"
#include "report/yaml_writer.hpp"

namespace fwctl::fuzz {

inline void validate_as_report(const nlohmann::json& doc)
{
    (void)report::summarize(report::report_schema().validate(doc));
}

inline void validate_as_device(const nlohmann::json& doc)
{
    (void)report::summarize(report::report_schema().validate_device(doc));
}

inline void validate_as_manifest(const nlohmann::json& doc)
{
    (void)report::summarize(report::manifest_schema().validate(doc));
}

// The writer's promise (yaml_writer.hpp): what to_yaml() writes reads back as
// the same document, for any document the reader accepts (not only the ones
// our schemas allow: `diff --format yaml` and future writers emit others).
inline void yaml_round_trip(const nlohmann::json& doc)
{
    const std::string text = report::to_yaml(doc);
    auto back = report::yaml_to_json(text, "round trip");
    if (!back || *back != doc) {
        std::fprintf(stderr, "to_yaml() output does not read back as the same document:\n%s\nread back: %s\n",
                     text.c_str(), back ? back->dump().c_str() : back.error().detail.c_str());
        std::abort();
    }
}

// --summary's renderer reads any document without throwing (summary.hpp).
inline void render_as_summary(const nlohmann::json& doc)
{
    (void)report::render_summary(doc);
}

struct Consumer {
    std::string_view name;
    void (*run)(const nlohmann::json& doc);
};

inline constexpr Consumer consumers[] = {
    {"report schema", validate_as_report},
    {"device schema", validate_as_device},
    {"manifest schema", validate_as_manifest},
    {"YAML round trip", yaml_round_trip},
    {"summary", render_as_summary},
};

// Code that reads two documents (such as `fwctl-report diff`, whose first entry
// this will be) gets every pair of documents one input yields.
struct PairConsumer {
    std::string_view name;
    void (*run)(const nlohmann::json& before, const nlohmann::json& after);
};

// `fwctl-report diff`: validation, matching and both outputs.
inline void diff_pair(const nlohmann::json& a, const nlohmann::json& b)
{
    auto diff = report::diff_reports(a, b);
    if (diff) {
        (void)report::diff_document(*diff, {});
        (void)report::render_diff_table(*diff, {});
    }
}

inline const std::vector<PairConsumer> pair_consumers = {
    {"diff", diff_pair},
};

inline void consume(std::span<const nlohmann::json> documents)
{
    for (const auto& doc : documents) {
        for (const Consumer& c : consumers) {
            c.run(doc);
        }
    }
    if (documents.size() >= 2) {
        for (const PairConsumer& c : pair_consumers) {
            c.run(documents[0], documents[1]);
        }
    }
}

}  // namespace fwctl::fuzz
