// schemas/fwctl-report-diff.schema.json is the contract of `diff --format
// yaml|json`: every document diff_document() builds must match it, for
// reports that differ in every way diff knows.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "report/diff/diff_output.hpp"
#include "report/diff/report_diff.hpp"
#include "report/schema_validator.hpp"
#include "tests/unit/mixed_report_fixture.hpp"

using fixture::config_entry;
using fixture::device;
using fixture::mixed_report;
using nlohmann::json;

namespace {

const fwctl::report::SchemaValidator& diff_schema()
{
    static const auto validator = [] {
        auto v = fwctl::report::SchemaValidator::from_text(
            fixture::read_source_file("schemas/fwctl-report-diff.schema.json"), "fwctl-report-diff.schema.json");
        REQUIRE_MESSAGE(v, (v ? std::string() : v.error().message()));
        return std::move(*v);
    }();
    return validator;
}

void check_matches_schema(const json& a, const json& b)
{
    auto diff = fwctl::report::diff_reports(a, b);
    REQUIRE(diff);
    const auto doc = fwctl::report::diff_document(*diff, {"a.yaml", "b.yaml"});
    const auto violations = diff_schema().validate(doc);
    CHECK_MESSAGE(violations.empty(), fwctl::report::summarize(violations));
}

}  // namespace

TEST_CASE("diff schema: draft-07, its own $id, every property described")
{
    const json schema = json::parse(fixture::read_source_file("schemas/fwctl-report-diff.schema.json"));
    CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
    CHECK(schema["$id"] == "urn:fwctl-report:schema:diff:v1");
    for (const auto& [name, property] : schema["properties"].items()) {
        CAPTURE(name);
        CHECK(property.contains("description"));
    }
}

TEST_CASE("diff schema: the documents of identical and of thoroughly different reports match it")
{
    check_matches_schema(mixed_report(), mixed_report());

    json b = mixed_report();
    b["host"]["kernel_release"] = "6.16.0";
    b["host"]["lockdown"] = nullptr;
    b["taint"]["after"]["flags"].push_back({{"bit", 19}, {"letter", "J"}, {"name", "TAINT_FWCTL"}});
    b["taint"]["before"] = nullptr;
    device(b, "fwctl0")["firmware"]["running"] = "28.41.1000";
    config_entry(device(b, "fwctl0"), "NUM_OF_VFS")["current"] = 16;
    device(b, "fwctl0")["config"].erase(0);
    device(b, "fwctl1")["status"] = "failed";
    device(b, "fwctl2")["parent"]["pci"]["address"] = "0000:0e:00.0";
    device(b, "fwctl3")["config"] = json::array({config_entry(device(b, "fwctl0"), "NUM_OF_PF")});
    b["devices"].erase(b["devices"].begin() + 4);
    json extra = device(b, "fwctl5");
    extra["parent"] = nullptr;
    extra["name"] = "fwctl9";
    b["devices"].push_back(extra);
    check_matches_schema(mixed_report(), b);
    check_matches_schema(b, mixed_report());
}
