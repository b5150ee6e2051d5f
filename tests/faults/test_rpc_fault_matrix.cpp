// The RPC fault matrix: every RPC the clean mixed lab sends (found in its RPC
// log, named by the allowlist rule that let it through) gets every fault of
// fault_kinds.cpp. One fwctl-sim run per fault: each device copy in the lab
// carries the fault on a different RPC, next to unfaulted control copies.
//
// For every faulted device: no crash, the report validates, the device keeps
// its identity and FWCTL_INFO, an error entry names the device, the RPC and
// (for errno faults) the errno, and the other devices are unchanged. What
// happened to each section goes into docs/reliability.md.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <sstream>

#include "report/schema_validator.hpp"
#include "tests/faults/clean_run.hpp"
#include "tests/faults/device_outcome.hpp"
#include "tests/faults/fault_kinds.hpp"
#include "tests/faults/fault_lab.hpp"
#include "tests/faults/reliability_doc.hpp"

using namespace faults;

namespace {

const CleanRun& clean_mixed_lab()
{
    static const CleanRun clean = run_clean(e2e::lab_path("mixed"));
    return clean;
}

const Fault& fault_named(const std::string& id)
{
    for (const auto& f : rpc_faults()) {
        if (f.id == id) {
            return f;
        }
    }
    throw std::runtime_error("no fault " + id);
}

// The sections that carry collected data, for comparing devices.
ordered_json data_of(const ordered_json& device)
{
    ordered_json d;
    for (const char* key : {"type", "info", "firmware", "config", "health", "errors"}) {
        d[key] = device[key];
    }
    return d;
}

std::string span_of(const std::set<std::size_t>& counts)
{
    const auto low = std::to_string(*counts.begin());
    return counts.size() == 1 ? low : low + "-" + std::to_string(*counts.rbegin());
}

struct Row {
    std::size_t sites = 0;
    std::set<std::string> error, firmware, config, health;
    std::set<std::size_t> entries;  // error entries per device
    std::string example;
};

void run_fault_column(const std::string& fault_id)
{
    const Fault& fault = fault_named(fault_id);
    const CleanRun& clean = clean_mixed_lab();
    const auto subjects = clean.subjects();
    REQUIRE(!subjects.empty());

    ordered_json lab = clean.lab_doc;
    lab["devices"] = ordered_json::array();
    int n = 0;
    std::map<std::string, std::string> controls;  // copy -> base device
    for (const auto& s : subjects) {
        lab["devices"].push_back(copy_device(clean.lab_device(s), n));
        controls["fwctl" + std::to_string(n++)] = s;
    }
    std::vector<std::pair<const RpcSite*, std::string>> placed;
    for (const auto& site : clean.rpcs) {
        if (std::find(subjects.begin(), subjects.end(), site.device) == subjects.end()) {
            continue;
        }
        ordered_json device = copy_device(clean.lab_device(site.device), n);
        device["replies"] = replies_for(fault, site, clean.rpcs);
        lab["devices"].push_back(device);
        placed.emplace_back(&site, "fwctl" + std::to_string(n++));
    }

    const LabRun run = run_lab(lab);
    CAPTURE(run.outcome.err);
    REQUIRE_MESSAGE(run.outcome.exit_code < 125, "crashed or could not run (exit " << run.outcome.exit_code << ")");
    REQUIRE_MESSAGE(run.report.is_object(), "stdout is not a JSON report");
    const auto violations = fwctl::report::report_schema().validate(run.report);
    CHECK_MESSAGE(violations.empty(), fwctl::report::summarize(violations));
    CHECK(run.report["devices"].size() == lab["devices"].size());

    for (const auto& [copy, base] : controls) {
        const ordered_json* device = find_device(run.report, copy);
        REQUIRE(device != nullptr);
        CHECK_MESSAGE(data_of(*device) == data_of(clean.device_report(base)),
                      "control copy " << copy << " of " << base << " changed next to faulted devices");
    }

    bool any_error = false;
    std::map<std::pair<std::string, std::string>, Row> rows;  // (type, rule)
    for (const auto& [site, name] : placed) {
        const ordered_json* device = find_device(run.report, name);
        REQUIRE(device != nullptr);
        CAPTURE(name);
        CAPTURE(site->rule);
        CAPTURE(site->order);
        const DeviceOutcome o = compare_with_clean(*device, clean.device_report(site->device), site->rule);
        any_error = any_error || !(*device)["errors"].empty();
        CHECK(o.identity_and_info_kept);
        const bool has_errors = !(*device)["errors"].empty();
        if (fault.must_be_error() || has_errors) {
            CHECK_MESSAGE(o.error_names_rpc, "no error entry names '" << name << " " << site->rule << "'; got "
                                                                      << (*device)["errors"].dump());
            CHECK(!o.message.empty());
        }
        if (fault.expects_errno()) {
            CHECK(o.error == "rpc " + fault.errno_name);
        }
        Row& row = rows[{site->type_name, site->rule}];
        ++row.sites;
        row.error.insert(o.error);
        row.entries.insert((*device)["errors"].size());
        row.firmware.insert(o.firmware);
        row.config.insert(o.config);
        row.health.insert(o.health);
        if (row.example.empty()) {
            row.example = o.message;
        }
    }
    CHECK(run.outcome.exit_code == (any_error ? 1 : 0));

    std::ostringstream md;
    md << "\n### RPC fault: " << fault.id << "\n\n" << fault.description << ".\n\n"
       << "One run, " << placed.size() << " faulted device copies and " << controls.size()
       << " unfaulted controls: exit code " << run.outcome.exit_code << ", report "
       << (violations.empty() ? "valid" : "INVALID") << ", controls unchanged, no crash.\n\n"
       << "| device | RPC (allowlist rule) | sites | error entry | entries | firmware | config | health | example message |\n"
       << "|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& [key, row] : rows) {
        md << "| " << key.first << " | " << cell(key.second) << " | " << row.sites << " | " << joined(row.error)
           << " | " << span_of(row.entries) << " | " << joined(row.firmware) << " | " << joined(row.config) << " | " << joined(row.health) << " | "
           << cell(row.example) << " |\n";
    }
    check_doc_section("rpc-fault " + fault.id, md.str());
}

}  // namespace

