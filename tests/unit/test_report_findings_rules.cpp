// The shipped rules (rules/*.yaml), one specification per finding id: what
// makes it fire and what keeps it silent. The documents are the mixed lab's
// devices (findings_test_documents.hpp) changed in one place.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "tests/unit/findings_test_documents.hpp"

using namespace findings_test;

TEST_CASE("the shipped rules files load without an error")
{
    const auto& rules = shipped_rules();
    for (const auto& e : rules.errors) {
        FAIL_CHECK(e.what << ": " << e.message);
    }
    CHECK(rules.rules.size() >= 25);
}

TEST_CASE("the mixed lab: staged firmware, PCI-visible settings, a pending change and the privilege gap")
{
    const Json findings = findings_of(mixed_lab_report());

    const Json staged = with_id(findings, "FWCTL-FW-PENDING-ACTIVATION");
    REQUIRE(staged.size() == 2);  // the ConnectX-7 and the BCM57508
    CHECK(staged[0]["device"] == "fwctl0");
    CHECK(staged[0]["severity"] == "warning");
    CHECK(staged[0]["subject"] == "firmware 28.41.1000");
    CHECK(staged[0]["message"] ==
          "Firmware 28.41.1000 is stored in flash but 28.39.1002 is still running; the new firmware takes "
          "effect only after a firmware reset or a reboot.");
    CHECK(staged[0]["evidence"] == Json{{"pending_activation", true}, {"running", "28.39.1002"}, {"stored", "28.41.1000"}});
    CHECK(staged[1]["device"] == "fwctl3");

    const Json pci = with_id(findings, "FWCTL-CFG-PCI-NONDEFAULT");
    REQUIRE(pci.size() == 2);
    CHECK(pci[0]["subject"] == "SRIOV_EN");
    CHECK(pci[1]["subject"] == "NUM_OF_VFS");
    CHECK(pci[1]["severity"] == "warning");
    CHECK(pci[1]["evidence"]["next_boot"] == 16);
    CHECK(pci[1]["evidence"]["written_by"] == "ICMD_MLXCONFIG");
    CHECK(pci[1]["message"].get<std::string>().starts_with("NUM_OF_VFS is 16 instead of the factory default 0;"));

    const Json pending = with_id(findings, "FWCTL-CFG-PENDING");
    std::set<std::string> pending_subjects;
    for (const auto& f : pending) {
        pending_subjects.insert(f["device"].get<std::string>() + " " + f["subject"].get<std::string>());
    }
    CHECK(pending_subjects == std::set<std::string>{"fwctl0 NUM_OF_VFS", "fwctl2 patrol_scrub.scrub_cycle_hours",
                                                   "fwctl2 d1b5f3a2-7c4e-4f1a-9b6d-2e8c0a4f7b13"});
    CHECK(pending[0]["message"].get<std::string>().find("only after a reset or reboot") != std::string::npos);

    const Json privilege = with_id(findings, "FWCTL-MLX5-NO-TOOLS-RESOURCES");
    REQUIRE(privilege.size() == 1);
    CHECK(privilege[0]["device"] == "fwctl1");
    CHECK(privilege[0]["message"].get<std::string>().find("(uctx_caps 0x0) and refused 4 of its queries") !=
          std::string::npos);
    CHECK(privilege[0]["evidence"]["refused"].size() == 4);
    // The refusals are explained once, by the privilege finding, not again as a partial device.
    CHECK(with_id(findings, "FWCTL-DEVICE-PARTIAL").empty());
}

TEST_CASE("findings come most severe first")
{
    Json report = mixed_lab_report();
    report["taint"]["changed_during_run"] = true;
    const Json findings = findings_of(report);
    REQUIRE(!findings.empty());
    CHECK(findings[0]["id"] == "FWCTL-TAINT-CHANGED-DURING-RUN");
    const std::vector<std::string> order{"critical", "warning", "notice", "info"};
    std::size_t rank = 0;
    for (const auto& f : findings) {
        const auto at = std::find(order.begin(), order.end(), f["severity"].get<std::string>()) - order.begin();
        CHECK(static_cast<std::size_t>(at) >= rank);
        rank = static_cast<std::size_t>(at);
    }
}

