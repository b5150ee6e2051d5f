// Faults before any RPC: FWCTL_INFO failing with each errno, the device node
// missing (open fails), and INFO data that is empty, short or noise. Every
// device of the mixed lab gets every fault, in one fwctl-sim run, next to
// unfaulted controls. The outcomes go into docs/reliability.md.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <sstream>

#include "report/schema_validator.hpp"
#include "tests/faults/clean_run.hpp"
#include "tests/faults/device_outcome.hpp"
#include "tests/faults/fault_lab.hpp"
#include "tests/faults/reliability_doc.hpp"

using namespace faults;

namespace {

struct DeviceFault {
    std::string id;
    std::string expected_stage;  // "" when the tool may accept it
    std::string expected_errno;
    ordered_json (*apply)(ordered_json device, const std::string& arg);
    std::string arg;
};

ordered_json info_errno(ordered_json d, const std::string& e)
{
    d["faults"] = {{"info_errno", e}};
    return d;
}

ordered_json node_missing(ordered_json d, const std::string&)
{
    d["faults"] = {{"node", "missing"}};
    return d;
}

ordered_json info_data(ordered_json d, const std::string& hex)
{
    d["info_hex"] = hex;
    return d;
}

const std::vector<DeviceFault>& device_faults()
{
    static const std::vector<DeviceFault> all = [] {
        std::vector<DeviceFault> faults;
        for (const char* e : {"ENODEV", "EIO", "EBADMSG", "EMSGSIZE", "EPERM", "EACCES", "ENOMEM", "EINTR",
                              "EAGAIN", "ENOTTY"}) {
            faults.push_back({std::string("INFO ") + e, "info", e, info_errno, e});
        }
        faults.push_back({"open: node missing", "open", "ENOENT", node_missing, ""});
        faults.push_back({"INFO data: 1 byte", "", "", info_data, "01"});
        faults.push_back({"INFO data: 64 bytes of 0xff", "", "", info_data, std::string(128, 'f')});
        return faults;
    }();
    return all;
}

}  // namespace

TEST_CASE("device faults: FWCTL_INFO errors, a missing node and odd INFO data on every device")
{
    const CleanRun clean = run_clean(e2e::lab_path("mixed"));
    ordered_json lab = clean.lab_doc;
    lab["devices"] = ordered_json::array();
    int n = 0;
    std::map<std::string, std::string> base_of;  // copy -> base device
    for (const auto& base : clean.lab_doc["devices"]) {
        lab["devices"].push_back(copy_device(base, n));
        base_of["fwctl" + std::to_string(n++)] = base["name"];
    }
    const int controls = n;
    std::vector<std::pair<const DeviceFault*, std::string>> placed;
    for (const auto& fault : device_faults()) {
        for (const auto& base : clean.lab_doc["devices"]) {
            lab["devices"].push_back(fault.apply(copy_device(base, n), fault.arg));
            base_of["fwctl" + std::to_string(n)] = base["name"];
            placed.emplace_back(&fault, "fwctl" + std::to_string(n++));
        }
    }

    const LabRun run = run_lab(lab);
    CAPTURE(run.outcome.err);
    REQUIRE_MESSAGE(run.outcome.exit_code < 125, "crashed or could not run (exit " << run.outcome.exit_code << ")");
    REQUIRE(run.report.is_object());
    const auto violations = fwctl::report::report_schema().validate(run.report);
    CHECK_MESSAGE(violations.empty(), fwctl::report::summarize(violations));
    CHECK(run.outcome.exit_code == 1);

    for (int i = 0; i < controls; ++i) {
        const std::string copy = "fwctl" + std::to_string(i);
        const ordered_json* device = find_device(run.report, copy);
        REQUIRE(device != nullptr);
        const ordered_json& base = clean.device_report(base_of[copy]);
        for (const char* key : {"type", "info", "firmware", "config", "health", "errors"}) {
            CHECK_MESSAGE((*device)[key] == base[key], copy << " (control) changed its " << key);
        }
    }

    struct Row {
        std::set<std::string> error, status, firmware, config, health;
        std::string example;
    };
    std::map<std::pair<std::string, std::string>, Row> rows;
    std::vector<std::string> order;
    for (const auto& [fault, name] : placed) {
        const ordered_json* device = find_device(run.report, name);
        REQUIRE(device != nullptr);
        CAPTURE(name);
        CAPTURE(fault->id);
        const ordered_json& base = clean.device_report(base_of[name]);
        const DeviceOutcome o = compare_with_clean(*device, base, "");
        CHECK((*device)["type_id"].is_null() == (fault->expected_stage == "open" || fault->expected_stage == "info"));
        if (!fault->expected_stage.empty()) {
            REQUIRE(!(*device)["errors"].empty());
            const auto& e = (*device)["errors"][0];
            CHECK(e["stage"] == fault->expected_stage);
            CHECK(e["errno_name"] == fault->expected_errno);
            CHECK(e["what"] == (fault->expected_stage == "open" ? "/dev/fwctl/" + name : name + " FWCTL_INFO"));
            CHECK((*device)["collection"]["rpcs_sent"] == 0);
            for (const char* section : {"firmware", "config", "health"}) {
                CHECK_MESSAGE((*device)["notes"].contains(section), "empty " << section << " without a note");
            }
        }
        const std::pair<std::string, std::string> key{fault->id, base["type"].get<std::string>()};
        if (!rows.contains(key)) {
            order.push_back(fault->id + "\t" + key.second);
        }
        Row& row = rows[key];
        row.error.insert(o.error);
        row.status.insert((*device)["status"].get<std::string>());
        row.firmware.insert(o.firmware);
        row.config.insert(o.config);
        row.health.insert(o.health);
        if (row.example.empty()) {
            row.example = o.message;
        }
    }

    std::ostringstream md;
    md << "\n### Device faults: FWCTL_INFO, open, INFO data\n\n"
       << "One run: every device of the mixed lab (" << controls << ") once per fault, " << placed.size()
       << " faulted copies and " << controls << " unfaulted controls: exit code " << run.outcome.exit_code
       << ", report " << (violations.empty() ? "valid" : "INVALID")
       << ", controls unchanged, no crash. A failed open or FWCTL_INFO sends no RPC and explains every empty "
          "section in `notes`.\n\n"
       << "| fault | device | error entry | status | firmware | config | health | example message |\n"
       << "|---|---|---|---|---|---|---|---|\n";
    for (const auto& line : order) {
        const auto tab = line.find('\t');
        const std::pair<std::string, std::string> key{line.substr(0, tab), line.substr(tab + 1)};
        const Row& row = rows[key];
        md << "| " << cell(key.first) << " | " << key.second << " | " << joined(row.error) << " | "
           << joined(row.status) << " | " << joined(row.firmware) << " | " << joined(row.config) << " | "
           << joined(row.health) << " | " << cell(row.example) << " |\n";
    }
    check_doc_section("device-faults", md.str());
}