TEST_CASE("fault matrix: the clean lab reaches every allowlist rule, so every RPC gets every fault")
{
    const CleanRun& clean = clean_mixed_lab();
    CHECK(!clean.rpcs.empty());
    std::string missing;
    for (const auto& r : clean.rules_never_sent) {
        missing += r + "; ";
    }
    CHECK_MESSAGE(clean.rules_never_sent.empty(), "rules the mixed lab never sends (not in the matrix): " << missing);
}

TEST_CASE("fault matrix: hot-unplug, ENODEV from one RPC on") { run_fault_column("hot-unplug"); }
TEST_CASE("fault matrix: EIO on one RPC") { run_fault_column("EIO"); }
TEST_CASE("fault matrix: EBADMSG on one RPC") { run_fault_column("EBADMSG"); }
TEST_CASE("fault matrix: EMSGSIZE on one RPC") { run_fault_column("EMSGSIZE"); }
TEST_CASE("fault matrix: EPERM on one RPC") { run_fault_column("EPERM"); }
TEST_CASE("fault matrix: EACCES on one RPC") { run_fault_column("EACCES"); }
TEST_CASE("fault matrix: ENOMEM on one RPC") { run_fault_column("ENOMEM"); }
TEST_CASE("fault matrix: EINTR on every attempt of one RPC") { run_fault_column("EINTR"); }
TEST_CASE("fault matrix: EAGAIN on one RPC") { run_fault_column("EAGAIN"); }
TEST_CASE("fault matrix: in-band firmware error on one RPC") { run_fault_column("in-band-error"); }
TEST_CASE("fault matrix: reply shorter than its header") { run_fault_column("short-reply"); }
TEST_CASE("fault matrix: inner length fields beyond the buffer") { run_fault_column("length-overflow"); }
TEST_CASE("fault matrix: random reply bytes") { run_fault_column("random-bytes"); }

TEST_CASE("fault matrix: every fault kind has a test case")
{
    CHECK(rpc_faults().size() == 13);  // one TEST_CASE above per entry of rpc_faults()
}