TEST_CASE("FWCTL-FW-PENDING-ACTIVATION: only when the plugin says an activation is pending")
{
    Json report = mixed_lab_report();
    device_named(report, "fwctl0")["firmware"]["pending_activation"] = false;
    device_named(report, "fwctl3")["firmware"]["pending_activation"] = nullptr;  // unknown is not pending
    CHECK(with_id(findings_of(report), "FWCTL-FW-PENDING-ACTIVATION").empty());
}

TEST_CASE("FWCTL-FW-DIFFERS-SAME-ADAPTER: functions of one adapter that run different firmware")
{
    Json report = mixed_lab_report();
    SUBCASE("fires when two functions of 0000:03:00 disagree")
    {
        device_named(report, "fwctl1")["firmware"]["running"] = "28.38.1000";
        const Json found = with_id(findings_of(report), "FWCTL-FW-DIFFERS-SAME-ADAPTER");
        REQUIRE(found.size() == 1);
        CHECK(found[0]["device"].is_null());
        CHECK(found[0]["subject"] == "firmware of the adapter at 0000:03:00");
        CHECK(found[0]["evidence"] == Json{{"fwctl0", "28.39.1002"}, {"fwctl1", "28.38.1000"}});
        CHECK(found[0]["message"].get<std::string>().find("(fwctl0, fwctl1) run different firmware versions "
                                                          "(28.39.1002, 28.38.1000)") != std::string::npos);
    }
    SUBCASE("silent when the other function's version is unknown (the mixed lab: fwctl1 was refused)")
    {
        CHECK(with_id(findings_of(report), "FWCTL-FW-DIFFERS-SAME-ADAPTER").empty());
    }
    SUBCASE("silent for different adapters")
    {
        device_named(report, "fwctl1")["firmware"]["running"] = "28.38.1000";
        device_named(report, "fwctl1")["parent"]["pci"]["address"] = "0000:04:00.0";
        CHECK(with_id(findings_of(report), "FWCTL-FW-DIFFERS-SAME-ADAPTER").empty());
    }
}

TEST_CASE("FWCTL-MLX5-FW-DIFFERS-SAME-PSID: identical adapters with different firmware")
{
    Json report = mixed_lab_report();
    Json other = device_named(report, "fwctl0");
    other["name"] = "fwctl9";
    other["parent"]["pci"]["address"] = "0000:81:00.0";
    SUBCASE("fires for the same PSID on another adapter")
    {
        other["firmware"]["running"] = "28.36.1010";
        report["devices"].push_back(other);
        const Json found = with_id(findings_of(report), "FWCTL-MLX5-FW-DIFFERS-SAME-PSID");
        REQUIRE(found.size() == 1);
        CHECK(found[0]["subject"] == "firmware of PSID MT_0000000838");
        CHECK(found[0]["evidence"]["fwctl9"] == "28.36.1010");
    }
    SUBCASE("silent when they agree")
    {
        report["devices"].push_back(other);
        CHECK(with_id(findings_of(report), "FWCTL-MLX5-FW-DIFFERS-SAME-PSID").empty());
    }
}

TEST_CASE("FWCTL-BNXT-FW-DIFFERS-SAME-BOARD: identical bnxt boards with different packages")
{
    Json report = mixed_lab_report();
    Json other = device_named(report, "fwctl3");
    other["name"] = "fwctl8";
    other["parent"]["pci"]["address"] = "0000:42:00.0";
    other["firmware"]["running"] = "229.0.1.0";
    report["devices"].push_back(other);
    const Json found = with_id(findings_of(report), "FWCTL-BNXT-FW-DIFFERS-SAME-BOARD");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["subject"] == "firmware of boards 0x14e4:0x1750 0x14e4:0x5208");
    other["firmware"]["running"] = "230.1.116.0";
    report["devices"].back() = other;
    CHECK(with_id(findings_of(report), "FWCTL-BNXT-FW-DIFFERS-SAME-BOARD").empty());
}

