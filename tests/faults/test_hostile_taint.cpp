// /proc/sys/kernel/tainted as a broken kernel or a hostile container might
// show it. The tool reads it before and after the devices; whatever it holds,
// the devices are still collected, the report stays valid UTF-8, and a mask
// that cannot be read is an error entry of stage `taint` naming the file.
// (A missing file cannot be emulated: umockdev then shows the host's own.)
#include <doctest/doctest.h>

#include <sstream>

#include "report/schema_validator.hpp"
#include "tests/faults/fault_lab.hpp"
#include "tests/faults/reliability_doc.hpp"

using namespace faults;

namespace {

struct TaintCase {
    std::string description;
    std::string shell;  // replaces $T, the testbed's tainted file
    bool is_error = true;
};

}  // namespace

TEST_CASE("hostile taint file: garbage, empty, a directory, overflowing or all bits set")
{
    const std::vector<TaintCase> cases{
        {"text and a non-UTF-8 byte", "printf 'garbage\\377\\n' >\"$T\""},
        {"empty", ": >\"$T\""},
        {"a directory (read fails)", "rm \"$T\"; mkdir \"$T\""},
        {"a number beyond 64 bits", "printf '99999999999999999999999\\n' >\"$T\""},
        {"negative", "printf -- '-1\\n' >\"$T\""},
        {"all 64 bits set (bit 63 is no kernel's)", "printf '18446744073709551615\\n' >\"$T\""},
        {"bit 62 set: an unknown flag, reported as such", "printf '4611686018427387904\\n' >\"$T\"", false},
    };
    std::ostringstream md;
    md << "\n### Hostile taint file\n\n"
       << "`/proc/sys/kernel/tainted` replaced in the testbed of the one-mlx5 lab before the run.\n\n"
       << "| content | exit | report | device | error entries | taint.before |\n|---|---|---|---|---|---|\n";
    for (const auto& c : cases) {
        CAPTURE(c.description);
        const std::string script = "env -u LD_PRELOAD /bin/sh -c \"$EDIT\" || exit 99\nexec \"$REPORT\" --quiet --format json";
        const auto o = e2e::run({"/usr/bin/env", std::string("REPORT=") + FWCTL_REPORT_BIN,
                                 "EDIT=T=\"$UMOCKDEV_DIR/proc/sys/kernel/tainted\"; " + c.shell, FWCTL_SIM_BIN, "--lab",
                                 e2e::lab_path("one-mlx5"), "--", "/bin/sh", "-c", script});
        CAPTURE(o.err);
        REQUIRE_MESSAGE(o.exit_code < 125, "crashed (exit " << o.exit_code << ")");
        CHECK(o.exit_code == (c.is_error ? 1 : 0));
        ordered_json report;
        REQUIRE_NOTHROW(report = ordered_json::parse(o.out));
        const auto violations = fwctl::report::report_schema().validate(report);
        CHECK_MESSAGE(violations.empty(), fwctl::report::summarize(violations));
        const bool device_ok = report["devices"].size() == 1 && report["devices"][0]["status"] == "ok";
        CHECK(device_ok);
        std::string errors;
        for (const auto& e : report["errors"]) {
            CHECK(e["stage"] == "taint");
            CHECK(e["what"] == "/proc/sys/kernel/tainted");
            errors += (errors.empty() ? "" : "; ") + e["stage"].get<std::string>() + " " +
                      (e["errno_name"].is_string() ? e["errno_name"].get<std::string>() : std::string("-")) + ": " +
                      e["message"].get<std::string>();
        }
        CHECK(report["errors"].empty() != c.is_error);
        md << "| " << cell(c.description) << " | " << o.exit_code << " | " << (violations.empty() ? "valid" : "INVALID")
           << " | " << (device_ok ? "collected" : "NOT COLLECTED") << " | " << cell(errors.empty() ? "none" : errors)
           << " | " << cell(report["taint"]["before"].is_null() ? "null" : report["taint"]["before"]["value"].dump())
           << " |\n";
    }
    check_doc_section("hostile-taint", md.str());
}