TEST_CASE("FWCTL-CFG-*-NONDEFAULT: a setting that differs from default, graded by its catalogue category")
{
    Json report = mixed_lab_report();
    Json& pf0 = device_named(report, "fwctl0");
    SUBCASE("performance: notice")
    {
        Json& cqe = config_entry(pf0, "CQE_COMPRESSION");
        cqe["next_boot"] = "AGGRESSIVE";
        cqe["differs_from_default"] = true;
        const Json found = with_id(findings_of(report), "FWCTL-CFG-PERF-NONDEFAULT");
        REQUIRE(found.size() == 1);
        CHECK(found[0]["severity"] == "notice");
        CHECK(found[0]["subject"] == "CQE_COMPRESSION");
    }
    SUBCASE("other (and CXL ras, and items the catalogue does not know): info")
    {
        const Json found = with_id(findings_of(report), "FWCTL-CFG-NONDEFAULT");
        std::set<std::string> subjects;
        for (const auto& f : found) {
            CHECK(f["severity"] == "info");
            subjects.insert(f["subject"].get<std::string>());
        }
        CHECK(subjects.contains("0x00000006"));              // the raw mlx5 item: named by its id
        CHECK(subjects.contains("ecs.fru0.threshold_count"));  // CXL, category ras
        CHECK(!subjects.contains("SRIOV_EN"));                 // pci: graded above
    }
    SUBCASE("silent when the values equal the default")
    {
        for (auto& device : report["devices"]) {
            for (auto& entry : device["config"]) {
                entry["differs_from_default"] = false;
            }
        }
        const Json findings = findings_of(report);
        CHECK(with_id(findings, "FWCTL-CFG-PCI-NONDEFAULT").empty());
        CHECK(with_id(findings, "FWCTL-CFG-PERF-NONDEFAULT").empty());
        CHECK(with_id(findings, "FWCTL-CFG-NONDEFAULT").empty());
    }
    SUBCASE("silent when it is not known (null)")
    {
        config_entry(pf0, "SRIOV_EN")["differs_from_default"] = nullptr;
        CHECK(with_id(findings_of(report), "FWCTL-CFG-PCI-NONDEFAULT").size() == 1);  // NUM_OF_VFS only
    }
}

TEST_CASE("FWCTL-CFG-PENDING: silent when next boot equals current or is unknown")
{
    Json report = mixed_lab_report();
    for (auto& device : report["devices"]) {
        for (auto& entry : device["config"]) {
            if (entry["pending_change"] == true) {
                entry["pending_change"] = false;
            }
        }
    }
    config_entry(device_named(report, "fwctl2"), "ecs.log_entry_type")["pending_change"] = nullptr;
    CHECK(with_id(findings_of(report), "FWCTL-CFG-PENDING").empty());
}

TEST_CASE("FWCTL-TAINT-FWCTL-BEFORE-RUN: J was set before the run")
{
    Json report = mixed_lab_report();
    CHECK(with_id(findings_of(report), "FWCTL-TAINT-FWCTL-BEFORE-RUN").empty());
    report["taint"]["before"]["flags"].push_back({{"bit", 19}, {"letter", "J"}, {"name", "TAINT_FWCTL"}});
    report["taint"]["before"]["value"] = 4096 + 524288;
    const Json found = with_id(findings_of(report), "FWCTL-TAINT-FWCTL-BEFORE-RUN");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["device"].is_null());
    CHECK(found[0]["severity"] == "warning");
    CHECK(found[0]["evidence"]["flags_before"] == Json{"O", "J"});
}

TEST_CASE("FWCTL-TAINT-CHANGED-DURING-RUN: critical, never expected from this tool")
{
    Json report = mixed_lab_report();
    CHECK(with_id(findings_of(report), "FWCTL-TAINT-CHANGED-DURING-RUN").empty());
    report["taint"]["changed_during_run"] = true;
    report["taint"]["after"]["value"] = 4096 + 524288;
    report["taint"]["after"]["flags"].push_back({{"bit", 19}, {"letter", "J"}, {"name", "TAINT_FWCTL"}});
    const Json found = with_id(findings_of(report), "FWCTL-TAINT-CHANGED-DURING-RUN");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["severity"] == "critical");
    CHECK(found[0]["message"].get<std::string>().starts_with(
        "The kernel taint mask changed while fwctl-report ran, from 4096 to 528384 (flags now O, J);"));
}

TEST_CASE("FWCTL-TAINT-UNKNOWN: the taint mask could not be read")
{
    Json report = mixed_lab_report();
    CHECK(with_id(findings_of(report), "FWCTL-TAINT-UNKNOWN").empty());
    report["taint"]["after"] = nullptr;
    report["taint"]["changed_during_run"] = nullptr;
    CHECK(with_id(findings_of(report), "FWCTL-TAINT-UNKNOWN").size() == 1);
}

TEST_CASE("FWCTL-LOCKDOWN-ACTIVE: integrity or confidentiality lockdown")
{
    Json report = mixed_lab_report();
    CHECK(with_id(findings_of(report), "FWCTL-LOCKDOWN-ACTIVE").empty());  // none
    report["host"]["lockdown"] = nullptr;
    CHECK(with_id(findings_of(report), "FWCTL-LOCKDOWN-ACTIVE").empty());
    report["host"]["lockdown"] = "confidentiality";
    const Json found = with_id(findings_of(report), "FWCTL-LOCKDOWN-ACTIVE");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["message"].get<std::string>().starts_with("Kernel lockdown is in confidentiality mode"));
}

TEST_CASE("FWCTL-MLX5-NO-TOOLS-RESOURCES: silent when the context has the privilege")
{
    Json report = mixed_lab_report();
    device_named(report, "fwctl1")["info"]["decoded"]["tools_resources"] = true;
    const Json findings = findings_of(report);
    CHECK(with_id(findings, "FWCTL-MLX5-NO-TOOLS-RESOURCES").empty());
    // Its refusals now count as an ordinary partial device.
    CHECK(with_id(findings, "FWCTL-DEVICE-PARTIAL").size() == 1);
}

TEST_CASE("FWCTL-DEVICE-FAILED, FWCTL-DEVICE-TIMEOUT, FWCTL-DEVICE-PARTIAL: devices that could not be read")
{
    Json report = mixed_lab_report();
    Json& bnxt = device_named(report, "fwctl3");
    SUBCASE("failed")
    {
        bnxt["status"] = "failed";
        bnxt["errors"].push_back({{"stage", "info"}, {"what", "fwctl3 FWCTL_INFO"}, {"errno", 5},
                                  {"errno_name", "EIO"}, {"message", "FWCTL_INFO failed"}});
        const Json found = with_id(findings_of(report), "FWCTL-DEVICE-FAILED");
        REQUIRE(found.size() == 1);
        CHECK(found[0]["message"].get<std::string>().ends_with("sysfs identity: FWCTL_INFO failed."));
    }
    SUBCASE("timed out")
    {
        bnxt["status"] = "partial";
        bnxt["errors"].push_back({{"stage", "rpc"}, {"what", "fwctl3 HWRM_FW_QSTATUS"}, {"errno", 110},
                                  {"errno_name", "ETIMEDOUT"}, {"message", "timed out"}});
        const Json findings = findings_of(report);
        CHECK(with_id(findings, "FWCTL-DEVICE-TIMEOUT").size() == 1);
        CHECK(with_id(findings, "FWCTL-DEVICE-PARTIAL").empty());
    }
    SUBCASE("partial")
    {
        bnxt["status"] = "partial";
        bnxt["errors"].push_back({{"stage", "rpc"}, {"what", "fwctl3 HWRM_FW_QSTATUS"}, {"errno", 5},
                                  {"errno_name", "EIO"}, {"message", "failed"}});
        const Json found = with_id(findings_of(report), "FWCTL-DEVICE-PARTIAL");
        REQUIRE(found.size() == 1);
        CHECK(found[0]["message"].get<std::string>().starts_with("1 queries to fwctl3 failed"));
    }
    SUBCASE("none of them for devices that were read")
    {
        const Json findings = findings_of(report);
        CHECK(with_id(findings, "FWCTL-DEVICE-FAILED").empty());
        CHECK(with_id(findings, "FWCTL-DEVICE-TIMEOUT").empty());
    }
}

TEST_CASE("FWCTL-DEVICE-NO-PLUGIN: an fwctl device type this version does not know")
{
    Json report = mixed_lab_report();
    const Json found = with_id(findings_of(report), "FWCTL-DEVICE-NO-PLUGIN");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["device"] == "fwctl5");
    CHECK(found[0]["subject"] == "fwctl device type 9");
    // A device whose INFO failed has no type: that is FWCTL-DEVICE-FAILED, not this.
    device_named(report, "fwctl5")["type_id"] = nullptr;
    CHECK(with_id(findings_of(report), "FWCTL-DEVICE-NO-PLUGIN").empty());
}

TEST_CASE("devices_without_fwctl: one finding per reason, naming the driver and what to do")
{
    Json report = mixed_lab_report();
    const Json pci = {{"address", "0000:05:00.0"}, {"vendor_id", "0x15b3"}, {"device_id", "0x101d"},
                      {"subsystem_vendor_id", nullptr}, {"subsystem_device_id", nullptr}, {"revision", nullptr},
                      {"class", nullptr}, {"numa_node", nullptr}, {"link", {{"speed", nullptr}, {"width", nullptr}}}};
    const auto entry = [&](const char* reason) {
        return Json{{"address", "0000:05:00.0"}, {"driver", "mlx5_core"}, {"fwctl_driver", "mlx5_fwctl"},
                    {"reason", reason}, {"pci", pci}};
    };
    CHECK(with_id(findings_of(report), "FWCTL-NO-FWCTL-IN-KERNEL").empty());
    CHECK(with_id(findings_of(report), "FWCTL-FWCTL-DRIVER-NOT-LOADED").empty());
    CHECK(with_id(findings_of(report), "FWCTL-FWCTL-NOT-OFFERED").empty());

    // Without fwctl in the kernel the cause is the host's: one finding for all functions.
    report["devices_without_fwctl"] = Json{entry("no_fwctl_in_kernel"), entry("no_fwctl_in_kernel")};
    report["devices_without_fwctl"][1]["address"] = "0000:05:00.1";
    Json found = with_id(findings_of(report), "FWCTL-NO-FWCTL-IN-KERNEL");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["device"].is_null());
    CHECK(found[0]["message"].get<std::string>().starts_with(
        "PCI functions with fwctl-capable drivers (mlx5_core: 0000:05:00.0, 0000:05:00.1) are not in this "
        "report because kernel 6.15.0-1-amd64 has no fwctl"));
    CHECK(found[0]["message"].get<std::string>().ends_with("load mlx5_fwctl and run fwctl-report again."));
    CHECK(found[0]["evidence"]["addresses"] == Json{"0000:05:00.0", "0000:05:00.1"});

    // Json::array(), not Json{...}: a braced list of one json is a copy to
    // clang and a one-element array to g++.
    report["devices_without_fwctl"] = Json::array({entry("fwctl_driver_not_loaded")});
    found = with_id(findings_of(report), "FWCTL-FWCTL-DRIVER-NOT-LOADED");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["message"].get<std::string>().find("'modprobe mlx5_fwctl'") != std::string::npos);

    report["devices_without_fwctl"] = Json::array({entry("not_offered")});
    CHECK(with_id(findings_of(report), "FWCTL-FWCTL-NOT-OFFERED").size() == 1);
}

TEST_CASE("bnxt: a pending self-reset, pending NVM options, and health problems")
{
    Json report = mixed_lab_report();
    Json& bnxt = device_named(report, "fwctl3");
    Json findings = findings_of(report);
    CHECK(with_id(findings, "FWCTL-BNXT-SELF-RESET-PENDING").empty());
    CHECK(with_id(findings, "FWCTL-BNXT-NVM-OPTION-PENDING").empty());
    CHECK(with_id(findings, "FWCTL-BNXT-HEALTH-PROBLEM").empty());
    bnxt["health"]["fw_qstatus"]["self_reset"] = "asap";
    bnxt["health"]["fw_qstatus"]["nvm_option_action"] = "host_reset_required";
    bnxt["health"]["fw_health_check"]["problems"] = Json{"recovery_required"};
    findings = findings_of(report);
    CHECK(with_id(findings, "FWCTL-BNXT-SELF-RESET-PENDING").size() == 1);
    CHECK(with_id(findings, "FWCTL-BNXT-NVM-OPTION-PENDING").size() == 1);
    const Json health = with_id(findings, "FWCTL-BNXT-HEALTH-PROBLEM");
    REQUIRE(health.size() == 1);
    CHECK(health[0]["message"] == "The firmware health check of fwctl3 reports problems: recovery_required.");
}

TEST_CASE("FWCTL-CXL-PATROL-SCRUB-OFF: patrol scrub turned off on a CXL memory device")
{
    Json report = mixed_lab_report();
    CHECK(with_id(findings_of(report), "FWCTL-CXL-PATROL-SCRUB-OFF").empty());
    config_entry(device_named(report, "fwctl2"), "patrol_scrub.enabled")["current"] = false;
    CHECK(with_id(findings_of(report), "FWCTL-CXL-PATROL-SCRUB-OFF").size() == 1);
}

TEST_CASE("FWCTL-RULES-ERROR: a rules file that could not be used shows as a finding")
{
    Json report = mixed_lab_report();
    CHECK(with_id(findings_of(report), "FWCTL-RULES-ERROR").empty());
    report["errors"].push_back({{"stage", "rules"}, {"what", "rules/site.yaml rule 2 key 'severity'"}, {"errno", nullptr},
                                {"errno_name", nullptr}, {"message", "must be info, notice, warning or critical"}});
    const Json found = with_id(findings_of(report), "FWCTL-RULES-ERROR");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["subject"] == "rules/site.yaml rule 2 key 'severity'");
}

TEST_CASE("every finding id of the shipped rules is documented in the man page")
{
    const std::string man = read_source_file("man/fwctl-report.8");
    REQUIRE(!man.empty());
    for (const auto& rule : shipped_rules().rules) {
        // mdoc: each id is an item of the FINDINGS list, ".It Sy FWCTL-...".
        CHECK_MESSAGE(man.find(".It Sy " + rule.id + "\n") != std::string::npos,
                      rule.id << " (" << rule.file << ") is not documented in man/fwctl-report.8, FINDINGS");
    }
}

TEST_CASE("every shipped rule has a specification in this file")
{
    const std::string specs = read_source_file("tests/unit/test_report_findings_rules.cpp");
    for (const auto& rule : shipped_rules().rules) {
        CHECK_MESSAGE(specs.find("\"" + rule.id + "\"") != std::string::npos,
                      rule.id << " has no test in tests/unit/test_report_findings_rules.cpp");
    }
}

TEST_CASE("the schema example of a kernel without fwctl carries exactly the findings the shipped rules draw from it")
{
    const Json example = Json::parse(read_source_file("schemas/examples/no-devices.json"));
    CHECK(findings_of(example) == example["findings"]);
}
